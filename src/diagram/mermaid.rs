//! A graph written back as a Mermaid flowchart (the Markdown export's ```mermaid block,
//! which GitHub renders, and the short form's Mermaid equivalent).

use super::{Direction, EdgeStyle, Graph, Shape};

/// `graph` as Mermaid flowchart text. Labels are quoted, so any text in them survives.
pub fn to_mermaid(graph: &Graph) -> String {
    let mut out = String::from(match graph.direction {
        Direction::LeftRight => "flowchart LR\n",
        Direction::TopDown => "flowchart TD\n",
    });
    let node = |i: usize| graph.nodes.get(i).map_or("", |n| n.id.as_str());
    let grouped: std::collections::HashSet<usize> = graph
        .groups
        .iter()
        .flat_map(|g| g.nodes.iter().copied())
        .collect();
    let write_node = |out: &mut String, i: usize, indent: &str| {
        if let Some(n) = graph.nodes.get(i) {
            let (open, close) = match n.shape {
                Shape::Box => ("[", "]"),
                Shape::Round => ("(", ")"),
                Shape::Stadium => ("([", "])"),
                Shape::Cylinder => ("[(", ")]"),
                Shape::Circle => ("((", "))"),
                Shape::Rhombus => ("{", "}"),
                Shape::Hexagon => ("{{", "}}"),
                Shape::Parallelogram => ("[/", "/]"),
            };
            out.push_str(&format!(
                "{indent}{}{open}\"{}\"{close}\n",
                n.id,
                quoted(&n.label)
            ));
        }
    };
    for (i, _) in graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(i, _)| !grouped.contains(i))
    {
        write_node(&mut out, i, "    ");
    }
    for g in &graph.groups {
        out.push_str(&format!(
            "    subgraph {} [\"{}\"]\n",
            g.id,
            quoted(&g.title)
        ));
        for &i in &g.nodes {
            write_node(&mut out, i, "        ");
        }
        out.push_str("    end\n");
    }
    for e in &graph.edges {
        let arrow = match (e.style, e.arrow) {
            (EdgeStyle::Solid, true) => "-->",
            (EdgeStyle::Solid, false) => "---",
            (EdgeStyle::Dotted, true) => "-.->",
            (EdgeStyle::Dotted, false) => "-.-",
            (EdgeStyle::Thick, true) => "==>",
            (EdgeStyle::Thick, false) => "===",
        };
        match &e.label {
            Some(label) => out.push_str(&format!(
                "    {} {arrow}|\"{}\"| {}\n",
                node(e.from),
                quoted(label),
                node(e.to)
            )),
            None => out.push_str(&format!("    {} {arrow} {}\n", node(e.from), node(e.to))),
        }
    }
    out
}

/// A label inside Mermaid double quotes: a double quote becomes `#quot;`, Mermaid's escape.
fn quoted(text: &str) -> String {
    text.replace('"', "#quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{Edge, Group, Node};

    fn node(id: &str, label: &str, shape: Shape) -> Node {
        Node {
            id: id.into(),
            label: label.into(),
            shape,
        }
    }

    #[test]
    fn writes_nodes_groups_and_every_kind_of_edge() {
        let graph = Graph {
            direction: Direction::LeftRight,
            nodes: vec![
                node("client", "Client", Shape::Box),
                node("db", "Primary \"main\" DB", Shape::Cylinder),
                node("api", "API", Shape::Round),
            ],
            edges: vec![
                Edge {
                    from: 0,
                    to: 2,
                    label: Some("HTTPS".into()),
                    style: EdgeStyle::Solid,
                    arrow: true,
                },
                Edge {
                    from: 2,
                    to: 1,
                    label: None,
                    style: EdgeStyle::Dotted,
                    arrow: true,
                },
            ],
            groups: vec![Group {
                id: "backend".into(),
                title: "Backend".into(),
                nodes: vec![1, 2],
            }],
        };
        assert_eq!(
            to_mermaid(&graph),
            "flowchart LR\n    client[\"Client\"]\n    subgraph backend [\"Backend\"]\n        \
             db[(\"Primary #quot;main#quot; DB\")]\n        api(\"API\")\n    end\n    \
             client -->|\"HTTPS\"| api\n    api -.-> db\n"
        );
    }
}
