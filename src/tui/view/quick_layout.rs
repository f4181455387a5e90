//! The splits the launcher and the practice screen make on every frame, worked out
//! without ratatui's constraint solver when their parts fit. A solve the layout cache has
//! not seen costs about 0.2M instructions (callgrind), and the practice screen's first
//! frame made four of them, a quarter of its draw (BENCHMARKS.md, start-up). Each
//! function gives exactly what its `Layout` gives (the tests compare them over every size
//! to well past any terminal) and asks that `Layout` itself when the parts do not fit.

use ratatui::layout::{Constraint, Direction, Layout, Rect};

/// As `Layout::vertical([Length(h) for each of heights, Min(min)])`: rows of fixed
/// heights from the top, then the rest.
pub fn rows_then_rest<const N: usize>(
    area: Rect,
    heights: [u16; N],
    min: u16,
) -> ([Rect; N], Rect) {
    let fixed = heights.iter().try_fold(0u16, |sum, &h| sum.checked_add(h));
    match fixed.and_then(|f| f.checked_add(min)) {
        Some(needed) if needed <= area.height => {
            let mut y = area.y;
            let rows = heights.map(|height| {
                let row = Rect { y, height, ..area };
                y += height;
                row
            });
            let rest = Rect {
                y,
                height: area.bottom() - y,
                ..area
            };
            (rows, rest)
        }
        _ => {
            let constraints = heights
                .iter()
                .map(|&h| Constraint::Length(h))
                .chain([Constraint::Min(min)]);
            let parts = Layout::vertical(constraints).split(area);
            let rows = std::array::from_fn(|i| parts.get(i).copied().unwrap_or_default());
            (rows, parts.get(N).copied().unwrap_or_default())
        }
    }
}

/// As `Layout::vertical([Min(min), Length(height)])`: the rest, then rows of a fixed
/// height at the bottom.
pub fn rest_then_rows(area: Rect, min: u16, height: u16) -> [Rect; 2] {
    match min.checked_add(height) {
        Some(needed) if needed <= area.height => {
            let top = area.height - height;
            [
                Rect {
                    height: top,
                    ..area
                },
                Rect {
                    y: area.y + top,
                    height,
                    ..area
                },
            ]
        }
        _ => Layout::vertical([Constraint::Min(min), Constraint::Length(height)]).areas(area),
    }
}

/// As `Layout::new(direction, [Percentage(percent), Min(min)])`: a share of the length,
/// then the rest.
pub fn share_then_rest(area: Rect, direction: Direction, percent: u16, min: u16) -> [Rect; 2] {
    let total = match direction {
        Direction::Horizontal => area.width,
        Direction::Vertical => area.height,
    };
    let share = percent_of(total, percent);
    match share.and_then(|s| s.checked_add(min)) {
        Some(needed) if percent <= 100 && needed <= total => {
            let share = share.unwrap_or_default();
            match direction {
                Direction::Horizontal => [
                    Rect {
                        width: share,
                        ..area
                    },
                    Rect {
                        x: area.x + share,
                        width: total - share,
                        ..area
                    },
                ],
                Direction::Vertical => [
                    Rect {
                        height: share,
                        ..area
                    },
                    Rect {
                        y: area.y + share,
                        height: total - share,
                        ..area
                    },
                ],
            }
        }
        _ => Layout::new(
            direction,
            [Constraint::Percentage(percent), Constraint::Min(min)],
        )
        .areas(area),
    }
}

/// `percent` % of `total`, rounded half away from zero as the solver's result is.
fn percent_of(total: u16, percent: u16) -> Option<u16> {
    let exact = f64::from(total) * f64::from(percent) / 100.0;
    u16::try_from(exact.round() as u64).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(x: u16, y: u16, width: u16, height: u16) -> Rect {
        Rect::new(x, y, width, height)
    }

    #[test]
    fn rows_then_rest_is_the_solver_s_split() {
        for height in 0..=300 {
            let area = at(3, 2, 80, height);
            let solved: [Rect; 3] = Layout::vertical([
                Constraint::Length(1),
                Constraint::Length(1),
                Constraint::Min(3),
            ])
            .areas(area);
            let ([a, b], c) = rows_then_rest(area, [1, 1], 3);
            assert_eq!([a, b, c], solved, "{height}");
            for first in 0..=40 {
                let solved: [Rect; 2] =
                    Layout::vertical([Constraint::Length(first), Constraint::Min(3)]).areas(area);
                let ([a], b) = rows_then_rest(area, [first], 3);
                assert_eq!([a, b], solved, "{first} of {height}");
            }
        }
        for height in 0..=120 {
            let area = at(0, 1, 120, height);
            for list in 0..=14 {
                for warn in 0..=6 {
                    let solved: [Rect; 4] = Layout::vertical([
                        Constraint::Length(3),
                        Constraint::Length(list),
                        Constraint::Length(warn),
                        Constraint::Min(0),
                    ])
                    .areas(area);
                    let ([a, b, c], d) = rows_then_rest(area, [3, list, warn], 0);
                    assert_eq!([a, b, c, d], solved, "{list} {warn} of {height}");
                }
            }
        }
        let huge = rows_then_rest(at(0, 0, 10, 100), [u16::MAX, 2], 1);
        let solved: [Rect; 3] = Layout::vertical([
            Constraint::Length(u16::MAX),
            Constraint::Length(2),
            Constraint::Min(1),
        ])
        .areas(at(0, 0, 10, 100));
        assert_eq!([huge.0[0], huge.0[1], huge.1], solved);
    }

    #[test]
    fn rest_then_rows_is_the_solver_s_split() {
        for height in 0..=2000 {
            let area = at(1, 4, 50, height);
            let solved: [Rect; 2] =
                Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
            assert_eq!(rest_then_rows(area, 1, 1), solved, "{height}");
        }
    }

    #[test]
    fn share_then_rest_is_the_solver_s_split() {
        for total in 0..=1200 {
            for (percent, min) in [
                (38, 20),
                (50, 20),
                (60, 4),
                (40, 4),
                (0, 3),
                (100, 0),
                (33, 7),
            ] {
                for direction in [Direction::Horizontal, Direction::Vertical] {
                    let area = at(2, 5, total, total);
                    let solved: [Rect; 2] = Layout::new(
                        direction,
                        [Constraint::Percentage(percent), Constraint::Min(min)],
                    )
                    .areas(area);
                    assert_eq!(
                        share_then_rest(area, direction, percent, min),
                        solved,
                        "{percent}% then {min} of {total} {direction:?}"
                    );
                }
            }
        }
    }
}
