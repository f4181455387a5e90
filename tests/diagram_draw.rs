//! Drawing diagrams as text: snapshots of the ten sample diagrams (both directions, both
//! charsets, a narrow width), and no panic, equal widths and no control characters for
//! any graph, quickly.

mod diagram_samples;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use sdcoach::diagram::{
    Charset, Direction, Drawing, Edge, EdgeStyle, Graph, Group, Node, Shape, draw,
};
use unicode_width::UnicodeWidthStr;

/// The drawing as a snapshot shows it: the note (if any), then the lines between rulers
/// so trailing spaces are visible.
fn shown(d: &Drawing) -> String {
    let w = d.width();
    let mut out = String::new();
    if let Some(note) = &d.note {
        out.push_str(&format!("note: {note}\n"));
    }
    out.push_str(&format!("{w} columns\n"));
    for line in &d.lines {
        out.push('|');
        out.push_str(line);
        out.push_str("|\n");
    }
    out
}

fn check(d: &Drawing) {
    let w = d.width();
    for (i, line) in d.lines.iter().enumerate() {
        assert_eq!(line.width(), w, "line {i} of {}: {line:?}", d.lines.len());
        assert!(
            !line.chars().any(char::is_control),
            "control character in line {i}: {line:?}"
        );
    }
}

fn snap(name: &str, graph: &Graph, charset: Charset, max_width: Option<usize>) {
    let d = draw(graph, charset, max_width);
    check(&d);
    insta::assert_snapshot!(name, shown(&d));
}

fn turned(mut g: Graph) -> Graph {
    g.direction = match g.direction {
        Direction::LeftRight => Direction::TopDown,
        Direction::TopDown => Direction::LeftRight,
    };
    g
}

#[test]
fn every_sample_in_its_own_direction() {
    for (name, g) in diagram_samples::all() {
        snap(name, &g, Charset::Unicode, None);
    }
}

#[test]
fn samples_turned_the_other_way() {
    snap(
        "url_shortener_top_down",
        &turned(diagram_samples::url_shortener()),
        Charset::Unicode,
        None,
    );
    snap(
        "sharded_db_left_right",
        &turned(diagram_samples::sharded_db()),
        Charset::Unicode,
        None,
    );
    snap(
        "queue_workers_top_down",
        &turned(diagram_samples::queue_workers()),
        Charset::Unicode,
        None,
    );
}

#[test]
fn samples_in_ascii() {
    snap("chat_ascii", &diagram_samples::chat(), Charset::Ascii, None);
    snap(
        "rate_limiter_ascii",
        &diagram_samples::rate_limiter(),
        Charset::Ascii,
        None,
    );
    let d = draw(&diagram_samples::queue_workers(), Charset::Ascii, None);
    assert!(d.lines.iter().all(|l| l.is_ascii()), "{}", shown(&d));
}

#[test]
fn samples_fitted_to_80_columns() {
    for (name, g) in [
        ("video_platform_80", diagram_samples::video_platform()),
        ("search_indexing_80", diagram_samples::search_indexing()),
    ] {
        let d = draw(&g, Charset::Unicode, Some(80));
        check(&d);
        assert!(
            d.width() <= 80 || d.note.as_deref().is_some_and(|n| n.contains("scroll")),
            "{}",
            shown(&d)
        );
        insta::assert_snapshot!(name, shown(&d));
    }
}

#[test]
fn wide_characters_take_two_columns() {
    // The CDN sample's 東京 box: its right side lines up with the box's other rows.
    let d = draw(&diagram_samples::cdn(), Charset::Unicode, None);
    check(&d);
    let row = d
        .lines
        .iter()
        .position(|l| l.contains("東京"))
        .unwrap_or_else(|| panic!("{}", shown(&d)));
    let cols = |line: &str, ch: char| -> Vec<usize> {
        let mut col = 0;
        let mut out = Vec::new();
        for c in line.chars() {
            if c == ch {
                out.push(col);
            }
            col += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        }
        out
    };
    let label_line = &d.lines[row];
    let above = &d.lines[row - 1];
    let at = label_line.find("東京").unwrap_or(0);
    let label_col = label_line[..at].width();
    // The box's top-right corner is the first ┐ right of the label on the line above.
    let right = cols(above, '┐')
        .into_iter()
        .find(|&c| c > label_col)
        .unwrap_or_else(|| panic!("{}", shown(&d)));
    assert!(
        cols(label_line, '│').contains(&right) || cols(label_line, '├').contains(&right),
        "{}",
        shown(&d)
    );
}

#[test]
fn five_hundred_nodes_come_back_quickly_without_edges() {
    let g = diagram_samples::chain_of(500);
    let t = Instant::now();
    let d = draw(&g, Charset::Unicode, Some(120));
    let took = t.elapsed();
    check(&d);
    assert!(took < Duration::from_millis(500), "took {took:?}");
    assert_eq!(
        d.note.as_deref(),
        Some(
            "500 nodes: drawing stops at 200, so only the boxes are drawn, without edges; \
             the Mermaid export still has them all"
        ),
        "{}",
        shown(&d)
    );
    assert!(d.width() <= 120);
}

/// A graph of `n` nodes and the edges `(from, to)`.
fn edges_graph(n: usize, edges: impl Iterator<Item = (usize, usize)>) -> Graph {
    Graph {
        direction: Direction::LeftRight,
        nodes: (0..n)
            .map(|i| Node {
                id: format!("n{i}"),
                label: format!("n{i}"),
                shape: Shape::Box,
            })
            .collect(),
        edges: edges
            .map(|(from, to)| Edge {
                from,
                to,
                label: None,
                style: EdgeStyle::Solid,
                arrow: true,
            })
            .collect(),
        groups: Vec::new(),
    }
}

#[test]
fn past_the_drawing_limits_the_note_says_which_and_that_the_mermaid_keeps_all() {
    let g = edges_graph(10, (0..700).map(|i| (i % 10, (i + 1) % 10)));
    let d = draw(&g, Charset::Unicode, Some(100));
    check(&d);
    let note = d.note.unwrap_or_default();
    assert!(
        note.starts_with("700 edges: drawing stops at 600, so only the boxes are drawn"),
        "{note}"
    );
    assert!(
        note.contains("the Mermaid export still has them all"),
        "{note}"
    );
    // Within both limits, but every long edge needs a waypoint in each layer it crosses:
    // too many to lay out, said as such.
    let chain = (1..200).map(|i| (i - 1, i));
    let long = (0..100).map(|i| (i, 199));
    let g = edges_graph(200, chain.chain(long));
    let t = Instant::now();
    let d = draw(&g, Charset::Unicode, Some(100));
    assert!(
        t.elapsed() < Duration::from_secs(3),
        "took {:?}",
        t.elapsed()
    );
    check(&d);
    let note = d.note.unwrap_or_default();
    assert!(
        note.starts_with("200 nodes and 299 edges cross too many layers to lay out, so only"),
        "{note}"
    );
}

#[test]
fn two_hundred_nodes_are_laid_out_in_good_time() {
    // The most the layout takes on: a long chain with cross links, which makes many
    // dummies.
    let g = diagram_samples::tangled_chain(200);
    let t = Instant::now();
    let d = draw(&g, Charset::Unicode, Some(100));
    let took = t.elapsed();
    check(&d);
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z ]{0,12}",
        "[A-Za-z0-9 /+-]{1,40}",
        Just("東京 エッジ".to_string()),
        Just("消息存储".to_string()),
        Just("e\u{301}te\u{301}".to_string()),
        Just("👩‍💻 dev".to_string()),
        Just("❤️ love".to_string()),
        Just("tab\there\nnewline\u{7}bell".to_string()),
        Just("\u{202E}bidi\u{200B}".to_string()),
        Just(String::new()),
        "\\PC{0,30}",
    ]
}

fn arb_graph() -> impl Strategy<Value = Graph> {
    (1usize..260, any::<bool>()).prop_flat_map(|(n, lr)| {
        let nodes = prop::collection::vec((label(), 0usize..8), n);
        let edges = prop::collection::vec(
            (
                0..n + 2,
                0..n + 2,
                prop::option::weighted(0.3, label()),
                0usize..3,
                any::<bool>(),
            ),
            0..(n * 2).min(400),
        );
        let groups = prop::collection::vec((label(), prop::collection::vec(0..n + 1, 0..6)), 0..4);
        (nodes, edges, groups).prop_map(move |(nodes, edges, groups)| Graph {
            direction: if lr {
                Direction::LeftRight
            } else {
                Direction::TopDown
            },
            nodes: nodes
                .into_iter()
                .enumerate()
                .map(|(i, (label, shape))| Node {
                    id: format!("n{i}"),
                    label,
                    shape: [
                        Shape::Box,
                        Shape::Round,
                        Shape::Stadium,
                        Shape::Cylinder,
                        Shape::Circle,
                        Shape::Rhombus,
                        Shape::Hexagon,
                        Shape::Parallelogram,
                    ][shape],
                })
                .collect(),
            edges: edges
                .into_iter()
                .map(|(from, to, label, style, arrow)| Edge {
                    from,
                    to,
                    label,
                    style: [EdgeStyle::Solid, EdgeStyle::Dotted, EdgeStyle::Thick][style],
                    arrow,
                })
                .collect(),
            groups: groups
                .into_iter()
                .enumerate()
                .map(|(i, (title, nodes))| Group {
                    id: format!("g{i}"),
                    title,
                    nodes,
                })
                .collect(),
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn any_graph_draws_with_equal_widths_and_no_control_characters(
        g in arb_graph(),
        ascii in any::<bool>(),
        max in prop::option::of(0usize..200),
    ) {
        let charset = if ascii { Charset::Ascii } else { Charset::Unicode };
        let d = draw(&g, charset, max);
        let w = d.width();
        for line in &d.lines {
            prop_assert_eq!(line.width(), w);
            prop_assert!(!line.chars().any(char::is_control), "{:?}", line);
        }
        if let Some(note) = &d.note {
            prop_assert!(!note.chars().any(char::is_control), "{:?}", note);
        }
    }
}
