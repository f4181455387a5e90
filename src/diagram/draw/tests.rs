//! Small drawings checked character by character, and what the note says. The ten sample
//! diagrams' snapshots are in tests/diagram_draw.rs.

use super::*;
use crate::diagram::{Edge, EdgeStyle, Group, Node, Shape};

fn node(id: &str, label: &str, shape: Shape) -> Node {
    Node {
        id: id.into(),
        label: label.into(),
        shape,
    }
}

fn edge(from: usize, to: usize, label: Option<&str>) -> Edge {
    Edge {
        from,
        to,
        label: label.map(Into::into),
        style: EdgeStyle::Solid,
        arrow: true,
    }
}

fn graph(direction: Direction, nodes: Vec<Node>, edges: Vec<Edge>) -> Graph {
    Graph {
        direction,
        nodes,
        edges,
        groups: Vec::new(),
    }
}

fn text(d: &Drawing) -> String {
    d.lines.join("\n")
}

#[test]
fn a_labelled_edge_left_to_right() {
    let g = graph(
        Direction::LeftRight,
        vec![
            node("a", "Client", Shape::Box),
            node("b", "API", Shape::Round),
        ],
        vec![edge(0, 1, Some("HTTPS"))],
    );
    let d = draw(&g, Charset::Unicode, None);
    assert_eq!(d.note, None);
    assert_eq!(
        text(&d),
        "┌────────┐             ╭─────╮\n\
         │ Client ├─── HTTPS ──▶│ API │\n\
         └────────┘             ╰─────╯"
    );
}

#[test]
fn a_fan_out_top_down_in_ascii() {
    let g = graph(
        Direction::TopDown,
        vec![
            node("lb", "LB", Shape::Box),
            node("a", "api 1", Shape::Box),
            node("b", "api 2", Shape::Box),
        ],
        vec![edge(0, 1, None), edge(0, 2, None)],
    );
    let d = draw(&g, Charset::Ascii, None);
    assert_eq!(
        text(&d),
        "       +----+       \n\
         \x20      | LB |       \n\
         \x20      +--+-+       \n\
         \x20         |         \n\
         \x20   +-----+----+    \n\
         \x20   v          v    \n\
         +-------+  +-------+\n\
         | api 1 |  | api 2 |\n\
         +-------+  +-------+"
    );
}

#[test]
fn an_edge_closing_a_cycle_points_back() {
    let g = graph(
        Direction::LeftRight,
        vec![
            node("q", "Queue", Shape::Box),
            node("w", "Worker", Shape::Box),
        ],
        vec![edge(0, 1, None), edge(1, 0, Some("retry"))],
    );
    let d = draw(&g, Charset::Unicode, None);
    let t = text(&d);
    assert!(t.contains('◀'), "{t}");
    assert!(t.contains("retry"), "{t}");
    // Queue stays first (the edge turned is the one closing the cycle), and the retry
    // comes back into it against the flow.
    let col = |s: &str| {
        d.lines
            .iter()
            .find_map(|l| l.find(s).map(|at| l[..at].width()))
            .unwrap_or(0)
    };
    assert!(col("Queue") < col("Worker"), "{t}");
    assert!(t.contains("│◀──── retry"), "{t}");
}

#[test]
fn every_shape_draws_and_keeps_its_label() {
    let shapes = [
        Shape::Box,
        Shape::Round,
        Shape::Stadium,
        Shape::Cylinder,
        Shape::Circle,
        Shape::Rhombus,
        Shape::Hexagon,
        Shape::Parallelogram,
    ];
    let nodes: Vec<Node> = shapes
        .iter()
        .enumerate()
        .map(|(i, &s)| node(&format!("n{i}"), &format!("{s:?}"), s))
        .collect();
    let edges: Vec<Edge> = (1..shapes.len()).map(|i| edge(i - 1, i, None)).collect();
    for charset in [Charset::Unicode, Charset::Ascii] {
        let d = draw(
            &graph(Direction::TopDown, nodes.clone(), edges.clone()),
            charset,
            None,
        );
        let t = text(&d);
        for s in shapes {
            assert!(t.contains(&format!("{s:?}")), "{t}");
        }
        if charset == Charset::Ascii {
            assert!(t.is_ascii(), "{t}");
        }
    }
}

#[test]
fn subgraphs_are_titled_frames() {
    let mut g = graph(
        Direction::LeftRight,
        vec![
            node("c", "Client", Shape::Box),
            node("a", "API", Shape::Box),
            node("d", "DB", Shape::Cylinder),
        ],
        vec![edge(0, 1, None), edge(1, 2, None)],
    );
    g.groups.push(Group {
        id: "backend".into(),
        title: "Backend".into(),
        nodes: vec![1, 2],
    });
    let d = draw(&g, Charset::Unicode, None);
    let t = text(&d);
    assert!(t.contains("╔═ Backend ═"), "{t}");
    assert!(t.contains('╫'), "the edge into the frame crosses it: {t}");
}

#[test]
fn notes_say_what_was_left_out() {
    let mut g = graph(
        Direction::LeftRight,
        vec![node("a", "A", Shape::Box), node("b", "B", Shape::Box)],
        vec![edge(0, 1, None), edge(1, 1, None), edge(0, 7, None)],
    );
    g.groups = vec![
        Group {
            id: "x".into(),
            title: "X".into(),
            nodes: vec![0, 1],
        },
        Group {
            id: "y".into(),
            title: "Y".into(),
            nodes: vec![1, 9],
        },
    ];
    let d = draw(&g, Charset::Unicode, None);
    assert_eq!(
        d.note.as_deref(),
        Some(
            "1 edge to missing nodes left out; 1 self-loop not drawn (b); \
             in more than one subgraph, drawn in the first: b"
        )
    );
    assert!(text(&d).contains("A"));
}

#[test]
fn nothing_to_draw() {
    let d = draw(&Graph::default(), Charset::Unicode, Some(80));
    assert!(d.lines.is_empty());
    assert!(d.note.is_some());
}

fn chain(n: usize) -> Graph {
    graph(
        Direction::LeftRight,
        (0..n)
            .map(|i| node(&format!("n{i}"), &format!("Service {i}"), Shape::Box))
            .collect(),
        (1..n).map(|i| edge(i - 1, i, None)).collect(),
    )
}

#[test]
fn too_wide_left_to_right_is_drawn_top_down() {
    let d = draw(&chain(6), Charset::Unicode, Some(40));
    assert!(d.width() <= 40, "{}", text(&d));
    assert_eq!(d.note.as_deref(), Some("drawn top down to fit 40 columns"));
}

#[test]
fn what_cannot_fit_says_so() {
    let d = draw(&chain(3), Charset::Unicode, Some(5));
    assert!(d.width() > 5);
    assert_eq!(
        d.note.as_deref(),
        Some("drawn top down to be narrower; too wide for 5 columns: scroll sideways")
    );
    for line in &d.lines {
        assert_eq!(line.width(), d.width());
    }
}

#[test]
fn a_graph_that_fits_is_left_alone() {
    let g = chain(2);
    assert_eq!(
        draw(&g, Charset::Unicode, Some(200)),
        draw(&g, Charset::Unicode, None)
    );
}
