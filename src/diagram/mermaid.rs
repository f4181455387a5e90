//! A graph written back as a Mermaid flowchart (the Markdown export's ```mermaid block,
//! which GitHub renders, and the short form's Mermaid equivalent).

use super::{Direction, EdgeStyle, Graph, Node, Shape};

/// `graph` as Mermaid flowchart text. Labels are quoted, so any text in them survives.
pub fn to_mermaid(graph: &Graph) -> String {
    let mut out = String::from(match graph.direction {
        Direction::LeftRight => "flowchart LR\n",
        Direction::TopDown => "flowchart TD\n",
    });
    let node = |i: usize| graph.nodes.get(i).map_or("", |n| n.id.as_str());
    // Every node is defined first, in index order, so that reading the text back lists
    // the nodes in the same order; each subgraph then names its members.
    for n in &graph.nodes {
        write_node(&mut out, n, "    ");
    }
    for g in &graph.groups {
        out.push_str(&format!(
            "    subgraph {} [\"{}\"]\n",
            g.id,
            quoted(&g.title)
        ));
        for n in g.nodes.iter().filter_map(|&i| graph.nodes.get(i)) {
            // Alone on a line these two would read as keywords.
            if matches!(n.id.as_str(), "end" | "subgraph") {
                write_node(&mut out, n, "        ");
            } else {
                out.push_str(&format!("        {}\n", n.id));
            }
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

/// A node's definition line: `id["label"]` in its shape's brackets.
fn write_node(out: &mut String, n: &Node, indent: &str) {
    out.push_str(&format!("{indent}{}\n", node_definition(n)));
}

/// A node as Mermaid defines it: `id["label"]`, in its shape's brackets.
pub fn node_definition(n: &Node) -> String {
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
    format!("{}{open}\"{}\"{close}", n.id, quoted(&n.label))
}

/// A label inside Mermaid double quotes, escaped with Mermaid's entity codes so it reads
/// back (and renders) as written: a double quote becomes `#quot;`, a `#` that would
/// start an entity code (`#35;`) becomes `#35;`, and the `<` of a `<br>` becomes `#lt;`.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        let rest = &text[i + c.len_utf8()..];
        match c {
            '"' => out.push_str("#quot;"),
            '#' if {
                let name = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
                name > 0 && rest.as_bytes().get(name) == Some(&b';')
            } =>
            {
                out.push_str("#35;");
            }
            '<' if rest
                .as_bytes()
                .get(..2)
                .is_some_and(|b| b.eq_ignore_ascii_case(b"br")) =>
            {
                out.push_str("#lt;");
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{Edge, Group};

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
            "flowchart LR\n    client[\"Client\"]\n    db[(\"Primary #quot;main#quot; DB\")]\n    \
             api(\"API\")\n    subgraph backend [\"Backend\"]\n        db\n        api\n    end\n    \
             client -->|\"HTTPS\"| api\n    api -.-> db\n"
        );
    }

    #[test]
    fn nodes_come_first_in_order_and_labels_are_escaped_to_read_back_as_written() {
        let graph = Graph {
            direction: Direction::TopDown,
            nodes: vec![
                node("end", "The end", Shape::Box),
                node("a", "Shard #1; #quot; <br> <b>", Shape::Hexagon),
                node("b", "b", Shape::Parallelogram),
            ],
            edges: vec![Edge {
                from: 1,
                to: 0,
                label: Some("say \"#35;\" | x".into()),
                style: EdgeStyle::Thick,
                arrow: false,
            }],
            groups: vec![Group {
                id: "g".into(),
                title: "<BR/>".into(),
                nodes: vec![0, 2],
            }],
        };
        assert_eq!(
            to_mermaid(&graph),
            "flowchart TD\n    end[\"The end\"]\n    a{{\"Shard #35;1; #35;quot; #lt;br> <b>\"}}\n    \
             b[/\"b\"/]\n    subgraph g [\"#lt;BR/>\"]\n        end[\"The end\"]\n        b\n    end\n    \
             a ===|\"say #quot;#35;35;#quot; | x\"| end\n"
        );
    }
}
