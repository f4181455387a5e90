//! Architecture diagrams written as text in a step's notes: a fenced ```mermaid block
//! holding a flowchart, or the quicker short form (`client -> lb -> api`,
//! `api -> cache, db`). This module knows nothing of terminals or files: it parses text
//! into a [`Graph`], writes a graph back as Mermaid, and draws it as lines of text.
//!
//! - `parse`: Mermaid flowchart subset and the short form, errors at line:col, and
//!   every diagram in a step's notes (docs/diagrams.md is the syntax reference).
//! - `draw`: a graph as text, with box-drawing characters or plain ASCII.
//! - `mermaid`: a graph written back as Mermaid.
//! - `palette`: the building blocks a diagram is made of, ready to insert.

mod draw;
mod mermaid;
mod palette;
mod parse;

pub use draw::{Drawing, MAX_DRAWN_EDGES, MAX_DRAWN_NODES, draw};
pub use mermaid::{node_definition, to_mermaid};
pub use palette::{Component, PALETTE, insertion};
pub use parse::{
    Found, Kind, MAX_EDGES, MAX_GROUPS, MAX_LABEL, MAX_NODES, find_diagrams, parse_mermaid,
    parse_short,
};

use serde::Serialize;

/// Which way the flow runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// `LR` (and `RL`, drawn left to right too).
    #[default]
    LeftRight,
    /// `TD` / `TB` (and `BT`, drawn top down too).
    TopDown,
}

/// A node's outline, as Mermaid writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `id[label]`, and a bare `id`.
    #[default]
    Box,
    /// `id(label)`
    Round,
    /// `id([label])`
    Stadium,
    /// `id[(label)]`: a database.
    Cylinder,
    /// `id((label))`
    Circle,
    /// `id{label}`
    Rhombus,
    /// `id{{label}}`
    Hexagon,
    /// `id[/label/]` and the other slanted forms.
    Parallelogram,
}

/// How an edge is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeStyle {
    /// `-->` (and `---`, drawn without a head: see [`Edge::arrow`]).
    #[default]
    Solid,
    /// `-.->`
    Dotted,
    /// `==>`
    Thick,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Node {
    /// The name the text uses for it (`lb`), unique in its graph.
    pub id: String,
    /// What is written in the box (`Load balancer`); the id when none was given.
    pub label: String,
    pub shape: Shape,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    /// Index into [`Graph::nodes`].
    pub from: usize,
    /// Index into [`Graph::nodes`].
    pub to: usize,
    pub label: Option<String>,
    pub style: EdgeStyle,
    /// Whether it has an arrowhead at `to` (`-->`), or is a plain line (`---`).
    pub arrow: bool,
}

/// A Mermaid `subgraph`: a titled group of nodes drawn together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Group {
    pub id: String,
    pub title: String,
    /// Indexes into [`Graph::nodes`].
    pub nodes: Vec<usize>,
}

/// A parsed diagram. Labels are already free of control, bidi and invisible characters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Graph {
    pub direction: Direction,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    pub groups: Vec<Group>,
}

/// Why a diagram's text does not parse, at a 1-based line and column (in characters)
/// of that text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagramError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl std::fmt::Display for DiagramError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.col, self.message)
    }
}

impl std::error::Error for DiagramError {}

/// Which characters a drawing uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Charset {
    /// Box-drawing characters: `┌─┐ │ └─┘ ▶`.
    #[default]
    Unicode,
    /// Plain ASCII: `+-+ | +-+ >`, for terminals that cannot show the others.
    Ascii,
}

/// `notes` with every diagram's lines (fences included) left empty, so prose readers
/// see only the prose: a diagram is judged by its structure, and a box of buzzwords is
/// not a sentence. Line numbers stay where they were.
pub fn prose(notes: &str) -> std::borrow::Cow<'_, str> {
    let found = find_diagrams(notes);
    if found.is_empty() {
        return std::borrow::Cow::Borrowed(notes);
    }
    let out: Vec<&str> = notes
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            if found.iter().any(|f| f.lines.contains(&i)) {
                ""
            } else {
                line
            }
        })
        .collect();
    std::borrow::Cow::Owned(out.join("\n"))
}

/// Every diagram in `text` as a file or stdin gives it: the whole text when it is a
/// Mermaid flowchart (it starts with `flowchart` or `graph`), else each ```mermaid block
/// and each run of short-form lines in it, as in a step's notes.
pub fn diagrams_in(text: &str) -> Vec<Found> {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("%%"));
    let is_flowchart = first.is_some_and(|l| {
        let word = l.split_whitespace().next().unwrap_or_default();
        word == "flowchart" || word == "graph"
    });
    if is_flowchart {
        return vec![Found {
            first_line: 1,
            kind: Kind::Mermaid,
            source: text.to_string(),
            graph: parse_mermaid(text),
            lines: 0..text.split('\n').count(),
        }];
    }
    find_diagrams(text)
}
