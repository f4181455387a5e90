use super::*;
use crate::diagram::to_mermaid;
use proptest::prelude::*;

fn m(text: &str) -> Graph {
    match parse_mermaid(text) {
        Ok(g) => g,
        Err(e) => panic!("{e}\nin:\n{text}"),
    }
}

fn s(text: &str) -> Graph {
    match parse_short(text) {
        Ok(g) => g,
        Err(e) => panic!("{e}\nin:\n{text}"),
    }
}

/// `line:col: message` of a Mermaid error.
fn m_err(text: &str) -> String {
    match parse_mermaid(text) {
        Ok(g) => panic!("parsed: {g:?}\nfrom:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn s_err(text: &str) -> String {
    match parse_short(text) {
        Ok(g) => panic!("parsed: {g:?}\nfrom:\n{text}"),
        Err(e) => e.to_string(),
    }
}

fn labels(g: &Graph) -> Vec<(&str, &str, Shape)> {
    g.nodes
        .iter()
        .map(|n| (n.id.as_str(), n.label.as_str(), n.shape))
        .collect()
}

/// Edges as `from>to` by id, with `:label` when labelled.
fn edges(g: &Graph) -> Vec<String> {
    g.edges
        .iter()
        .map(|e| {
            let mut s = format!("{}>{}", g.nodes[e.from].id, g.nodes[e.to].id);
            if let Some(l) = &e.label {
                s.push(':');
                s.push_str(l);
            }
            s
        })
        .collect()
}

fn edge_kinds(g: &Graph) -> Vec<(EdgeStyle, bool)> {
    g.edges.iter().map(|e| (e.style, e.arrow)).collect()
}

fn groups(g: &Graph) -> Vec<(String, String, Vec<String>)> {
    g.groups
        .iter()
        .map(|gr| {
            (
                gr.id.clone(),
                gr.title.clone(),
                gr.nodes.iter().map(|&i| g.nodes[i].id.clone()).collect(),
            )
        })
        .collect()
}

// ---- Mermaid: header ----

#[test]
fn header_sets_the_direction() {
    for (header, dir) in [
        ("flowchart LR", Direction::LeftRight),
        ("flowchart RL", Direction::LeftRight),
        ("graph TD", Direction::TopDown),
        ("graph TB", Direction::TopDown),
        ("flowchart BT", Direction::TopDown),
        ("flowchart lr", Direction::LeftRight),
        ("flowchart", Direction::TopDown),
        ("graph", Direction::TopDown),
        ("Flowchart LR;", Direction::LeftRight),
        ("  graph LR  %% comment", Direction::LeftRight),
    ] {
        let g = m(&format!("{header}\n a --> b"));
        assert_eq!(g.direction, dir, "{header}");
        assert_eq!(edges(&g), ["a>b"], "{header}");
    }
}

#[test]
fn comments_blank_lines_front_matter_and_init_may_come_before_the_header() {
    let g = m("\n%% a comment\n%%{init: {'theme': 'dark'}}%%\n\nflowchart LR\na-->b");
    assert_eq!(edges(&g), ["a>b"]);
    let g = m("---\ntitle: Shop\n---\nflowchart LR\na-->b");
    assert_eq!(edges(&g), ["a>b"]);
}

#[test]
fn statements_may_follow_the_header_after_a_semicolon() {
    let g = m("graph LR; a-->b; b-->c;");
    assert_eq!(g.direction, Direction::LeftRight);
    assert_eq!(edges(&g), ["a>b", "b>c"]);
}

// ---- Mermaid: nodes ----

#[test]
fn every_node_shape() {
    let cases = [
        ("n", "n", Shape::Box),
        ("n[Box]", "Box", Shape::Box),
        ("n(Round)", "Round", Shape::Round),
        ("n([Stadium])", "Stadium", Shape::Stadium),
        ("n[(Database)]", "Database", Shape::Cylinder),
        ("n((Circle))", "Circle", Shape::Circle),
        ("n(((Double)))", "Double", Shape::Circle),
        ("n{Decision}", "Decision", Shape::Rhombus),
        ("n{{Hexagon}}", "Hexagon", Shape::Hexagon),
        ("n[/Slanted/]", "Slanted", Shape::Parallelogram),
        ("n[\\Back\\]", "Back", Shape::Parallelogram),
        ("n[/Trapezoid\\]", "Trapezoid", Shape::Parallelogram),
        ("n[\\Inverted/]", "Inverted", Shape::Parallelogram),
        ("n[[Subroutine]]", "Subroutine", Shape::Box),
        ("n>Flag]", "Flag", Shape::Box),
        ("n [Spaced]", "Spaced", Shape::Box),
        ("n[ padded  label ]", "padded label", Shape::Box),
        ("n[]", "n", Shape::Box),
        ("n[(\"Quoted db\")]", "Quoted db", Shape::Cylinder),
        ("n[/\"a/b\"/]", "a/b", Shape::Parallelogram),
        ("n:::hot", "n", Shape::Box),
        ("n[Hot]:::hot", "Hot", Shape::Box),
    ];
    for (text, label, shape) in cases {
        let g = m(&format!("flowchart LR\n    {text}"));
        assert_eq!(labels(&g), [("n", label, shape)], "{text}");
    }
}

#[test]
fn quoted_labels_keep_brackets_and_unescape_entities() {
    let g = m(concat!(
        "flowchart LR\n",
        "a[\"GET /users [paged] (v2) {json} -->\"]\n",
        "b[\"say #quot;hi#quot; #amp; #lt;br#gt; #35;1\"]\n",
        "c[Two<br>lines<br/>and<BR />three]\n",
        "d[\"#quot;unknown #foo; #99999999; #\"]\n",
    ));
    assert_eq!(
        labels(&g),
        [
            ("a", "GET /users [paged] (v2) {json} -->", Shape::Box),
            ("b", "say \"hi\" & <br> #1", Shape::Box),
            ("c", "Two lines and three", Shape::Box),
            ("d", "\"unknown #foo; #99999999; #", Shape::Box),
        ]
    );
}

#[test]
fn ids_may_hold_dashes_dots_digits_and_letters_of_any_script() {
    let g = m("flowchart LR\napi-gw-->db.primary\n2fa --> 用户_服务\na-b-c --- x");
    assert_eq!(edges(&g), ["api-gw>db.primary", "2fa>用户_服务", "a-b-c>x"]);
}

#[test]
fn first_label_wins_and_a_later_label_fills_a_bare_node() {
    let g = m("flowchart LR\na --> b[First]\nb[Second] --> a[(Store)]\na((Again))");
    assert_eq!(
        labels(&g),
        [("a", "Store", Shape::Cylinder), ("b", "First", Shape::Box)]
    );
}

#[test]
fn a_node_alone_on_a_line_is_defined_without_edges() {
    let g = m("flowchart TD\n  cache[(Redis)]\n  lb");
    assert_eq!(
        labels(&g),
        [
            ("cache", "Redis", Shape::Cylinder),
            ("lb", "lb", Shape::Box)
        ]
    );
    assert!(g.edges.is_empty());
}

// ---- Mermaid: edges ----

#[test]
fn every_edge_form() {
    use EdgeStyle::*;
    let cases = [
        ("a --> b", Solid, true),
        ("a --- b", Solid, false),
        ("a -.-> b", Dotted, true),
        ("a -.- b", Dotted, false),
        ("a ==> b", Thick, true),
        ("a === b", Thick, false),
        ("a ---> b", Solid, true),
        ("a -----> b", Solid, true),
        ("a ---- b", Solid, false),
        ("a -..-> b", Dotted, true),
        ("a ===> b", Thick, true),
        ("a-->b", Solid, true),
        ("a-.->b", Dotted, true),
        ("a==>b", Thick, true),
        ("a --x b", Solid, true),
        ("a --o b", Solid, true),
        ("a <--> b", Solid, true),
        ("a <-.-> b", Dotted, true),
        ("a <==> b", Thick, true),
    ];
    for (text, style, arrow) in cases {
        let g = m(&format!("flowchart LR\n{text}"));
        assert_eq!(edges(&g), ["a>b"], "{text}");
        assert_eq!(edge_kinds(&g), [(style, arrow)], "{text}");
    }
}

#[test]
fn edge_labels_in_pipes_and_inside_the_arrow() {
    use EdgeStyle::*;
    let cases = [
        ("a -->|reads| b", Solid, true),
        ("a --> |reads| b", Solid, true),
        ("a-->|reads|b", Solid, true),
        ("a ---|reads| b", Solid, false),
        ("a -.->|reads| b", Dotted, true),
        ("a ==>|reads| b", Thick, true),
        ("a -->|\"reads\"| b", Solid, true),
        ("a -- reads --> b", Solid, true),
        ("a --reads-->b", Solid, true),
        ("a -- reads --- b", Solid, false),
        ("a -- \"reads\" --> b", Solid, true),
        ("a -. reads .-> b", Dotted, true),
        ("a -. reads -.-> b", Dotted, true),
        ("a -. reads .- b", Dotted, false),
        ("a == reads ==> b", Thick, true),
        ("a == reads === b", Thick, false),
    ];
    for (text, style, arrow) in cases {
        let g = m(&format!("flowchart LR\n{text}"));
        assert_eq!(edges(&g), ["a>b:reads"], "{text}");
        assert_eq!(edge_kinds(&g), [(style, arrow)], "{text}");
    }
    let g = m("flowchart LR\na -- \"has -- and | inside\" --> b\nb -->|\"x | y\"| c\nc -->|| d");
    assert_eq!(edges(&g), ["a>b:has -- and | inside", "b>c:x | y", "c>d"]);
}

#[test]
fn chains_and_groups_make_every_edge_between_neighbours() {
    let g = m("flowchart LR\na --> b --> c\nd & e --> f & g\nh --> i & j -.-> k");
    assert_eq!(
        edges(&g),
        [
            "a>b", "b>c", "d>f", "d>g", "e>f", "e>g", "h>i", "h>j", "i>k", "j>k"
        ]
    );
    assert_eq!(g.edges[9].style, EdgeStyle::Dotted);
}

#[test]
fn nodes_are_defined_inside_edges() {
    let g = m("flowchart LR\nclient([Client]) -->|HTTPS| lb{{LB}} --> api(API) & worker[[Worker]]");
    assert_eq!(
        labels(&g),
        [
            ("client", "Client", Shape::Stadium),
            ("lb", "LB", Shape::Hexagon),
            ("api", "API", Shape::Round),
            ("worker", "Worker", Shape::Box),
        ]
    );
    assert_eq!(edges(&g), ["client>lb:HTTPS", "lb>api", "lb>worker"]);
}

#[test]
fn invisible_links_keep_their_nodes_but_no_edge() {
    let g = m("flowchart LR\na ~~~ b --> c");
    assert_eq!(g.nodes.len(), 3);
    assert_eq!(edges(&g), ["b>c"]);
}

// ---- Mermaid: statements, comments and ignored lines ----

#[test]
fn semicolons_comments_and_styling_lines() {
    let g = m(concat!(
        "flowchart LR\n",
        "  a --> b; b --> c;\n",
        "  %% a whole-line comment --> x\n",
        "  c --> d %% a trailing comment\n",
        "  classDef hot fill:#f96,stroke:#333;\n",
        "  class a,b hot\n",
        "  style d fill:#bbf,stroke:#f66,stroke-width:2px\n",
        "  linkStyle 0 stroke:#ff3,stroke-width:4px\n",
        "  click a \"https://example.com\" \"tip; with semicolon\"\n",
        "  accTitle: The title\n",
        "  accDescr: One line\n",
        "  accDescr {\n    many\n    lines\n  }\n",
        "  d --> e\n",
    ));
    assert_eq!(edges(&g), ["a>b", "b>c", "c>d", "d>e"]);
}

#[test]
fn keywords_are_node_ids_where_a_node_is_expected() {
    let g =
        m("flowchart LR\nend --> style\nstyle --> class\nsubgraph --> click\nx --> end\nend[End]");
    assert_eq!(
        edges(&g),
        ["end>style", "style>class", "subgraph>click", "x>end"]
    );
    assert_eq!(g.nodes[0].label, "End");
    assert!(g.groups.is_empty());
}

// ---- Mermaid: subgraphs ----

#[test]
fn subgraph_forms() {
    let g = m(concat!(
        "flowchart LR\n",
        "subgraph backend [Backend services]\n  api --> db\nend\n",
        "subgraph cache\n  redis\nend\n",
        "subgraph \"Edge layer\"\n  cdn\nend\n",
        "subgraph Data stores\n  s3\nend\n",
        "subgraph q[\"Queues #amp; streams\"]\n  kafka\nend\n",
        "client --> cdn --> api\n",
    ));
    assert_eq!(
        groups(&g),
        [
            (
                "backend".into(),
                "Backend services".into(),
                vec!["api".into(), "db".into()]
            ),
            ("cache".into(), "cache".into(), vec!["redis".into()]),
            ("subgraph3".into(), "Edge layer".into(), vec!["cdn".into()]),
            ("subgraph4".into(), "Data stores".into(), vec!["s3".into()]),
            ("q".into(), "Queues & streams".into(), vec!["kafka".into()]),
        ]
    );
}

#[test]
fn nested_subgraphs_are_flattened_innermost_first() {
    let g = m(concat!(
        "flowchart TB\n",
        "lb --> api\n",
        "subgraph region [Region]\n",
        "  direction LR\n",
        "  lb\n",
        "  subgraph az1 [Zone 1]\n",
        "    api --> db\n",
        "  end\n",
        "  gw --> api\n",
        "end\n",
        "subgraph later\n  db\n  other\nend\n",
    ));
    assert_eq!(
        groups(&g),
        [
            (
                "region".into(),
                "Region".into(),
                vec!["lb".into(), "gw".into()]
            ),
            (
                "az1".into(),
                "Zone 1".into(),
                vec!["api".into(), "db".into()]
            ),
            ("later".into(), "later".into(), vec!["other".into()]),
        ]
    );
}

// ---- Mermaid: errors, at line:col ----

#[test]
fn header_errors() {
    assert_eq!(
        m_err("a --> b"),
        "1:1: missing header: a Mermaid diagram starts with `flowchart LR` or `flowchart TD`"
    );
    assert_eq!(
        m_err("\n\n  %% only a comment\n"),
        "1:1: missing header: a Mermaid diagram starts with `flowchart LR` or `flowchart TD`"
    );
    assert_eq!(
        m_err("\n  sequenceDiagram\n  a->>b: hi"),
        "2:3: only flowcharts are supported, not `sequenceDiagram`: start with `flowchart LR` or `flowchart TD`"
    );
    assert_eq!(
        m_err("flowchart XY\na-->b"),
        "1:11: unknown direction `XY`: use LR, RL, TD, TB or BT"
    );
    assert_eq!(
        m_err("flowchart LR a-->b"),
        "1:14: unexpected `a` after the header: put statements on the next line or after `;`"
    );
    assert_eq!(
        m_err("---\ntitle: x\nflowchart LR"),
        "1:1: front matter is not closed: expected `---`"
    );
}

#[test]
fn bracket_errors() {
    assert_eq!(
        m_err("flowchart LR\n  a[label --> b"),
        "2:4: `[` is not closed: expected `]`"
    );
    assert_eq!(
        m_err("flowchart LR\na --> b((round)"),
        "2:8: `((` is not closed: expected `))`"
    );
    assert_eq!(
        m_err("flowchart LR\na --> b[(db]"),
        "2:8: `[(` is not closed: expected `)]`"
    );
    assert_eq!(
        m_err("flowchart LR\na[\"open --> b"),
        "2:3: `\"` is not closed: expected `\"`"
    );
    assert_eq!(
        m_err("flowchart LR\na[\"quoted\" tail] --> b"),
        "2:12: expected `]` after the quoted label"
    );
    assert_eq!(
        m_err("flowchart LR\na(Users (v2)) --> b"),
        "2:13: unexpected `)`: expected an arrow such as `-->`, `&`, `;` or the end of the line"
    );
    assert_eq!(
        m_err("flowchart LR\nsubgraph s [Title\nend"),
        "2:12: `[` is not closed: expected `]`"
    );
}

#[test]
fn arrow_errors() {
    assert_eq!(
        m_err("flowchart LR\n  a -> b"),
        "2:5: unknown arrow `->`: use `-->`, `---`, `-.->`, `-.-`, `==>` or `===`"
    );
    assert_eq!(
        m_err("flowchart LR\na => b"),
        "2:3: unknown arrow `=>`: use `-->`, `---`, `-.->`, `-.-`, `==>` or `===`"
    );
    assert_eq!(
        m_err("flowchart LR\na -..- b\nc .-> d"),
        "3:3: unknown arrow `.->`: use `-->`, `---`, `-.->`, `-.-`, `==>` or `===`"
    );
    assert_eq!(
        m_err("flowchart LR\na --> b\nb -->"),
        "3:6: edge has no end: expected a node after the arrow"
    );
    assert_eq!(
        m_err("flowchart LR\nb -->;c"),
        "2:6: edge has no end: expected a node after the arrow"
    );
    assert_eq!(
        m_err("flowchart LR\nb --> [x]"),
        "2:7: expected a node after the arrow, found `[`"
    );
    assert_eq!(
        m_err("flowchart LR\n   --> b"),
        "2:4: edge has no start: expected a node before the arrow"
    );
    assert_eq!(
        m_err("flowchart LR\na -->|label b"),
        "2:6: edge label is not closed: expected `|`"
    );
    assert_eq!(
        m_err("flowchart LR\na -- label b"),
        "2:3: edge label is not closed: expected `-->` or `---`"
    );
    assert_eq!(
        m_err("flowchart LR\na -. label -> b"),
        "2:3: edge label is not closed: expected `.->` or `.-`"
    );
    assert_eq!(
        m_err("flowchart LR\na -- \"label\" b"),
        "2:14: expected `-->` or `---` after the edge label"
    );
    assert_eq!(
        m_err("flowchart LR\na & --> b"),
        "2:5: expected a node after `&`"
    );
    assert_eq!(
        m_err("flowchart LR\napi db"),
        "2:5: unexpected `d`: expected an arrow such as `-->`, `&`, `;` or the end of the line"
    );
    assert_eq!(
        m_err("flowchart LR\n$ --> b"),
        "2:1: unexpected `$`: expected a node id"
    );
    assert_eq!(
        m_err("flowchart LR\na\u{202E} --> b"),
        "2:2: unexpected U+202E: expected an arrow such as `-->`, `&`, `;` or the end of the line"
    );
}

#[test]
fn subgraph_errors() {
    assert_eq!(
        m_err("flowchart LR\na-->b\n  end"),
        "3:3: `end` without an open subgraph"
    );
    assert_eq!(
        m_err("flowchart LR\nsubgraph one\n  subgraph two\n  a\n  end\n"),
        "2:1: subgraph is not closed: expected `end`"
    );
    assert_eq!(
        m_err("flowchart LR\n  subgraph\nend"),
        "2:3: a subgraph needs an id or a title"
    );
    assert_eq!(
        m_err("flowchart LR\naccDescr {\n text"),
        "2:1: `accDescr {` is not closed: expected `}`"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    assert_eq!(
        m_err("flowchart LR\nüñï[Ünïcödé] -> b"),
        "2:14: unknown arrow `->`: use `-->`, `---`, `-.->`, `-.-`, `==>` or `===`"
    );
    assert_eq!(
        m_err("flowchart LR\n日本 --> 語[x"),
        "2:9: `[` is not closed: expected `]`"
    );
}

#[test]
fn windows_line_endings_parse() {
    let g = m("flowchart LR\r\n  a --> b\r\n  subgraph s\r\n  b\r\n  end\r\n");
    assert_eq!(edges(&g), ["a>b"]);
    assert_eq!(groups(&g)[0].2, ["b"]);
}

// ---- Limits and sanitising ----

#[test]
fn too_many_nodes_edges_or_subgraphs_is_an_error_at_the_one_too_many() {
    let mut text = String::from("flowchart LR\n");
    for i in 0..MAX_NODES {
        text.push_str(&format!("n{i}\n"));
    }
    assert_eq!(m(&text).nodes.len(), MAX_NODES);
    text.push_str("n0 --> extra");
    assert_eq!(
        m_err(&text),
        format!(
            "{}:8: too many nodes: a diagram may have at most 500",
            MAX_NODES + 2
        )
    );

    let mut text = String::from("flowchart LR\n");
    text.push_str(&"a --> b\n".repeat(MAX_EDGES));
    assert_eq!(m(&text).edges.len(), MAX_EDGES);
    text.push_str("b -.-> a");
    assert_eq!(
        m_err(&text),
        format!(
            "{}:3: too many edges: a diagram may have at most 2000",
            MAX_EDGES + 2
        )
    );
    // A group product is cut off too, at its arrow.
    let many: Vec<String> = (0..60).map(|i| format!("n{i}")).collect();
    let text = format!("flowchart LR\n{0} --> {0}", many.join(" & "));
    assert!(m_err(&text).starts_with("2:"), "{}", m_err(&text));
    assert!(m_err(&text).contains("too many edges"));

    let text = format!(
        "flowchart LR\n{}",
        "subgraph s\nend\n".repeat(MAX_GROUPS + 1)
    );
    assert_eq!(
        m_err(&text),
        format!(
            "{}:1: too many subgraphs: a diagram may have at most 100",
            2 * MAX_GROUPS + 2
        )
    );
}

#[test]
fn long_labels_are_cut_with_an_ellipsis() {
    let long = "x".repeat(300);
    let g = m(&format!(
        "flowchart LR\na[{long}] -->|{long}| b\nsubgraph s [{long}]\nend"
    ));
    let want = format!("{}…", "x".repeat(MAX_LABEL - 1));
    assert_eq!(g.nodes[0].label, want);
    assert_eq!(g.edges[0].label.as_deref(), Some(want.as_str()));
    assert_eq!(g.groups[0].title, want);
    assert_eq!(want.chars().count(), MAX_LABEL);
    // Exactly the limit is kept whole; a cut never ends in white space.
    let exact = "y".repeat(MAX_LABEL);
    assert_eq!(s(&format!("a: {exact}")).nodes[0].label, exact);
    let spaced = format!("{} {}", "z".repeat(MAX_LABEL - 2), "w".repeat(10));
    assert_eq!(
        s(&format!("a: {spaced}")).nodes[0].label,
        format!("{}…", "z".repeat(MAX_LABEL - 2))
    );
    // An id used as a label or title is cut the same way; the id is kept whole.
    let id = "i".repeat(250);
    let g = s(&format!("{id} -> b"));
    assert_eq!(g.nodes[0].id, id);
    assert_eq!(g.nodes[0].label.chars().count(), MAX_LABEL);
    let g = m(&format!("flowchart LR\nsubgraph {id}\nend"));
    assert_eq!(g.groups[0].id, id);
    assert_eq!(g.groups[0].title.chars().count(), MAX_LABEL);
}

#[test]
fn labels_and_titles_are_sanitised() {
    let g = m(concat!(
        "flowchart LR\n",
        "a[\"red\u{1b}[31m \u{202E}evil\u{202C}\u{200B}\"] -->|\"\u{7}bell\ttab\"| b[#27;[2Jclear]\n",
        "subgraph s [\u{2066}Title\u{2069}\u{9b}]\nb\nend\n",
    ));
    assert_eq!(g.nodes[0].label, "red[31m evil");
    assert_eq!(g.edges[0].label.as_deref(), Some("bell tab"));
    assert_eq!(g.nodes[1].label, "[2Jclear");
    assert_eq!(g.groups[0].title, "Title");
    let g = s("a: \u{1b}]0;title\u{7} \u{202E}x\na -[\u{1b}[2J\u{200F}w]-> b[\u{9b}B\u{2028}C]");
    assert_eq!(g.nodes[0].label, "]0;title x");
    assert_eq!(g.edges[0].label.as_deref(), Some("[2Jw"));
    assert_eq!(g.nodes[1].label, "B C");
}

#[test]
fn a_megabyte_of_input_parses_quickly() {
    let start = std::time::Instant::now();
    let mut inputs: Vec<(&str, String)> = Vec::new();
    let comments = format!(
        "flowchart LR\n{}a --> b",
        "%% just a comment line\n".repeat(45_000)
    );
    inputs.push(("comments", comments));
    let big_label = format!("flowchart LR\na[\"{}\"] --> b", "label ".repeat(180_000));
    inputs.push(("label", big_label));
    let unclosed = format!("flowchart LR\na[{}", "x".repeat(1_000_000));
    inputs.push(("unclosed", unclosed));
    let dashes = format!("flowchart LR\na -- {}", "-.=".repeat(350_000));
    inputs.push(("dashes", dashes));
    let dots = format!("flowchart LR\na -. {}", ".".repeat(1_000_000));
    inputs.push(("dots", dots));
    let amps = format!("flowchart LR\n{} --> b", vec!["a"; 300_000].join(" & "));
    inputs.push(("amps", amps));
    let nodes = format!("flowchart LR\n{}", "a;".repeat(500_000));
    inputs.push(("repeats", nodes));
    let nested = format!("flowchart LR\n{}", "subgraph s\n".repeat(90_000));
    inputs.push(("nested", nested));
    let hashes = format!("flowchart LR\na[\"{}\"]", "#12".repeat(330_000));
    inputs.push(("hashes", hashes));
    let pipes = format!("flowchart LR\n{}", "a -->|x| b\n".repeat(100_000));
    inputs.push(("edges", pipes));
    for (name, text) in &inputs {
        assert!(text.len() >= 900_000, "{name}");
        let one = std::time::Instant::now();
        let _ = parse_mermaid(text);
        let _ = find_diagrams(&format!("```mermaid\n{text}\n```"));
        // Linear work takes at most a few seconds even unoptimised on a slow machine;
        // quadratic work on a megabyte would take hours.
        assert!(one.elapsed().as_secs() < 10, "{name}: {:?}", one.elapsed());
    }
    let short = "client -> lb -> api, worker\napi -[reads]-> cache\n".repeat(25_000);
    let _ = parse_short(&short);
    let notes = "Some prose -> with arrows in it, then\napi -> db\n\n".repeat(25_000);
    assert!(notes.len() >= 1_000_000);
    let found = find_diagrams(&notes);
    assert_eq!(found.len(), 25_000);
    let hashes = format!("a: {}", "#x".repeat(500_000));
    let _ = parse_short(&hashes);
    let open_label = format!("a -[{}", "]-".repeat(500_000));
    assert!(parse_short(&open_label).is_err());
    assert!(start.elapsed().as_secs() < 60, "{:?}", start.elapsed());
}

// ---- Short form ----

#[test]
fn short_form_chains_fans_and_labels() {
    let g = s(concat!(
        "# The read path\n",
        "\n",
        "client -> lb -> api\n",
        "api -> cache, db\n",
        "web, mobile -> api   # both apps\n",
        "api -[writes]-> queue -[ consumed by ]-> worker\n",
        "lb: Load balancer\n",
        "db: Postgres (primary)\n",
        "  cdn[Content delivery]->client\n",
        "search-svc.v2, db ->  index\n",
    ));
    assert_eq!(g.direction, Direction::LeftRight);
    assert_eq!(
        edges(&g),
        [
            "client>lb",
            "lb>api",
            "api>cache",
            "api>db",
            "web>api",
            "mobile>api",
            "api>queue:writes",
            "queue>worker:consumed by",
            "cdn>client",
            "search-svc.v2>index",
            "db>index",
        ]
    );
    let find = |id: &str| {
        g.nodes
            .iter()
            .find(|n| n.id == id)
            .map(|n| n.label.as_str())
    };
    assert_eq!(find("lb"), Some("Load balancer"));
    assert_eq!(find("db"), Some("Postgres (primary)"));
    assert_eq!(find("cdn"), Some("Content delivery"));
    assert_eq!(find("api"), Some("api"));
    assert!(g.nodes.iter().all(|n| n.shape == Shape::Box));
    assert!(
        g.edges
            .iter()
            .all(|e| e.style == EdgeStyle::Solid && e.arrow)
    );
}

#[test]
fn short_form_labels_first_wins_and_nodes_may_stand_alone() {
    let g = s(
        "a[First] -> b\na: Second\nb: Bee\nb[Later]\nlonely\nc, d\ne:\n#x: not a label\nf: has # and -> inside",
    );
    assert_eq!(
        labels(&g),
        [
            ("a", "First", Shape::Box),
            ("b", "Bee", Shape::Box),
            ("lonely", "lonely", Shape::Box),
            ("c", "c", Shape::Box),
            ("d", "d", Shape::Box),
            ("e", "e", Shape::Box),
            ("f", "has # and -> inside", Shape::Box),
        ]
    );
    assert_eq!(s("").nodes.len(), 0);
    assert_eq!(s("a -[]-> b").edges[0].label, None);
}

#[test]
fn short_form_errors() {
    for (text, want) in [
        (
            "client -> lb ->",
            "1:16: edge has no end: expected a node after `->`",
        ),
        (
            "a -> b\nclient ->   # later",
            "2:13: edge has no end: expected a node after `->`",
        ),
        (
            "\n  -> api",
            "2:3: edge has no start: expected a node before `->`",
        ),
        ("api -> cache,", "1:14: expected a node name after `,`"),
        ("api -> cache, , db", "1:15: expected a node name after `,`"),
        (
            "api -[writes-> queue",
            "1:5: edge label is not closed: expected `]->`",
        ),
        (
            "lb[Load balancer -> api",
            "1:3: `[` is not closed: expected `]`",
        ),
        (
            "a => b",
            "1:3: unexpected `=`: expected `->`, `,` or the end of the line",
        ),
        (
            "a --> b",
            "1:3: unexpected `-`: expected `->`, `,` or the end of the line",
        ),
        (
            "hello world",
            "1:7: unexpected `w`: expected `->`, `,` or the end of the line",
        ),
        (
            "a -> [x]",
            "1:6: expected a node name after `->`, found `[`",
        ),
        (
            "a -> b#c",
            "1:7: unexpected `#`: expected `->`, `,` or the end of the line",
        ),
        (
            "ok -> fine\n: label",
            "2:1: unexpected `:`: expected a node name",
        ),
        (
            "日本 -> 語 ->",
            "1:11: edge has no end: expected a node after `->`",
        ),
    ] {
        assert_eq!(s_err(text), want, "{text}");
    }
    let text: String = (0..=MAX_NODES).map(|i| format!("n{i}\n")).collect();
    assert_eq!(
        s_err(&text),
        format!(
            "{}:1: too many nodes: a diagram may have at most 500",
            MAX_NODES + 1
        )
    );
    let text = "a -> b\n".repeat(MAX_EDGES + 1);
    assert_eq!(
        s_err(&text),
        format!(
            "{}:3: too many edges: a diagram may have at most 2000",
            MAX_EDGES + 1
        )
    );
}

// ---- Finding diagrams in notes ----

#[test]
fn finds_mermaid_blocks_and_short_runs_in_order_with_their_lines() {
    let notes = concat!(
        "## Design\n",                         // 1
        "The client calls the API -> fast.\n", // 2
        "```mermaid\n",                        // 3
        "flowchart LR\n",                      // 4
        "  a --> b\n",                         // 5
        "```\n",                               // 6
        "Then the short form:\n",              // 7
        "client -> lb -> api\n",               // 8
        "api -> cache, db\n",                  // 9
        "\n",                                  // 10
        "reads -> writes ratio is high\n",     // 11
        "  worker -[polls]-> queue\n",         // 12
        "~~~ Mermaid\n",                       // 13
        "graph TD\n",                          // 14
        "x --> y\n",                           // 15
        "~~~\n",                               // 16
    );
    let found = find_diagrams(notes);
    let summary: Vec<(usize, Kind, &str)> = found
        .iter()
        .map(|f| (f.first_line, f.kind, f.source.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (4, Kind::Mermaid, "flowchart LR\n  a --> b"),
            (8, Kind::Short, "client -> lb -> api\napi -> cache, db"),
            (12, Kind::Short, "  worker -[polls]-> queue"),
            (14, Kind::Mermaid, "graph TD\nx --> y"),
        ]
    );
    assert!(found.iter().all(|f| f.graph.is_ok()));
    let Ok(g) = &found[1].graph else { panic!() };
    assert_eq!(edges(g), ["client>lb", "lb>api", "api>cache", "api>db"]);
}

#[test]
fn errors_in_found_diagrams_are_at_notes_lines() {
    let notes = concat!(
        "intro\n",            // 1
        "```mermaid\n",       // 2
        "flowchart LR\n",     // 3
        "  a --> b[open\n",   // 4
        "```\n",              // 5
        "```mermaid\n",       // 6
        "```\n",              // 7
        "  ```mermaid\n",     // 8
        "  a --> b\n",        // 9
        "  ```\n",            // 10
        "```MERMAID title\n", // 11
        "flowchart LR\n",     // 12
        "subgraph s\n",       // 13
        "a --> b\n",          // 14
    );
    let found = find_diagrams(notes);
    let errors: Vec<(usize, String)> = found
        .iter()
        .map(|f| {
            (
                f.first_line,
                f.graph
                    .as_ref()
                    .err()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        errors,
        [
            (3, "4:10: `[` is not closed: expected `]`".to_string()),
            (7, "6:1: empty mermaid block".to_string()),
            (
                9,
                "9:3: missing header: a Mermaid diagram starts with `flowchart LR` or `flowchart TD`"
                    .to_string()
            ),
            (12, "13:1: subgraph is not closed: expected `end`".to_string()),
        ]
    );
    // An unclosed fence runs to the end, empty or not.
    let found = find_diagrams("text\n```mermaid");
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].graph.as_ref().err().map(|e| (e.line, e.col)),
        Some((2, 1))
    );
    let found = find_diagrams("```mermaid\nflowchart LR\na-->b\n\nlater -> prose");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].source, "flowchart LR\na-->b\n\nlater -> prose");
    assert!(found[0].graph.is_err());
}

#[test]
fn short_form_runs_take_label_lines_that_name_their_nodes() {
    let notes = concat!(
        "Note: this is prose\n", // 1
        "lb: Load balancer\n",   // 2
        "client -> lb\n",        // 3
        "TODO: think\n",         // 4
        "lb -> api\n",           // 5
        "api: API servers\n",    // 6
        "\n",                    // 7
        "# Heading -> no\n",     // 8
        "a -> b\n",              // 9
        "Estimate: 10k QPS\n",   // 10
    );
    let found = find_diagrams(notes);
    let summary: Vec<(usize, &str)> = found
        .iter()
        .map(|f| (f.first_line, f.source.as_str()))
        .collect();
    assert_eq!(
        summary,
        [
            (2, "lb: Load balancer\nclient -> lb"),
            (5, "lb -> api\napi: API servers"),
            (9, "a -> b"),
        ]
    );
    let Ok(g) = &found[1].graph else { panic!() };
    assert_eq!(labels(g)[1], ("api", "API servers", Shape::Box));
}

#[test]
fn prose_with_arrows_is_not_a_diagram() {
    for line in [
        "reads -> writes ratio is high",
        "Step 1 -> Step 2",
        "- client -> server",
        "* a -> b",
        "`a -> b`",
        "x->y mapping",
        "a -> b, then c",
        "a -> ",
        "see http://x -> y",
        "a => b",
        "(a) -> (b)",
        "    ",
    ] {
        assert_eq!(find_diagrams(line), [], "{line}");
    }
    for line in [
        "a -> b",
        "a->b",
        "a, b -> c",
        "a -> b # comment",
        "a[Alpha] -[x]-> b",
    ] {
        assert_eq!(find_diagrams(line).len(), 1, "{line}");
    }
}

#[test]
fn other_fences_hide_their_text() {
    let notes =
        "```text\na -> b\n```\n~~~~\n```mermaid\nflowchart LR\n~~~~\nafter -> this\n````\nx -> y\n";
    let found = find_diagrams(notes);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].first_line, 8);
    // An unclosed fence of another language hides the rest.
    assert_eq!(find_diagrams("```\na -> b"), []);
}

#[test]
fn errors_in_short_runs_are_at_notes_lines() {
    let mut notes = String::from("intro\n\n");
    notes.push_str(&"a -> b\n".repeat(MAX_EDGES + 1));
    let found = find_diagrams(&notes);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].first_line, 3);
    let e = found[0].graph.as_ref().err().cloned();
    assert_eq!(e.map(|e| (e.line, e.col)), Some((MAX_EDGES + 3, 3)));
}

// ---- Round trips through to_mermaid ----

const REALISTIC_MERMAID: &[&str] = &[
    concat!(
        "flowchart LR\n",
        "    client([Mobile client]) -->|HTTPS| cdn[CDN]\n",
        "    client --> lb[Load balancer]\n",
        "    lb --> api1[API 1] & api2[API 2]\n",
        "    subgraph backend [Backend services]\n",
        "        api1 & api2 --> cache[(Redis)]\n",
        "        api1 & api2 -- writes --> db[(Postgres primary)]\n",
        "        db -.->|async replication| replica[(Read replica)]\n",
        "    end\n",
        "    api1 -.-> queue{{Kafka}}\n",
        "    queue ==> worker(Worker)\n",
        "    worker --- s3[/Object store/]\n",
        "    %% analytics\n",
        "    queue --> sample{Sample?}\n",
        "    sample -->|yes| olap[(\"ClickHouse #quot;events#quot;\")]\n",
    ),
    concat!(
        "graph TD\n",
        "  user((User)) --> dns[DNS]\n",
        "  user --> gw[API gateway]\n",
        "  subgraph region [us-east-1]\n",
        "    subgraph az1 [Zone A]\n",
        "      gw --> svc1[Shortener]\n",
        "    end\n",
        "    subgraph az2 [Zone B]\n",
        "      gw --> svc2[Shortener]\n",
        "    end\n",
        "    kgs[Key generation]\n",
        "  end\n",
        "  svc1 & svc2 --> kgs\n",
        "  svc1 & svc2 ==>|\"read <br/> write\"| store[(Cassandra)]\n",
        "  style store fill:#f9f\n",
        "  classDef hot stroke:#f00\n",
        "  class svc1,svc2 hot\n",
    ),
    concat!(
        "flowchart RL\n",
        "  end[End] --> subgraph[Subgraph]\n",
        "  style[Style] --- end\n",
        "  subgraph g1 [Group]\n",
        "    end[Not this label]\n",
        "  end\n",
        "  subgraph g2 [\"#35;2 #amp; <br> #lt;br>\"]\n",
        "    subgraph --- end\n",
        "  end\n",
        "  x --x y --o z ~~~ w\n",
    ),
];

const REALISTIC_SHORT: &[&str] = &[
    concat!(
        "client -> cdn, lb\n",
        "lb -> api -> cache, db\n",
        "api -[enqueue]-> queue -[consume]-> worker -> s3\n",
        "lb: Load balancer\n",
        "db: Postgres \"primary\" #1\n",
        "s3: Object store <br> (blobs) #quot;\n",
    ),
    "a, b -> c\nc -> end\nend: The end #35; here",
];

#[test]
fn realistic_diagrams_round_trip_through_to_mermaid() {
    for text in REALISTIC_MERMAID {
        let g = m(text);
        assert!(!g.nodes.is_empty());
        let back = to_mermaid(&g);
        assert_eq!(parse_mermaid(&back), Ok(g), "{text}\n--->\n{back}");
    }
    for text in REALISTIC_SHORT {
        let g = s(text);
        let back = to_mermaid(&g);
        assert_eq!(parse_mermaid(&back), Ok(g), "{text}\n--->\n{back}");
    }
}

#[test]
fn realistic_diagrams_parse_as_intended() {
    let g = m(REALISTIC_MERMAID[0]);
    assert_eq!(g.nodes.len(), 13);
    assert_eq!(g.edges.len(), 14);
    assert_eq!(groups(&g)[0].2, ["api1", "api2", "cache", "db", "replica"]);
    assert_eq!(g.nodes[12].label, "ClickHouse \"events\"");
    let g = m(REALISTIC_MERMAID[1]);
    assert_eq!(
        groups(&g).iter().map(|g| g.2.clone()).collect::<Vec<_>>(),
        [
            vec!["kgs".to_string()],
            vec!["gw".into(), "svc1".into()],
            vec!["svc2".into()]
        ]
    );
    assert_eq!(
        g.edges.last().and_then(|e| e.label.as_deref()),
        Some("read write")
    );
    let g = m(REALISTIC_MERMAID[2]);
    assert_eq!(groups(&g)[1].1, "#2 & <br>");
    assert_eq!(groups(&g)[0].2, ["end"]);
    let g = s(REALISTIC_SHORT[0]);
    assert_eq!(g.nodes[8].label, "Object store <br> (blobs) #quot;");
}

// ---- Hostile input ----

/// Whether an error's position lies inside `text`: on one of its lines, at one of its
/// characters or just after the last.
fn inside(text: &str, e: &DiagramError) -> bool {
    let lines: Vec<&str> = text.split('\n').collect();
    e.line >= 1
        && e.col >= 1
        && lines
            .get(e.line - 1)
            .is_some_and(|l| e.col <= l.chars().count() + 1)
}

/// What every graph a parser returns must satisfy, and that it reads back from Mermaid.
fn check_graph(g: &Graph) -> Result<(), TestCaseError> {
    prop_assert!(g.nodes.len() <= MAX_NODES);
    prop_assert!(g.edges.len() <= MAX_EDGES);
    prop_assert!(g.groups.len() <= MAX_GROUPS);
    let mut ids = HashSet::new();
    for n in &g.nodes {
        prop_assert!(ids.insert(n.id.as_str()), "duplicate id {}", n.id);
        prop_assert!(
            !n.id.is_empty()
                && id_end(&n.id.chars().collect::<Vec<_>>(), 0) == n.id.chars().count()
        );
    }
    let labels = g
        .nodes
        .iter()
        .map(|n| &n.label)
        .chain(g.edges.iter().filter_map(|e| e.label.as_ref()))
        .chain(g.groups.iter().map(|g| &g.title));
    for l in labels {
        prop_assert!(l.chars().count() <= MAX_LABEL);
        prop_assert_eq!(&sanitize(l, true), l);
        prop_assert!(!l.chars().any(|c| c.is_control()));
        prop_assert_eq!(l.trim(), l.as_str());
    }
    for e in &g.edges {
        prop_assert!(e.from < g.nodes.len() && e.to < g.nodes.len());
    }
    let mut grouped = HashSet::new();
    for gr in &g.groups {
        for &i in &gr.nodes {
            prop_assert!(i < g.nodes.len());
            prop_assert!(grouped.insert(i), "node {} in two groups", i);
        }
    }
    let back = to_mermaid(g);
    prop_assert_eq!(parse_mermaid(&back), Ok(g.clone()), "{}", back);
    Ok(())
}

fn check_mermaid(text: &str) -> Result<(), TestCaseError> {
    match parse_mermaid(text) {
        Ok(g) => check_graph(&g)?,
        Err(e) => prop_assert!(inside(text, &e), "{:?} outside {:?}", e, text),
    }
    Ok(())
}

fn check_short(text: &str) -> Result<(), TestCaseError> {
    match parse_short(text) {
        Ok(g) => check_graph(&g)?,
        Err(e) => prop_assert!(inside(text, &e), "{:?} outside {:?}", e, text),
    }
    Ok(())
}

fn check_notes(text: &str) -> Result<(), TestCaseError> {
    let lines = text.split('\n').count();
    for f in find_diagrams(text) {
        prop_assert!(f.first_line >= 1 && f.first_line <= lines + 1);
        match &f.graph {
            Ok(g) => check_graph(g)?,
            Err(e) => prop_assert!(inside(text, e), "{:?} outside {:?}", e, text),
        }
    }
    Ok(())
}

/// A piece of text the syntax gives meaning to, or any character.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(vec![
            "-->", "---", "-.->", "-.-", "==>", "===", "--", "-.", "==", "->", "-[", "]->",
            "~~~", "<-->", "|", "&", ";", ",", ":", ":::", "%%", "\"", "#quot;", "#35;",
            "<br>", "[", "]", "(", ")", "{", "}", "((", "))", "[(", ")]", "[/", "/]", "[\\",
            "\\]", "{{", "}}", ">", "\n", "\n", " ", " ", "  ", "\t", "\r\n", "subgraph ",
            "end", "flowchart LR\n", "graph TD;", "style ", "class ", "click ", "a", "b",
            "api", "db", "x", "o", "label", "#", "```mermaid\n", "```\n", "~~~\n", "é", "日",
            "\u{1b}", "\u{202E}", "\u{200D}", "👩\u{200D}💻", "…",
        ])
        .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ]
}

/// Text made mostly of the pieces the syntax gives meaning to.
fn syntaxy() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..60).prop_map(|v| v.concat())
}

/// Label text with everything awkward in it: quotes, brackets, entity codes, `<br>`,
/// escapes, bidi and joiners.
fn awkward_label() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        3 => "[a-zA-Z0-9 ]{1,6}",
        2 => prop::sample::select(vec![
            "\"", "#", "#quot;", "#35;", "#amp;", "#lt;", "#x;", ";", "<br>", "<BR/>", "<b", "<",
            ">", "|", "[", "]", "(", ")", "{", "}", "/", "\\", "-->", "--", "==", "-.", "%%",
            "&", ",", ":", "\u{1b}[31m", "\u{202E}", "\u{200B}", "\u{200D}", "👩\u{200D}💻",
            "\t", "  ", "é", "日本", "…", "end", "subgraph",
        ])
        .prop_map(String::from),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(part, 0..8).prop_map(|v| v.concat())
}

/// A short-form diagram with awkward labels and ids that are Mermaid keywords.
fn short_diagram() -> impl Strategy<Value = String> {
    let id = prop::sample::select(vec![
        "a",
        "b",
        "c",
        "x",
        "o",
        "v",
        "end",
        "subgraph",
        "style",
        "class",
        "click",
        "classDef",
        "linkStyle",
        "direction",
        "graph",
        "flowchart",
        "api-gw",
        "db.v2",
        "日本",
        "accTitle",
        "accDescr",
        "_1",
        "9",
    ]);
    let line = prop_oneof![
        (id.clone(), awkward_label()).prop_map(|(id, l)| format!("{id}: {l}")),
        (
            prop::collection::vec((id.clone(), prop::option::of(awkward_label())), 1..3),
            prop::collection::vec(
                (
                    prop::option::of(awkward_label()),
                    prop::collection::vec(id.clone(), 1..3)
                ),
                1..3
            ),
        )
            .prop_map(|(first, rest)| {
                let node = |(id, label): &(&str, Option<String>)| match label {
                    Some(l) => format!("{id}[{}]", l.replace([']', '\n', '\r'], "")),
                    None => id.to_string(),
                };
                let mut text = first.iter().map(node).collect::<Vec<_>>().join(", ");
                for (label, ids) in rest {
                    match label {
                        Some(l) => text.push_str(&format!(
                            " -[{}]-> ",
                            l.replace("]->", "").replace(['\n', '\r'], "")
                        )),
                        None => text.push_str(" -> "),
                    }
                    text.push_str(&ids.join(", "));
                }
                text
            }),
    ];
    prop::collection::vec(line, 1..8).prop_map(|lines| {
        lines
            .into_iter()
            .map(|l| l.replace(['\n', '\r', '\u{85}', '\u{2028}', '\u{2029}'], " "))
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Random edits of a valid diagram: deletions, insertions of syntax, duplications.
fn mutated(bases: &'static [&'static str]) -> impl Strategy<Value = String> {
    let insert = prop::collection::vec(piece(), 0..4).prop_map(|v| v.concat());
    let edit = (0usize..10_000, 0usize..12, insert, 0u8..4);
    (
        prop::sample::select(bases.to_vec()),
        prop::collection::vec(edit, 1..6),
    )
        .prop_map(|(base, edits)| {
            let mut chars: Vec<char> = base.chars().collect();
            for (at, len, insert, op) in edits {
                let at = if chars.is_empty() {
                    0
                } else {
                    at % (chars.len() + 1)
                };
                let end = (at + len).min(chars.len());
                match op {
                    0 => {
                        chars.drain(at..end);
                    }
                    1 => {
                        chars.splice(at..at, insert.chars());
                    }
                    2 => {
                        chars.splice(at..end, insert.chars());
                    }
                    _ => {
                        let copy: Vec<char> = chars[at..end].to_vec();
                        chars.splice(at..at, copy);
                    }
                }
            }
            chars.into_iter().collect()
        })
}

const ALL_BASES: &[&str] = &[
    REALISTIC_MERMAID[0],
    REALISTIC_MERMAID[1],
    REALISTIC_MERMAID[2],
    REALISTIC_SHORT[0],
    REALISTIC_SHORT[1],
    "flowchart LR\na -- text --> b -. dotted .-> c == thick ==> d\n",
    "intro\n```mermaid\nflowchart LR\na-->b\n```\nclient -> lb\nlb: LB\n",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn random_text_never_panics_and_errors_point_inside(text in syntaxy()) {
        check_mermaid(&text)?;
        check_mermaid(&format!("flowchart LR\n{text}"))?;
        check_short(&text)?;
        check_notes(&text)?;
    }

    #[test]
    fn any_string_never_panics(text in any::<String>()) {
        check_mermaid(&text)?;
        check_short(&text)?;
        check_notes(&text)?;
    }

    #[test]
    fn short_diagrams_with_awkward_labels_round_trip_through_mermaid(text in short_diagram()) {
        let g = parse_short(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{text}")))?;
        check_graph(&g)?;
        check_notes(&text)?;
    }

    #[test]
    fn mutated_diagrams_never_panic_and_round_trip_when_valid(text in mutated(ALL_BASES)) {
        check_mermaid(&text)?;
        check_short(&text)?;
        check_notes(&text)?;
    }
}
