//! A graph drawn as lines of text: a layered (Sugiyama-style) layout with boxes, orthogonal
//! edges with arrowheads, edge labels and subgraph frames, left to right or top down, in
//! box-drawing characters or plain ASCII.
//!
//! The steps, each in its own module:
//! - `layout`: break cycles, put nodes in layers by longest path (a labelled edge spans two
//!   layers, its label standing in the middle one like a node), order each layer by
//!   barycentre to cut crossings, place everything across the layers, and give each edge's
//!   bends a track in the channel between two layers.
//! - `paint`: the plan on a grid of cells, then lines of equal display width.
//!
//! Nothing here can fail: a graph too big to lay out in good time is drawn as its boxes
//! alone, a drawing wider than asked is narrowed (shorter lines in boxes, then top down),
//! and [`Drawing::note`] says what was given up.

mod layout;
mod paint;
mod text;

use unicode_width::UnicodeWidthStr;

use super::{Charset, Direction, Graph};

/// A diagram drawn as text, every line of the same display width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Drawing {
    pub lines: Vec<String>,
    /// What the drawing could not do, in words for the user (too wide to fit, edges left
    /// out of a huge graph, self-loops not drawn, ...).
    pub note: Option<String>,
}

impl Drawing {
    /// Display width of the lines (they all have it).
    pub fn width(&self) -> usize {
        self.lines.first().map_or(0, |l| l.width())
    }
}

/// Beyond this many nodes a graph is drawn as its boxes alone: the layout would take too
/// long and nobody could read the result. (The parser takes up to
/// [`super::MAX_NODES`].)
pub const MAX_DRAWN_NODES: usize = 200;
/// Beyond this many edges, likewise (the parser takes up to [`super::MAX_EDGES`]).
pub const MAX_DRAWN_EDGES: usize = 600;

/// How long lines in boxes and on edges may be before they wrap or are cut, per attempt.
#[derive(Debug, Clone, Copy)]
struct Sizes {
    /// Display width a node's label wraps at.
    wrap: usize,
    /// Display width an edge label is cut to.
    edge_label: usize,
}

const ROOMY: Sizes = Sizes {
    wrap: 20,
    edge_label: 24,
};
const NARROWER: Sizes = Sizes {
    wrap: 12,
    edge_label: 12,
};
const NARROWEST: Sizes = Sizes {
    wrap: 8,
    edge_label: 10,
};

/// `graph` drawn as text; `max_width` (display columns) is what the drawing should fit in.
pub fn draw(graph: &Graph, charset: Charset, max_width: Option<usize>) -> Drawing {
    let drawing = draw_checked(graph, charset, max_width);
    if drawing.lines.iter().all(|l| l.width() == drawing.width()) {
        return drawing;
    }
    // A label whose characters measure differently alone and in a line (an unusual
    // combination of joiners or selectors): draw again with such labels made plain.
    let plain = text::plain_graph(graph);
    let mut again = draw_checked(&plain, charset, max_width);
    let w = again.width();
    for line in &mut again.lines {
        let lw = line.width();
        if lw < w {
            line.push_str(&" ".repeat(w - lw));
        }
    }
    text::add_note(
        &mut again.note,
        "some labels had characters that could not be measured: shown as ?",
    );
    again
}

fn draw_checked(graph: &Graph, charset: Charset, max_width: Option<usize>) -> Drawing {
    let prep = text::Prepared::new(graph);
    if prep.nodes.is_empty() {
        return Drawing {
            lines: Vec::new(),
            note: Some("nothing to draw: the diagram has no nodes".into()),
        };
    }
    let mut notes = prep.notes.clone();
    let (nodes, edges) = (prep.nodes.len(), prep.edges.len());
    let boxes_only = |notes: Vec<String>, why: String| {
        let d = paint::boxes_only(&prep, charset, max_width, ROOMY.wrap);
        let without = if prep.groups.is_empty() {
            "edges"
        } else {
            "edges or subgraphs"
        };
        // First, so it is read before a long page of boxes.
        let mut all = vec![format!(
            "{why}, so only the boxes are drawn, without {without}; \
             the Mermaid export still has them all"
        )];
        all.extend(notes);
        with_notes(d, all)
    };
    let over_nodes = nodes > MAX_DRAWN_NODES;
    let over_edges = edges > MAX_DRAWN_EDGES;
    if over_nodes || over_edges {
        let why = match (over_nodes, over_edges) {
            (true, false) => format!("{nodes} nodes: drawing stops at {MAX_DRAWN_NODES}"),
            (false, _) => format!("{edges} edges: drawing stops at {MAX_DRAWN_EDGES}"),
            (true, true) => format!(
                "{nodes} nodes and {edges} edges: drawing stops at {MAX_DRAWN_NODES} nodes \
                 and {MAX_DRAWN_EDGES} edges"
            ),
        };
        return boxes_only(notes, why);
    }
    let unicode = charset == Charset::Unicode;
    let attempt = |direction: Direction, sizes: Sizes| -> Option<Drawing> {
        let plan = layout::plan(&prep, direction, sizes.wrap, sizes.edge_label, unicode)?;
        Some(paint::paint(&plan, charset))
    };
    let Some(first) = attempt(graph.direction, ROOMY) else {
        let why = format!("{nodes} nodes and {edges} edges cross too many layers to lay out");
        return boxes_only(notes, why);
    };
    let Some(max) = max_width else {
        return with_notes(first, notes);
    };
    if first.width() <= max {
        return with_notes(first, notes);
    }
    let mut narrowest = (first, graph.direction);
    let mut tries = vec![(graph.direction, NARROWER), (graph.direction, NARROWEST)];
    if graph.direction == Direction::LeftRight {
        tries.extend([
            (Direction::TopDown, ROOMY),
            (Direction::TopDown, NARROWER),
            (Direction::TopDown, NARROWEST),
        ]);
    }
    for (direction, sizes) in tries {
        let Some(d) = attempt(direction, sizes) else {
            continue;
        };
        if d.width() <= max {
            if direction != graph.direction {
                notes.push(format!("drawn top down to fit {max} columns"));
            }
            return with_notes(d, notes);
        }
        if d.width() < narrowest.0.width() {
            narrowest = (d, direction);
        }
    }
    if narrowest.1 != graph.direction {
        notes.push("drawn top down to be narrower".into());
    }
    notes.push(format!("too wide for {max} columns: scroll sideways"));
    with_notes(narrowest.0, notes)
}

fn with_notes(mut drawing: Drawing, notes: Vec<String>) -> Drawing {
    for n in notes {
        text::add_note(&mut drawing.note, &n);
    }
    drawing
}

#[cfg(test)]
mod tests;
