//! What review shows of a saved session, laid out once when it opens (the view draws only
//! the part on screen; see [`crate::tui::doc`]).

use crate::tui::keymap::{Cmd, Ctx, Keymap};
use jiff::tz::TimeZone;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::diagram::{Charset, draw, find_diagrams, parse_mermaid};
use crate::domain::export::local_time;
use crate::domain::framework::Step;
use crate::domain::sanitize::sanitize;
use crate::domain::scoring::{Scorecard, Verdict};
use crate::domain::timer::{Countdown, clock_text, countdown_text};
use crate::domain::transcript::Transcript;
use crate::tui::calc_pane::{HistoryRow, history_rows};
use crate::tui::doc::{Block, Doc};
use crate::tui::theme::Theme;

/// Each diagram of a step's notes, drawn in `charset` (review shows the drawing after the
/// notes), with what the drawing leaves out, or why the diagram is not drawn. With
/// `reference` (the architecture step of a problem that has one), the problem's
/// reference architecture follows, beside the first diagram when both fit in `width`
/// (the view's width when review opened), else below it, drawn to fit.
fn diagram_blocks(
    notes: &str,
    reference: Option<&str>,
    look: (&Theme, Charset),
    width: usize,
) -> Vec<Block> {
    let (theme, charset) = look;
    // (title, what the drawing leaves out or why there is none, its lines)
    let mut drawn: Vec<(String, Option<Block>, Vec<String>)> = find_diagrams(notes)
        .into_iter()
        .enumerate()
        .map(|(i, found)| {
            let title = format!("Diagram {} (notes line {})", i + 1, found.first_line);
            match found.graph {
                Ok(graph) => {
                    let drawing = draw(&graph, charset, None);
                    let note = drawing.note.map(|text| Block::Text {
                        text,
                        style: theme.dim(),
                    });
                    (title, note, drawing.lines)
                }
                Err(e) => {
                    let why = Block::Text {
                        text: format!("not drawn: line {e}"),
                        style: theme.alert(),
                    };
                    (title, Some(why), Vec::new())
                }
            }
        })
        .collect();
    let reference = reference.and_then(|r| parse_mermaid(r).ok());
    let widest = |lines: &[String]| lines.iter().map(|l| display_width(l)).max().unwrap_or(0);
    let mut blocks = Vec::new();
    if let Some(reference) = &reference {
        let beside = drawn
            .first()
            .filter(|(_, note, lines)| note.is_none() && !lines.is_empty())
            .and_then(|(title, _, first)| {
                let left = widest(first).max(display_width(title));
                let room = width.checked_sub(left + 4)?;
                let right = draw(reference, charset, Some(room)).lines;
                (widest(&right) <= room).then_some((left, right))
            });
        match beside {
            Some((left, right)) => {
                let (title, _, first) = drawn.remove(0);
                let pad = |s: &str| {
                    let w = display_width(s);
                    format!("{s}{}    ", " ".repeat(left.saturating_sub(w)))
                };
                let mut lines = vec![Line::from(vec![
                    Span::styled(pad(&title), theme.title()),
                    Span::styled("Reference architecture", theme.title()),
                ])];
                for i in 0..first.len().max(right.len()) {
                    let l = first.get(i).map_or("", String::as_str);
                    let r = right.get(i).map_or("", String::as_str);
                    lines.push(Line::from(vec![
                        Span::raw(pad(l)),
                        Span::styled(r.to_string(), theme.dim()),
                    ]));
                }
                blocks.push(Block::Lines(lines));
            }
            None => {
                let lines = draw(reference, charset, Some(width)).lines;
                drawn.push(("Reference architecture".into(), None, lines));
            }
        }
    }
    for (title, note, lines) in drawn {
        let style = if title == "Reference architecture" {
            theme.dim()
        } else {
            Style::new()
        };
        blocks.push(Block::Lines(vec![Line::styled(title, theme.title())]));
        blocks.extend(note);
        if !lines.is_empty() {
            blocks.push(Block::Lines(
                lines.into_iter().map(|l| Line::styled(l, style)).collect(),
            ));
        }
    }
    blocks
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The session as review shows it: summary, scorecard, the problem, each step's notes with
/// the reference notes, then questions, follow-ups and calculator work. `selected` is the
/// highlighted scorecard line; `width` is the view's, for drawings laid side by side. With
/// it, where the scorecard's choices are ([`head`]).
pub fn document(
    t: &Transcript,
    theme: &Theme,
    keys: &Keymap,
    tz: &TimeZone,
    charset: Charset,
    selected: usize,
    width: usize,
) -> (Doc, Vec<usize>) {
    let (head, choices) = head(t, theme, keys, tz, selected);
    let mut blocks = vec![
        head,
        Block::Text {
            text: sanitize(&t.problem.statement, false),
            style: Style::new(),
        },
    ];
    for (i, r) in t.steps.iter().enumerate() {
        blocks.push(Block::Lines(vec![
            Line::raw(""),
            Line::styled(
                format!("{}. {}", r.step.index() + 1, r.step.title()),
                theme.accent(),
            ),
        ]));
        if r.notes.trim().is_empty() {
            blocks.push(Block::Lines(vec![Line::styled("(no notes)", theme.dim())]));
        } else {
            blocks.push(Block::Text {
                text: sanitize(&r.notes, false),
                style: Style::new(),
            });
        }
        if let Some(reference) = t.reference_notes(i) {
            blocks.push(Block::Lines(vec![Line::styled(
                "Reference notes",
                theme.title(),
            )]));
            blocks.push(Block::Text {
                text: sanitize(reference, false),
                style: theme.dim(),
            });
        }
        let reference = (r.step == Step::Architecture)
            .then(|| t.scorecard.as_ref()?.structure.as_ref())
            .flatten()
            .map(|s| s.reference.as_str());
        blocks.extend(diagram_blocks(&r.notes, reference, (theme, charset), width));
    }
    blocks.push(Block::Lines(tail(t, theme)));
    blocks.extend(review_blocks(t, theme, tz));
    (Doc::new(blocks), choices)
}

/// The second opinions kept with the session, as plain text under who gave each and when.
fn review_blocks(t: &Transcript, theme: &Theme, tz: &TimeZone) -> Vec<Block> {
    let mut blocks = Vec::new();
    for (i, r) in t.reviews.iter().enumerate() {
        let mut head = vec![Line::raw("")];
        if i == 0 {
            head.push(Line::styled("Second opinions", theme.accent()));
        }
        head.push(Line::styled(
            format!(
                "{}. `{}` · {} · took {}",
                i + 1,
                sanitize(&r.command, true),
                local_time(r.at, tz),
                clock_text(r.duration())
            ),
            theme.title(),
        ));
        blocks.push(Block::Lines(head));
        blocks.push(Block::Text {
            text: sanitize(r.text.trim_end(), false),
            style: Style::new(),
        });
        for note in r.notes() {
            blocks.push(Block::Text {
                text: note,
                style: theme.dim(),
            });
        }
    }
    blocks
}

/// The summary, time per step and scorecard, down to the problem's title: the part that
/// changes when a scorecard line is selected or marked. With it, the line each scorecard
/// choice (a rubric point, then an estimate) is on, in the order the keys select them,
/// so a click finds the choice by the line it lands on.
pub fn head(
    t: &Transcript,
    theme: &Theme,
    keys: &Keymap,
    tz: &TimeZone,
    selected: usize,
) -> (Block, Vec<usize>) {
    let h = &t.header;
    let mut lines = vec![
        Line::styled(
            format!(
                "Started {} · {} of {} · {}",
                local_time(h.started_at, tz),
                clock_text(t.elapsed()),
                clock_text(t.total_budget()),
                sanitize(&h.id, true)
            ),
            theme.dim(),
        ),
        Line::raw(""),
    ];
    if let Some(step) = h.step_drill {
        lines.insert(
            0,
            Line::styled(
                format!("Step drill: {} only, on its own budget", step.title()),
                theme.accent(),
            ),
        );
    }
    for r in &t.steps {
        let c = Countdown::new(r.budget(), r.spent());
        let verdict = match c {
            Countdown::Over(_) => Span::styled(countdown_text(c), theme.alert()),
            Countdown::Left(_) if r.spent_ms == 0 => Span::styled("not started", theme.dim()),
            Countdown::Left(_) => Span::styled("within budget", theme.ok()),
        };
        lines.push(Line::from(vec![
            Span::raw(format!(
                "{}. {:<26} {} / {}  ",
                r.step.index() + 1,
                r.step.title(),
                clock_text(r.spent()),
                clock_text(r.budget())
            )),
            verdict,
        ]));
    }
    let choices = match &t.scorecard {
        Some(card) => scorecard_lines(card, theme, keys, selected, &mut lines),
        None => Vec::new(),
    };
    lines.push(Line::raw(""));
    lines.push(Line::styled("Problem", theme.title()));
    (Block::Lines(lines), choices)
}

/// Questions, follow-ups, calculator work and the capacity sheet.
fn tail(t: &Transcript, theme: &Theme) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if !t.questions.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Questions to the interviewer", theme.accent()));
        for q in &t.questions {
            lines.push(Line::styled(
                format!("Q: {}", sanitize(&q.question, true)),
                theme.dim(),
            ));
            lines.push(Line::raw(format!("A: {}", sanitize(&q.answer, true))));
        }
    }
    if !t.curveballs.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Follow-ups from the interviewer",
            theme.accent(),
        ));
        for c in &t.curveballs {
            lines.push(Line::raw(format!(
                "{}, minute {}: {}",
                c.step.title(),
                c.minute,
                sanitize(&c.text, true)
            )));
        }
    }
    if !t.calc.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Calculator", theme.accent()));
        for row in history_rows(&t.calc, usize::MAX) {
            lines.push(match row {
                HistoryRow::Step(step) => Line::styled(step.title(), theme.dim()),
                HistoryRow::Entry(e) => Line::from(vec![
                    Span::raw(format!("{}  ", sanitize(&e.input, true))),
                    Span::styled(sanitize(&e.display, true), theme.accent()),
                ]),
            });
        }
    }
    if !t.sheet.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Capacity sheet", theme.accent()));
        for (k, v) in &t.sheet {
            lines.push(Line::raw(format!(
                "{}: {}",
                sanitize(k, true),
                sanitize(v, true)
            )));
        }
    }
    lines
}

/// The scorecard's lines, added to `lines`; returns the index in `lines` of each choice.
fn scorecard_lines(
    card: &Scorecard,
    theme: &Theme,
    keys: &Keymap,
    selected: usize,
    lines: &mut Vec<Line<'static>>,
) -> Vec<usize> {
    let mut choices = Vec::new();
    let mut index = 0;
    lines.push(Line::raw(""));
    lines.push(Line::from(vec![
        Span::styled(format!("Scorecard: {}/100", card.score), theme.accent()),
        Span::styled(
            format!(
                "   ({} selects; {} marks a point by hand or picks your result for an estimate)",
                keys.keys_for(Ctx::Detail, Cmd::NextTab),
                keys.keys_for(Ctx::Detail, Cmd::TogglePoint)
            ),
            theme.dim(),
        ),
    ]));
    for s in card
        .steps
        .iter()
        .filter(|s| !s.points.is_empty() || s.hints_used > 0)
    {
        let (covered, counted) = s.counted_points();
        lines.push(Line::raw(format!(
            "{:<26} {covered} of {counted} key points · hints {} of {}",
            s.step.title(),
            s.hints_used,
            s.hints_total
        )));
        for p in &s.points {
            let (mark, style) = if !p.counts() {
                ("–", theme.dim())
            } else if p.covered() {
                ("✓", theme.ok())
            } else {
                ("✗", theme.alert())
            };
            let by_hand = if p.manual.is_some() { " (by hand)" } else { "" };
            let text_style = if index == selected {
                theme.selected()
            } else {
                Default::default()
            };
            choices.push(lines.len());
            lines.push(Line::from(vec![
                Span::styled(format!("  {mark} "), style),
                Span::styled(format!("{}{by_hand}", sanitize(&p.point, true)), text_style),
            ]));
            if let Some(note) = p.evidence_note(s.step) {
                let style = if p.evidence.is_some() {
                    theme.dim()
                } else {
                    theme.warn()
                };
                lines.push(Line::from(Span::styled(
                    format!("      {}", sanitize(&note, true)),
                    style,
                )));
            }
            index += 1;
        }
        if s.step == Step::Architecture
            && let Some(note) = card.structure_note()
        {
            lines.push(Line::styled(format!("  {note}"), theme.dim()));
        }
    }
    for e in &card.estimates {
        let yours = e
            .got
            .as_ref()
            .map_or("—".to_string(), |(_, shown)| sanitize(shown, true));
        let ratio = e
            .ratio
            .map_or(String::new(), |r| format!(" (×{})", round3(r)));
        let how = if e.picked.is_some() {
            ", picked by hand"
        } else {
            ""
        };
        let style = match e.verdict {
            Verdict::Good => theme.ok(),
            Verdict::RightOrder => theme.warn(),
            Verdict::Off | Verdict::Missing => theme.alert(),
        };
        let text_style = if index == selected {
            theme.selected()
        } else {
            Default::default()
        };
        choices.push(lines.len());
        lines.push(Line::from(vec![
            Span::styled(
                format!(
                    "{}: reference {}, yours {yours}{ratio}{how} · ",
                    sanitize(&e.label, true),
                    sanitize(&e.expected, true)
                ),
                text_style,
            ),
            Span::styled(e.verdict.label(), style),
        ]));
        index += 1;
    }
    if !card.key_questions.is_empty() {
        let asked = card.key_questions.iter().filter(|(_, a)| *a).count();
        lines.push(Line::raw(format!(
            "Key questions asked: {asked} of {}",
            card.key_questions.len()
        )));
        for (q, a) in &card.key_questions {
            let (mark, style) = if *a {
                ("✓", theme.ok())
            } else {
                ("✗", theme.alert())
            };
            lines.push(Line::from(vec![
                Span::styled(format!("  {mark} "), style),
                Span::raw(sanitize(q, true)),
            ]));
        }
    }
    choices
}

/// A ratio to three significant figures, without float noise: 0.987, 24, 1.5.
fn round3(r: f64) -> String {
    if r == 0.0 || !r.is_finite() {
        return format!("{r}");
    }
    let digits = 2 - r.abs().log10().floor() as i32;
    let factor = 10f64.powi(digits.max(0));
    format!("{}", (r * factor).round() / factor)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::Step;
    use crate::domain::problem::{Origin, parse_problem};
    use crate::domain::transcript::CalcEntry;

    #[test]
    fn calculator_results_are_listed_under_the_step_they_came_from() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"Build it.\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s1".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        for (step, input) in [
            (Step::Capacity, "dau = 500M"),
            (Step::Capacity, "dau * 2 / day"),
            (Step::Bottlenecks, "1M / 10K"),
        ] {
            t.calc.push(CalcEntry {
                step,
                input: input.into(),
                display: "1".into(),
                value: 1.0,
                unit: String::new(),
                variable: None,
            });
        }
        let text: Vec<String> = tail(&t, &Theme::no_color())
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        let start = text.iter().position(|l| l == "Calculator");
        let calc = start
            .and_then(|i| text.get(i + 1..i + 6))
            .unwrap_or_default();
        assert_eq!(
            calc,
            [
                "Capacity estimates",
                "dau = 500M  1",
                "dau * 2 / day  1",
                "Bottlenecks & trade-offs",
                "1M / 10K  1",
            ],
            "{text:?}"
        );
    }

    #[test]
    fn a_rule_the_design_could_not_break_is_marked_apart_and_not_counted() {
        use crate::domain::scoring::{PointScore, score};
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start("s1".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        let mut card = score(&t, &p, &Default::default());
        let point = |text: &str, not_applicable: bool| PointScore {
            point: text.into(),
            weight: 2,
            detected: false,
            manual: None,
            evidence: None,
            negated: None,
            structure: None,
            broken: None,
            not_applicable,
        };
        if let Some(s) = card.steps.iter_mut().find(|s| s.step == Step::Architecture) {
            s.points = vec![point("Has a cache", false), point("Never X", true)];
        }
        let mut lines = Vec::new();
        scorecard_lines(&card, &Theme::no_color(), &Keymap::default(), 9, &mut lines);
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
            .collect();
        assert!(
            text.iter()
                .any(|l| l.starts_with("High-level architecture") && l.contains(" 0 of 1 key")),
            "{text:?}"
        );
        assert!(text.iter().any(|l| l == "  ✗ Has a cache"), "{text:?}");
        assert!(text.iter().any(|l| l == "  – Never X"), "{text:?}");
    }

    #[test]
    fn second_opinions_are_shown_as_plain_text_under_who_gave_them() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s1".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        let theme = Theme::no_color();
        assert!(review_blocks(&t, &theme, &TimeZone::UTC).is_empty());
        for text in ["Lean hire.\u{1b}[2J\n", "No hire."] {
            t.reviews.push(crate::domain::transcript::ReviewRecord {
                command: "llm".into(),
                at: jiff::Timestamp::UNIX_EPOCH,
                duration_ms: 61_000,
                exit_status: Some(0),
                text: text.into(),
                cut: false,
                lossy: true,
            });
        }
        let shown: Vec<String> = review_blocks(&t, &theme, &TimeZone::UTC)
            .into_iter()
            .flat_map(|b| match b {
                Block::Text { text, .. } => vec![text],
                Block::Lines(lines) => lines
                    .iter()
                    .map(|l| l.spans.iter().map(|s| s.content.as_ref()).collect())
                    .collect(),
            })
            .collect();
        assert_eq!(
            shown[..5],
            [
                "",
                "Second opinions",
                "1. `llm` · 1970-01-01 00:00 · took 01:01",
                "Lean hire.[2J",
                "Some of the answer was not UTF-8 text; those bytes are shown as \u{FFFD}.",
            ],
            "{shown:?}"
        );
        assert_eq!(shown[6], "2. `llm` · 1970-01-01 00:00 · took 01:01");
    }
}
