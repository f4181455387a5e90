//! The building blocks of an architecture, ready to drop into a diagram: picking one
//! writes its node into the notes, in whichever syntax the cursor is in.

use super::{Node, Shape, node_definition};

/// One building block: the id it gets, its label and its outline in Mermaid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    pub id: &'static str,
    pub label: &'static str,
    pub shape: Shape,
}

const fn c(id: &'static str, label: &'static str, shape: Shape) -> Component {
    Component { id, label, shape }
}

/// In the order a request meets them.
pub const PALETTE: &[Component] = &[
    c("client", "Client", Shape::Box),
    c("dns", "DNS", Shape::Box),
    c("cdn", "CDN", Shape::Round),
    c("lb", "Load balancer", Shape::Box),
    c("limiter", "Rate limiter", Shape::Hexagon),
    c("api", "API service", Shape::Box),
    c("cache", "Cache", Shape::Round),
    c("db", "Primary database", Shape::Cylinder),
    c("replica", "Read replica", Shape::Cylinder),
    c("shard", "Shard", Shape::Cylinder),
    c("queue", "Queue / stream", Shape::Stadium),
    c("worker", "Worker", Shape::Box),
    c("blob", "Object storage", Shape::Cylinder),
    c("search", "Search index", Shape::Cylinder),
];

/// The line that adds `component` to notes whose text before the cursor is `before`:
/// a Mermaid node definition inside a ```mermaid block, else a short-form `id: label`
/// line. An id the notes already use gets a number (`shard2`), so a second shard is a
/// second node.
pub fn insertion(component: &Component, notes: &str, before: &str) -> String {
    let used = |id: &str| {
        notes
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .any(|w| w == id)
    };
    let id = std::iter::once(component.id.to_string())
        .chain((2..).map(|n| format!("{}{n}", component.id)))
        .find(|id| !used(id))
        .unwrap_or_else(|| component.id.to_string());
    if inside_mermaid(before) {
        node_definition(&Node {
            id,
            label: component.label.to_string(),
            shape: component.shape,
        })
    } else {
        format!("{id}: {}", component.label)
    }
}

/// Whether the end of `before` is inside an open ```mermaid block.
fn inside_mermaid(before: &str) -> bool {
    let mut open = false;
    for line in before.lines() {
        let t = line.trim_start();
        if t.starts_with("```") || t.starts_with("~~~") {
            open = !open && t[3..].trim().to_ascii_lowercase().starts_with("mermaid");
        }
    }
    open
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inserts_in_the_syntax_the_cursor_is_in_and_never_reuses_an_id() {
        let shard = PALETTE.iter().find(|c| c.id == "shard").copied();
        let Some(shard) = shard else {
            panic!("no shard")
        };
        assert_eq!(insertion(&shard, "", ""), "shard: Shard");
        let notes = "```mermaid\nflowchart LR\nshard[(\"Shard\")]\n";
        assert_eq!(insertion(&shard, notes, notes), "shard2[(\"Shard\")]");
        let closed = "```mermaid\nflowchart LR\n```\n";
        assert_eq!(insertion(&shard, closed, closed), "shard: Shard");
        // Every id is a valid id for both syntaxes, and each block a distinct one.
        for c in PALETTE {
            let line = insertion(c, "", "");
            assert!(crate::diagram::parse_short(&format!("{line}\nclient -> {}", c.id)).is_ok());
        }
    }
}
