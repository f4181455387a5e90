//! Text into a [`Graph`]: the Mermaid flowchart subset people write for architecture
//! diagrams ([`parse_mermaid`]), the quicker short form ([`parse_short`]), and every
//! diagram in a step's notes ([`find_diagrams`]). docs/diagrams.md is the syntax
//! reference this module follows.
//!
//! Errors carry the 1-based line and column (in characters) of the text they are about.
//! Parsing never panics and takes time linear in the text: a graph holds at most
//! [`MAX_NODES`] nodes, [`MAX_EDGES`] edges and [`MAX_GROUPS`] groups (more is an
//! error), and every label and title is sanitised to one line, its white space runs made
//! single spaces, and cut to [`MAX_LABEL`] characters ending in `…`.
// No input may panic the parsers; tests are free to index and unwrap.
#![cfg_attr(not(test), deny(clippy::indexing_slicing, clippy::panic))]

use std::collections::{HashMap, HashSet};

use super::{DiagramError, Direction, Edge, EdgeStyle, Graph, Group, Node, Shape};
use crate::domain::sanitize::{is_invisible, sanitize};

#[cfg(test)]
mod tests;

/// The most nodes a diagram may have.
pub const MAX_NODES: usize = 500;
/// The most edges a diagram may have.
pub const MAX_EDGES: usize = 2000;
/// The most subgraphs a Mermaid diagram may have.
pub const MAX_GROUPS: usize = 100;
/// The longest label or title, in characters; longer ones are cut and end in `…`.
pub const MAX_LABEL: usize = 200;

/// How a diagram in the notes is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A fenced ```mermaid block.
    Mermaid,
    /// A run of short-form lines (`client -> lb -> api`).
    Short,
}

/// A diagram found in a step's notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The 1-based line of the notes where the diagram's text starts: the line after a
    /// Mermaid block's opening fence, or a short-form run's first line.
    pub first_line: usize,
    pub kind: Kind,
    /// The diagram's text: a Mermaid block's lines without the fences, or the run's lines.
    pub source: String,
    /// The parsed graph, or why it does not parse, at a line and column of the notes.
    pub graph: Result<Graph, DiagramError>,
    /// The lines of the notes it takes, fences included (0-based, end exclusive).
    pub lines: std::ops::Range<usize>,
}

fn error(line: usize, col: usize, message: impl Into<String>) -> DiagramError {
    DiagramError {
        line,
        col,
        message: message.into(),
    }
}

/// A character of the user's text, shown in an error message: quoted, or as `U+202E`
/// when it would not show (or could act on the terminal).
fn show_char(c: char) -> String {
    if c.is_whitespace() || is_invisible(c) {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// A piece of the user's text, shown in an error message: sanitised and kept short.
fn show(text: &str) -> String {
    let safe = sanitize(text, true);
    if safe.chars().count() > 20 {
        let cut: String = safe.chars().take(19).collect();
        format!("{cut}…")
    } else {
        safe
    }
}

/// A label or title as a [`Graph`] holds it: sanitised to one line, runs of white space
/// made one space, trimmed, and cut to [`MAX_LABEL`] characters ending in `…`.
/// Idempotent.
fn clean_label(raw: &str) -> String {
    let safe = sanitize(raw, true);
    let mut out = String::with_capacity(safe.len());
    for word in safe.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.chars().count() <= MAX_LABEL {
        return out;
    }
    let cut: String = out.chars().take(MAX_LABEL - 1).collect();
    // Sanitising again drops a joiner the cut left at the end.
    let mut cut = sanitize(cut.trim_end(), true).trim_end().to_string();
    cut.push('…');
    cut
}

/// A Mermaid label's text as written: `<br>` line breaks become spaces, then Mermaid's
/// entity codes (`#quot;`, `#amp;`, `#lt;`, `#gt;`, `#nbsp;`, `#35;`) become characters,
/// then [`clean_label`].
fn mermaid_label(raw: &str) -> String {
    clean_label(&decode_entities(&breaks_to_spaces(raw)))
}

/// `<br>`, `<br/>` and `<br />` (any case) as a space: labels are drawn on one line.
fn breaks_to_spaces(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes.get(i) == Some(&b'<')
            && bytes
                .get(i + 1..i + 3)
                .is_some_and(|b| b.eq_ignore_ascii_case(b"br"))
        {
            let mut j = i + 3;
            while bytes.get(j).is_some_and(|b| b.is_ascii_whitespace()) {
                j += 1;
            }
            if bytes.get(j) == Some(&b'/') {
                j += 1;
            }
            if bytes.get(j) == Some(&b'>') {
                out.push_str(&text[copied..i]);
                out.push(' ');
                copied = j + 1;
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out.push_str(&text[copied..]);
    out
}

/// Mermaid's entity codes as characters, in one pass (so `#35;quot;` is `#quot;`).
/// Unknown names and numbers that are not characters stay as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('#') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let len = after
            .bytes()
            .take(9)
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        if len > 0 && after.as_bytes().get(len) == Some(&b';') {
            let name = &after[..len];
            let decoded = match name {
                "quot" => Some('"'),
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "nbsp" => Some(' '),
                n if n.bytes().all(|b| b.is_ascii_digit()) => {
                    n.parse::<u32>().ok().and_then(char::from_u32)
                }
                _ => None,
            };
            if let Some(c) = decoded {
                out.push(c);
                rest = &after[len + 1..];
                continue;
            }
        }
        out.push('#');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Whether `c` may be in a node id (and start one): a letter, a digit or `_`. A `-` or
/// `.` may also join two of these (`api-gateway`, `svc.v2`), see [`id_end`].
fn id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Where the node id starting at `i` ends (`i` itself when none starts there).
fn id_end(c: &[char], i: usize) -> usize {
    let mut j = i;
    while let Some(&ch) = c.get(j) {
        if id_char(ch)
            || (j > i && matches!(ch, '-' | '.') && c.get(j + 1).is_some_and(|&n| id_char(n)))
        {
            j += 1;
        } else {
            break;
        }
    }
    j
}

/// The graph being built, shared by both parsers.
struct Builder {
    graph: Graph,
    ids: HashMap<String, usize>,
    /// Whether each node has been given a label (or shape) yet.
    labelled: Vec<bool>,
}

impl Builder {
    fn new(direction: Direction) -> Self {
        Builder {
            graph: Graph {
                direction,
                ..Graph::default()
            },
            ids: HashMap::new(),
            labelled: Vec::new(),
        }
    }

    /// The node called `id`, added if new. `def` is a label (already clean) and shape:
    /// it is used if the node has none yet. An empty label stands for the id.
    fn node(
        &mut self,
        id: &str,
        def: Option<(String, Shape)>,
        line: usize,
        col: usize,
    ) -> Result<usize, DiagramError> {
        let def = def.map(|(label, shape)| {
            if label.is_empty() {
                (clean_label(id), shape)
            } else {
                (label, shape)
            }
        });
        if let Some(&i) = self.ids.get(id) {
            if let Some((label, shape)) = def
                && let Some(labelled) = self.labelled.get_mut(i)
                && !*labelled
                && let Some(node) = self.graph.nodes.get_mut(i)
            {
                node.label = label;
                node.shape = shape;
                *labelled = true;
            }
            return Ok(i);
        }
        if self.graph.nodes.len() >= MAX_NODES {
            return Err(error(
                line,
                col,
                format!("too many nodes: a diagram may have at most {MAX_NODES}"),
            ));
        }
        let i = self.graph.nodes.len();
        self.labelled.push(def.is_some());
        let (label, shape) = def.unwrap_or_else(|| (clean_label(id), Shape::Box));
        self.graph.nodes.push(Node {
            id: id.to_string(),
            label,
            shape,
        });
        self.ids.insert(id.to_string(), i);
        Ok(i)
    }

    /// An edge like `like` from every node of `from` to every node of `to`.
    fn edges(
        &mut self,
        from: &[usize],
        to: &[usize],
        like: &Edge,
        line: usize,
        col: usize,
    ) -> Result<(), DiagramError> {
        for &f in from {
            for &t in to {
                if self.graph.edges.len() >= MAX_EDGES {
                    return Err(error(
                        line,
                        col,
                        format!("too many edges: a diagram may have at most {MAX_EDGES}"),
                    ));
                }
                self.graph.edges.push(Edge {
                    from: f,
                    to: t,
                    ..like.clone()
                });
            }
        }
        Ok(())
    }
}

/// A position in one line of text.
struct Cur<'a> {
    c: &'a [char],
    i: usize,
    /// The 1-based line number.
    line: usize,
}

impl Cur<'_> {
    fn peek(&self) -> Option<char> {
        self.c.get(self.i).copied()
    }

    fn at_end(&self) -> bool {
        self.i >= self.c.len()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn starts(&self, s: &str) -> bool {
        starts_at(self.c, self.i, s)
    }

    /// At a `;`, a `%%` comment or the end of the line: where a Mermaid statement ends.
    fn at_statement_end(&self) -> bool {
        matches!(self.peek(), None | Some(';')) || self.starts("%%")
    }

    fn err(&self, message: impl Into<String>) -> DiagramError {
        self.err_at(self.i, message)
    }

    fn err_at(&self, i: usize, message: impl Into<String>) -> DiagramError {
        error(self.line, i + 1, message)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.c
            .get(from..to.min(self.c.len()))
            .map_or_else(String::new, |s| s.iter().collect())
    }

    /// The index of the first `ch` from `from`, if any.
    fn find_char(&self, from: usize, ch: char) -> Option<usize> {
        self.c
            .get(from..)
            .and_then(|rest| rest.iter().position(|&x| x == ch))
            .map(|p| from + p)
    }

    /// Reads a double-quoted string starting at the current `"`; returns its content.
    fn quoted(&mut self) -> Result<String, DiagramError> {
        let open = self.i;
        let close = self
            .find_char(open + 1, '"')
            .ok_or_else(|| self.err_at(open, "`\"` is not closed: expected `\"`"))?;
        self.i = close + 1;
        Ok(self.text(open + 1, close))
    }
}

fn starts_at(c: &[char], i: usize, s: &str) -> bool {
    (i..).zip(s.chars()).all(|(k, ch)| c.get(k) == Some(&ch))
}

/// How many times `ch` repeats from `i`.
fn run(c: &[char], i: usize, ch: char) -> usize {
    c.get(i..)
        .map_or(0, |rest| rest.iter().take_while(|&&x| x == ch).count())
}

/// Whether an `x` or `o` arrowhead (`--x`, `--o`) is at `j`: not the start of a node id.
fn head_at(c: &[char], j: usize) -> bool {
    matches!(c.get(j), Some('x' | 'o')) && !c.get(j + 1).is_some_and(|&n| id_char(n))
}

/// What a link draws.
#[derive(Clone, Copy)]
enum LinkKind {
    Edge(EdgeStyle, bool),
    /// `~~~`: it only places nodes; the nodes are kept, the link is not.
    Invisible,
}

enum LinkToken {
    /// A whole link such as `-->`, ending before `end`.
    Whole { kind: LinkKind, end: usize },
    /// The start of a link with its label inside (`-- label -->`), ending before `end`.
    Open { style: EdgeStyle, end: usize },
}

/// The link starting at `i`, if one does.
fn scan_link(c: &[char], i: usize) -> Option<LinkToken> {
    let two_way = c.get(i) == Some(&'<');
    let i = if two_way { i + 1 } else { i };
    let whole = |style, arrow, end| LinkToken::Whole {
        kind: LinkKind::Edge(style, arrow || two_way),
        end,
    };
    match c.get(i)? {
        ch @ ('-' | '=') => {
            let style = if *ch == '-' {
                EdgeStyle::Solid
            } else {
                EdgeStyle::Thick
            };
            let n = run(c, i, *ch);
            let j = i + n;
            if n >= 2 && (c.get(j) == Some(&'>') || head_at(c, j)) {
                Some(whole(style, true, j + 1))
            } else if n >= 3 {
                Some(whole(style, false, j))
            } else if n == 2 {
                Some(LinkToken::Open { style, end: j })
            } else if *ch == '-' && c.get(j) == Some(&'.') {
                let dots = run(c, j, '.');
                let k = j + dots;
                if c.get(k) == Some(&'-') {
                    let arrow = c.get(k + 1) == Some(&'>') || head_at(c, k + 1);
                    Some(whole(
                        EdgeStyle::Dotted,
                        arrow,
                        if arrow { k + 2 } else { k + 1 },
                    ))
                } else if dots == 1 {
                    Some(LinkToken::Open {
                        style: EdgeStyle::Dotted,
                        end: j + 1,
                    })
                } else {
                    None
                }
            } else {
                None
            }
        }
        '~' if !two_way && run(c, i, '~') >= 3 => Some(LinkToken::Whole {
            kind: LinkKind::Invisible,
            end: i + run(c, i, '~'),
        }),
        _ => None,
    }
}

/// The end of the link that closes a `style` label (`-->`, `---`; `==>`, `===`; `.->`,
/// `.-`, `-.->`), if one starts at `p`, and whether it has an arrowhead.
fn closer_at(c: &[char], p: usize, style: EdgeStyle) -> Option<(bool, usize)> {
    match style {
        EdgeStyle::Solid | EdgeStyle::Thick => {
            let ch = if style == EdgeStyle::Solid { '-' } else { '=' };
            let n = run(c, p, ch);
            let j = p + n;
            if n >= 2 && (c.get(j) == Some(&'>') || head_at(c, j)) {
                Some((true, j + 1))
            } else if n >= 3 {
                Some((false, j))
            } else {
                None
            }
        }
        EdgeStyle::Dotted => {
            let q = match (c.get(p), c.get(p + 1)) {
                (Some('-'), Some('.')) => p + 1,
                (Some('.'), _) => p,
                _ => return None,
            };
            let k = q + run(c, q, '.');
            if c.get(k) != Some(&'-') {
                return None;
            }
            if c.get(k + 1) == Some(&'>') || head_at(c, k + 1) {
                Some((true, k + 2))
            } else {
                Some((false, k + 1))
            }
        }
    }
}

fn closer_name(style: EdgeStyle) -> &'static str {
    match style {
        EdgeStyle::Solid => "`-->` or `---`",
        EdgeStyle::Dotted => "`.->` or `.-`",
        EdgeStyle::Thick => "`==>` or `===`",
    }
}

const ARROWS: &str = "use `-->`, `---`, `-.->`, `-.-`, `==>` or `===`";

/// Characters that start a link, or a `&` joining nodes: after a keyword they mean the
/// keyword is a node id (`end --> db`).
fn link_start(c: char) -> bool {
    matches!(c, '-' | '=' | '<' | '~' | '&')
}

/// A Mermaid subgraph still open.
struct Open {
    /// Index into the graph's groups.
    group: usize,
    line: usize,
    col: usize,
    /// The nodes its own statements mention, in order.
    mentions: Vec<usize>,
}

struct Mermaid {
    b: Builder,
    open: Vec<Open>,
    /// Whether each node already belongs to a (closed) group.
    grouped: Vec<bool>,
    /// Set while skipping a multi-line `accDescr { ... }`: where it started.
    description: Option<(usize, usize)>,
}

/// Mermaid diagram types other than flowcharts, named in the missing-header error.
fn other_diagram_type(word: &str) -> bool {
    word.ends_with("Diagram")
        || word.contains("Diagram-")
        || word.ends_with("-beta")
        || word.starts_with("C4")
        || matches!(
            word,
            "gantt" | "pie" | "journey" | "gitGraph" | "mindmap" | "timeline" | "kanban" | "zenuml"
        )
}

/// A Mermaid flowchart as a [`Graph`]: the subset docs/diagrams.md describes.
///
/// A node mentioned several times keeps the first label (and shape) given; a later one
/// fills in a node that had none. Subgraphs are flattened: a node belongs to the
/// innermost subgraph that mentions it (the first to close, as Mermaid does), and an
/// outer subgraph keeps only the nodes its own lines mention. Groups are listed in the
/// order their `subgraph` lines come.
pub fn parse_mermaid(text: &str) -> Result<Graph, DiagramError> {
    let mut p = Mermaid {
        b: Builder::new(Direction::TopDown),
        open: Vec::new(),
        grouped: Vec::new(),
        description: None,
    };
    let mut header = false;
    let mut front_matter = false;
    for (n, raw) in text.split('\n').enumerate() {
        let line = n + 1;
        if front_matter {
            front_matter = raw.trim() != "---";
            continue;
        }
        if p.description.is_some() {
            if raw.contains('}') {
                p.description = None;
            }
            continue;
        }
        let chars: Vec<char> = raw.chars().collect();
        let mut cur = Cur {
            c: &chars,
            i: 0,
            line,
        };
        cur.skip_ws();
        if !header {
            if cur.at_end() || cur.starts("%%") {
                continue;
            }
            if n == 0 && raw.trim_end() == "---" {
                front_matter = true;
                continue;
            }
            p.header(&mut cur)?;
            header = true;
        }
        p.statements(&mut cur)?;
    }
    if front_matter {
        return Err(error(1, 1, "front matter is not closed: expected `---`"));
    }
    if let Some((line, col)) = p.description {
        return Err(error(line, col, "`accDescr {` is not closed: expected `}`"));
    }
    if !header {
        return Err(error(
            1,
            1,
            "missing header: a Mermaid diagram starts with `flowchart LR` or `flowchart TD`",
        ));
    }
    if let Some(o) = p.open.last() {
        return Err(error(
            o.line,
            o.col,
            "subgraph is not closed: expected `end`",
        ));
    }
    Ok(p.b.graph)
}

impl Mermaid {
    /// `flowchart LR` (or `graph`, any direction, or none: top down).
    fn header(&mut self, cur: &mut Cur) -> Result<(), DiagramError> {
        let start = cur.i;
        let mut end = start;
        while cur
            .c
            .get(end)
            .is_some_and(|&c| c.is_alphanumeric() || c == '-')
        {
            end += 1;
        }
        let word = cur.text(start, end);
        let known = ["flowchart", "graph", "flowchart-elk"]
            .iter()
            .any(|k| word.eq_ignore_ascii_case(k));
        let followed = cur
            .c
            .get(end)
            .is_none_or(|&c| c.is_whitespace() || c == ';');
        if !known || !followed {
            let message = if other_diagram_type(&word) {
                format!(
                    "only flowcharts are supported, not `{}`: start with `flowchart LR` or `flowchart TD`",
                    show(&word)
                )
            } else {
                "missing header: a Mermaid diagram starts with `flowchart LR` or `flowchart TD`"
                    .to_string()
            };
            return Err(cur.err_at(start, message));
        }
        cur.i = end;
        cur.skip_ws();
        if !cur.at_statement_end() {
            let start = cur.i;
            while cur.peek().is_some_and(|c| !c.is_whitespace() && c != ';') {
                cur.i += 1;
            }
            let dir = cur.text(start, cur.i);
            self.b.graph.direction = match dir.to_ascii_uppercase().as_str() {
                "LR" | "RL" => Direction::LeftRight,
                "TD" | "TB" | "BT" => Direction::TopDown,
                _ => {
                    return Err(cur.err_at(
                        start,
                        format!(
                            "unknown direction `{}`: use LR, RL, TD, TB or BT",
                            show(&dir)
                        ),
                    ));
                }
            };
            cur.skip_ws();
            if !cur.at_statement_end() {
                return Err(cur.err(format!(
                    "unexpected {} after the header: put statements on the next line or after `;`",
                    cur.peek().map_or_else(String::new, show_char)
                )));
            }
        }
        Ok(())
    }

    /// The statements of one line (or of its rest, after the header).
    fn statements(&mut self, cur: &mut Cur) -> Result<(), DiagramError> {
        loop {
            cur.skip_ws();
            match cur.peek() {
                None => return Ok(()),
                Some(';') => {
                    cur.i += 1;
                    continue;
                }
                Some(_) if cur.starts("%%") => return Ok(()),
                Some(_) => {}
            }
            self.statement(cur)?;
            cur.skip_ws();
            if let Some(c) = cur.peek()
                && !cur.at_statement_end()
            {
                return Err(cur.err(format!(
                    "unexpected {}: expected `;` or the end of the line",
                    show_char(c)
                )));
            }
        }
    }

    fn statement(&mut self, cur: &mut Cur) -> Result<(), DiagramError> {
        let start = cur.i;
        let end = id_end(cur.c, start);
        // The longest keyword is 9 characters: longer ids are not worth copying.
        if end > start && end - start <= 9 {
            let word = cur.text(start, end);
            let mut after = Cur {
                c: cur.c,
                i: end,
                line: cur.line,
            };
            after.skip_ws();
            let spaced = after.i > end;
            let next = after.peek();
            match word.as_str() {
                "end" if after.at_statement_end() => {
                    cur.i = after.i;
                    return self.close(cur, start);
                }
                "subgraph"
                    if after.at_statement_end() || spaced && !next.is_some_and(link_start) =>
                {
                    cur.i = after.i;
                    return self.subgraph(cur, start);
                }
                "classDef" | "class" | "style" | "linkStyle" | "click" | "direction"
                    if spaced && next.is_some_and(|c| id_char(c) || c == '"') =>
                {
                    cur.i = after.i;
                    Self::skip_statement(cur);
                    return Ok(());
                }
                "accTitle" | "accDescr" if next == Some(':') => {
                    cur.i = cur.c.len();
                    return Ok(());
                }
                "accDescr" if next == Some('{') => {
                    if cur.find_char(after.i, '}').is_none() {
                        self.description = Some((cur.line, start + 1));
                    }
                    cur.i = cur.c.len();
                    return Ok(());
                }
                _ => {}
            }
        }
        match cur.peek() {
            Some(c) if id_char(c) => {}
            Some('-' | '=' | '<' | '~') => {
                return Err(cur.err("edge has no start: expected a node before the arrow"));
            }
            Some(c) => {
                return Err(cur.err(format!("unexpected {}: expected a node id", show_char(c))));
            }
            None => return Ok(()),
        }
        let mut from = self.node_group(cur)?;
        loop {
            cur.skip_ws();
            if cur.at_statement_end() {
                return Ok(());
            }
            let at = cur.i;
            let (kind, label) = self.link(cur)?;
            cur.skip_ws();
            match cur.peek() {
                Some(c) if id_char(c) => {}
                Some(c) if !cur.at_statement_end() => {
                    return Err(cur.err(format!(
                        "expected a node after the arrow, found {}",
                        show_char(c)
                    )));
                }
                _ => return Err(cur.err("edge has no end: expected a node after the arrow")),
            }
            let to = self.node_group(cur)?;
            if let LinkKind::Edge(style, arrow) = kind {
                let like = Edge {
                    from: 0,
                    to: 0,
                    label,
                    style,
                    arrow,
                };
                self.b.edges(&from, &to, &like, cur.line, at + 1)?;
            }
            from = to;
        }
    }

    /// Skips a statement this parser ignores (`style`, `classDef`, ...): up to a `;`
    /// outside double quotes, or the end of the line.
    fn skip_statement(cur: &mut Cur) {
        let mut quoted = false;
        while let Some(c) = cur.peek() {
            if c == '"' {
                quoted = !quoted;
            } else if c == ';' && !quoted {
                return;
            }
            cur.i += 1;
        }
    }

    /// `subgraph id [title]`, `subgraph id`, `subgraph "title"` or `subgraph any title`;
    /// `cur` is after the keyword and its spaces.
    fn subgraph(&mut self, cur: &mut Cur, keyword: usize) -> Result<(), DiagramError> {
        if cur.at_statement_end() {
            return Err(cur.err_at(keyword, "a subgraph needs an id or a title"));
        }
        if self.b.graph.groups.len() >= MAX_GROUPS {
            return Err(cur.err_at(
                keyword,
                format!("too many subgraphs: a diagram may have at most {MAX_GROUPS}"),
            ));
        }
        let mut id = None;
        let title;
        if cur.peek() == Some('"') {
            title = mermaid_label(&cur.quoted()?);
        } else {
            let start = cur.i;
            let end = id_end(cur.c, start);
            let mut probe = Cur {
                c: cur.c,
                i: end,
                line: cur.line,
            };
            probe.skip_ws();
            if end > start && probe.peek() == Some('[') {
                let open = probe.i;
                cur.i = open + 1;
                cur.skip_ws();
                let raw = if cur.peek() == Some('"') {
                    let raw = cur.quoted()?;
                    cur.skip_ws();
                    if cur.peek() != Some(']') {
                        return Err(cur.err("expected `]` after the quoted title"));
                    }
                    raw
                } else {
                    let close = cur
                        .find_char(cur.i, ']')
                        .ok_or_else(|| cur.err_at(open, "`[` is not closed: expected `]`"))?;
                    let raw = cur.text(cur.i, close);
                    cur.i = close;
                    raw
                };
                cur.i += 1;
                id = Some(cur.text(start, end));
                title = mermaid_label(&raw);
            } else if end > start && probe.at_statement_end() {
                cur.i = end;
                id = Some(cur.text(start, end));
                title = clean_label(&cur.text(start, end));
            } else {
                let mut stop = cur.i;
                while cur.c.get(stop).is_some_and(|&c| c != ';') && !starts_at(cur.c, stop, "%%") {
                    stop += 1;
                }
                title = mermaid_label(&cur.text(start, stop));
                cur.i = stop;
            }
        }
        let id = match id {
            Some(id) => id,
            None => {
                let chars: Vec<char> = title.chars().collect();
                if !chars.is_empty() && id_end(&chars, 0) == chars.len() {
                    title.clone()
                } else {
                    format!("subgraph{}", self.b.graph.groups.len() + 1)
                }
            }
        };
        let title = if title.is_empty() {
            clean_label(&id)
        } else {
            title
        };
        self.open.push(Open {
            group: self.b.graph.groups.len(),
            line: cur.line,
            col: keyword + 1,
            mentions: Vec::new(),
        });
        self.b.graph.groups.push(Group {
            id,
            title,
            nodes: Vec::new(),
        });
        Ok(())
    }

    /// `end`: the innermost open subgraph takes the nodes it mentions that no subgraph
    /// has yet.
    fn close(&mut self, cur: &Cur, keyword: usize) -> Result<(), DiagramError> {
        let open = self
            .open
            .pop()
            .ok_or_else(|| cur.err_at(keyword, "`end` without an open subgraph"))?;
        self.grouped.resize(self.b.graph.nodes.len(), false);
        if let Some(group) = self.b.graph.groups.get_mut(open.group) {
            for i in open.mentions {
                if let Some(taken) = self.grouped.get_mut(i)
                    && !*taken
                {
                    *taken = true;
                    group.nodes.push(i);
                }
            }
        }
        Ok(())
    }

    /// `a`, or `a & b & c`.
    fn node_group(&mut self, cur: &mut Cur) -> Result<Vec<usize>, DiagramError> {
        let mut nodes = vec![self.node(cur)?];
        loop {
            let save = cur.i;
            cur.skip_ws();
            if cur.peek() != Some('&') {
                cur.i = save;
                return Ok(nodes);
            }
            cur.i += 1;
            cur.skip_ws();
            match cur.peek() {
                Some(c) if id_char(c) => nodes.push(self.node(cur)?),
                _ => return Err(cur.err("expected a node after `&`")),
            }
        }
    }

    /// A node id with an optional shape and label, and an optional `:::class`.
    fn node(&mut self, cur: &mut Cur) -> Result<usize, DiagramError> {
        let start = cur.i;
        let end = id_end(cur.c, start);
        let id = cur.text(start, end);
        cur.i = end;
        let def = self.shape(cur)?;
        if cur.starts(":::") {
            cur.i += 3;
            while cur.peek().is_some_and(|c| id_char(c) || c == '-') {
                cur.i += 1;
            }
        }
        let i = self.b.node(&id, def, cur.line, start + 1)?;
        if let Some(open) = self.open.last_mut() {
            open.mentions.push(i);
        }
        Ok(i)
    }

    /// The shape and label after a node id, if any.
    fn shape(&mut self, cur: &mut Cur) -> Result<Option<(String, Shape)>, DiagramError> {
        const SHAPES: [(&str, &[&str], Shape); 11] = [
            ("(((", &[")))"], Shape::Circle),
            ("((", &["))"], Shape::Circle),
            ("([", &["])"], Shape::Stadium),
            ("(", &[")"], Shape::Round),
            ("[[", &["]]"], Shape::Box),
            ("[(", &[")]"], Shape::Cylinder),
            ("[/", &["/]", "\\]"], Shape::Parallelogram),
            ("[\\", &["\\]", "/]"], Shape::Parallelogram),
            ("[", &["]"], Shape::Box),
            ("{{", &["}}"], Shape::Hexagon),
            ("{", &["}"], Shape::Rhombus),
        ];
        if cur.peek() == Some('>') {
            cur.i += 1;
            let raw = Self::label_inside(cur, cur.i - 1, ">", &["]"])?;
            return Ok(Some((mermaid_label(&raw), Shape::Box)));
        }
        let save = cur.i;
        cur.skip_ws();
        for (open, closers, shape) in SHAPES {
            if cur.starts(open) {
                let at = cur.i;
                cur.i += open.chars().count();
                let raw = Self::label_inside(cur, at, open, closers)?;
                return Ok(Some((mermaid_label(&raw), shape)));
            }
        }
        cur.i = save;
        Ok(None)
    }

    /// The raw label after an opening bracket (at `open_at`), up to and past one of
    /// `closers`: a double-quoted string, or any text up to the first closer.
    fn label_inside(
        cur: &mut Cur,
        open_at: usize,
        open: &str,
        closers: &[&str],
    ) -> Result<String, DiagramError> {
        let first = closers.first().copied().unwrap_or("]");
        let save = cur.i;
        cur.skip_ws();
        if cur.peek() == Some('"') {
            let raw = cur.quoted()?;
            cur.skip_ws();
            for closer in closers {
                if cur.starts(closer) {
                    cur.i += closer.chars().count();
                    return Ok(raw);
                }
            }
            return Err(cur.err(format!("expected `{first}` after the quoted label")));
        }
        cur.i = save;
        let mut p = cur.i;
        while p < cur.c.len() {
            for closer in closers {
                if starts_at(cur.c, p, closer) {
                    let raw = cur.text(cur.i, p);
                    cur.i = p + closer.chars().count();
                    return Ok(raw);
                }
            }
            p += 1;
        }
        Err(cur.err_at(
            open_at,
            format!("`{open}` is not closed: expected `{first}`"),
        ))
    }

    /// A link and its label (`-->|label|` or `-- label -->`).
    fn link(&mut self, cur: &mut Cur) -> Result<(LinkKind, Option<String>), DiagramError> {
        let at = cur.i;
        match scan_link(cur.c, at) {
            Some(LinkToken::Whole { kind, end }) => {
                cur.i = end;
                let save = cur.i;
                cur.skip_ws();
                if cur.peek() != Some('|') {
                    cur.i = save;
                    return Ok((kind, None));
                }
                let open = cur.i;
                cur.i += 1;
                cur.skip_ws();
                let raw = if cur.peek() == Some('"') {
                    let raw = cur.quoted()?;
                    cur.skip_ws();
                    if cur.peek() != Some('|') {
                        return Err(cur.err("expected `|` after the quoted edge label"));
                    }
                    raw
                } else {
                    let close = cur.find_char(cur.i, '|').ok_or_else(|| {
                        cur.err_at(open, "edge label is not closed: expected `|`")
                    })?;
                    let raw = cur.text(cur.i, close);
                    cur.i = close;
                    raw
                };
                cur.i += 1;
                Ok((kind, Self::edge_label(&raw)))
            }
            Some(LinkToken::Open { style, end }) => {
                cur.i = end;
                let two_way = cur.c.get(at) == Some(&'<');
                cur.skip_ws();
                let (raw, arrow, end) = if cur.peek() == Some('"') {
                    let raw = cur.quoted()?;
                    cur.skip_ws();
                    let (arrow, end) = closer_at(cur.c, cur.i, style).ok_or_else(|| {
                        cur.err(format!(
                            "expected {} after the edge label",
                            closer_name(style)
                        ))
                    })?;
                    (raw, arrow, end)
                } else {
                    let mut p = cur.i;
                    loop {
                        let Some(&ch) = cur.c.get(p) else {
                            return Err(cur.err_at(
                                at,
                                format!(
                                    "edge label is not closed: expected {}",
                                    closer_name(style)
                                ),
                            ));
                        };
                        if let Some((arrow, end)) = closer_at(cur.c, p, style) {
                            break (cur.text(cur.i, p), arrow, end);
                        }
                        // A closer cannot start inside a run that failed, except at
                        // its last character (`--.->`): skip to that.
                        let n = if matches!(ch, '-' | '=' | '.') {
                            run(cur.c, p, ch)
                        } else {
                            1
                        };
                        p += n.saturating_sub(1).max(1);
                    }
                };
                cur.i = end;
                Ok((
                    LinkKind::Edge(style, arrow || two_way),
                    Self::edge_label(&raw),
                ))
            }
            None => {
                let c = cur.peek().map_or_else(String::new, show_char);
                if cur.peek().is_some_and(|c| "-=.<>~".contains(c)) {
                    let mut end = at;
                    while cur.c.get(end).is_some_and(|&c| "-=.<>~".contains(c)) {
                        end += 1;
                    }
                    Err(cur.err_at(
                        at,
                        format!("unknown arrow `{}`: {ARROWS}", show(&cur.text(at, end))),
                    ))
                } else {
                    Err(cur.err(format!(
                        "unexpected {c}: expected an arrow such as `-->`, `&`, `;` or the end of the line"
                    )))
                }
            }
        }
    }

    fn edge_label(raw: &str) -> Option<String> {
        Some(mermaid_label(raw)).filter(|l| !l.is_empty())
    }
}

/// One line of the short form, parsed.
enum ShortLine {
    /// Blank, or a `#` comment.
    Skip,
    /// `id: label`
    Label {
        id: String,
        col: usize,
        label: String,
    },
    /// `a, b -> c -[label]-> d`: node lists joined by arrows (none: just nodes).
    Chain {
        lists: Vec<Vec<ShortNode>>,
        arrows: Vec<ShortArrow>,
    },
}

struct ShortNode {
    id: String,
    col: usize,
    /// `[label]`, raw.
    label: Option<String>,
}

struct ShortArrow {
    col: usize,
    /// `-[label]->`, raw.
    label: Option<String>,
}

/// Parses one line of the short form.
fn short_line(chars: &[char], line: usize) -> Result<ShortLine, DiagramError> {
    let mut cur = Cur {
        c: chars,
        i: 0,
        line,
    };
    cur.skip_ws();
    match cur.peek() {
        None | Some('#') => return Ok(ShortLine::Skip),
        Some(c) if id_char(c) => {}
        Some('-') if cur.starts("->") || cur.starts("-[") => {
            return Err(cur.err("edge has no start: expected a node before `->`"));
        }
        Some(c) => {
            return Err(cur.err(format!("unexpected {}: expected a node name", show_char(c))));
        }
    }
    let start = cur.i;
    let end = id_end(chars, start);
    let mut probe = Cur {
        c: chars,
        i: end,
        line,
    };
    probe.skip_ws();
    if probe.peek() == Some(':') {
        return Ok(ShortLine::Label {
            id: cur.text(start, end),
            col: start + 1,
            label: cur.text(probe.i + 1, chars.len()),
        });
    }
    let comment = |cur: &Cur| {
        cur.peek() == Some('#')
            && cur.i > 0
            && chars.get(cur.i - 1).is_some_and(|c| c.is_whitespace())
    };
    let mut lists = vec![short_list(&mut cur)?];
    let mut arrows = Vec::new();
    loop {
        cur.skip_ws();
        if cur.at_end() || comment(&cur) {
            return Ok(ShortLine::Chain { lists, arrows });
        }
        let at = cur.i;
        if cur.starts("->") {
            cur.i += 2;
            arrows.push(ShortArrow {
                col: at + 1,
                label: None,
            });
        } else if cur.starts("-[") {
            let mut p = at + 2;
            let close = loop {
                if p >= chars.len() {
                    return Err(cur.err_at(at, "edge label is not closed: expected `]->`"));
                }
                if starts_at(chars, p, "]->") {
                    break p;
                }
                p += 1;
            };
            arrows.push(ShortArrow {
                col: at + 1,
                label: Some(cur.text(at + 2, close)),
            });
            cur.i = close + 3;
        } else {
            let c = cur.peek().map_or_else(String::new, show_char);
            return Err(cur.err(format!(
                "unexpected {c}: expected `->`, `,` or the end of the line"
            )));
        }
        cur.skip_ws();
        match cur.peek() {
            Some(c) if id_char(c) => lists.push(short_list(&mut cur)?),
            Some(c) if !comment(&cur) => {
                return Err(cur.err(format!(
                    "expected a node name after `->`, found {}",
                    show_char(c)
                )));
            }
            _ => return Err(cur.err("edge has no end: expected a node after `->`")),
        }
    }
}

/// `a`, `a[label]` or `a, b[label], c`; `cur` is at the first id.
fn short_list(cur: &mut Cur) -> Result<Vec<ShortNode>, DiagramError> {
    let mut list = Vec::new();
    loop {
        let start = cur.i;
        let end = id_end(cur.c, start);
        cur.i = end;
        let mut label = None;
        let save = cur.i;
        cur.skip_ws();
        if cur.peek() == Some('[') {
            let open = cur.i;
            let close = cur
                .find_char(open + 1, ']')
                .ok_or_else(|| cur.err_at(open, "`[` is not closed: expected `]`"))?;
            label = Some(cur.text(open + 1, close));
            cur.i = close + 1;
        } else {
            cur.i = save;
        }
        list.push(ShortNode {
            id: cur.text(start, end),
            col: start + 1,
            label,
        });
        let save = cur.i;
        cur.skip_ws();
        if cur.peek() != Some(',') {
            cur.i = save;
            return Ok(list);
        }
        cur.i += 1;
        cur.skip_ws();
        match cur.peek() {
            Some(c) if id_char(c) => {}
            _ => return Err(cur.err("expected a node name after `,`")),
        }
    }
}

/// The short form as a [`Graph`] (left to right): one statement a line, as
/// docs/diagrams.md describes.
///
/// - `client -> lb -> api`: a chain of edges.
/// - `api -> cache, db` and `web, mobile -> api`: every node on the left to every node
///   on the right.
/// - `api -[writes]-> queue`: an edge with a label.
/// - `lb: Load balancer`, or `lb[Load balancer]` where the node is written: a label.
/// - blank lines and lines starting with `#` are skipped; so is the rest of a line from
///   a `#` after a space, except in an `id: label` line, whose label is all the rest.
pub fn parse_short(text: &str) -> Result<Graph, DiagramError> {
    let mut b = Builder::new(Direction::LeftRight);
    for (n, raw) in text.split('\n').enumerate() {
        let line = n + 1;
        let chars: Vec<char> = raw.chars().collect();
        match short_line(&chars, line)? {
            ShortLine::Skip => {}
            ShortLine::Label { id, col, label } => {
                b.node(&id, Some((clean_label(&label), Shape::Box)), line, col)?;
            }
            ShortLine::Chain { lists, arrows } => {
                let mut from: Vec<usize> = Vec::new();
                for (k, list) in lists.iter().enumerate() {
                    let mut to = Vec::with_capacity(list.len());
                    for node in list {
                        let def = node.label.as_ref().map(|l| (clean_label(l), Shape::Box));
                        to.push(b.node(&node.id, def, line, node.col)?);
                    }
                    if let Some(arrow) = k.checked_sub(1).and_then(|a| arrows.get(a)) {
                        let like = Edge {
                            from: 0,
                            to: 0,
                            label: arrow
                                .label
                                .as_ref()
                                .map(|l| clean_label(l))
                                .filter(|l| !l.is_empty()),
                            style: EdgeStyle::Solid,
                            arrow: true,
                        };
                        b.edges(&from, &to, &like, line, arrow.col)?;
                    }
                    from = to;
                }
            }
        }
    }
    Ok(b.graph)
}

/// An opening code fence: its character, length and column, and whether it is Mermaid.
struct Fence {
    ch: char,
    len: usize,
    col: usize,
    mermaid: bool,
}

fn fence_open(line: &str) -> Option<Fence> {
    let rest = line.trim_start();
    let indent = line.len() - rest.len();
    let ch = rest.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = rest.chars().take_while(|&c| c == ch).count();
    if len < 3 {
        return None;
    }
    let info = &rest[len..];
    if ch == '`' && info.contains('`') {
        return None;
    }
    Some(Fence {
        ch,
        len,
        col: line[..indent].chars().count() + 1,
        mermaid: info
            .split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("mermaid")),
    })
}

fn fence_closes(line: &str, fence: &Fence) -> bool {
    let rest = line.trim();
    let len = rest.chars().take_while(|&c| c == fence.ch).count();
    len >= fence.len && len == rest.chars().count()
}

/// What a line outside fences is, for finding short-form runs.
enum NoteLine {
    /// A short-form line with at least one `->`: the ids it names.
    Edges(Vec<String>),
    /// An `id: label` line.
    Label(String),
    Other,
}

fn note_line(line: &str, n: usize) -> NoteLine {
    let chars: Vec<char> = line.chars().collect();
    match short_line(&chars, n) {
        Ok(ShortLine::Chain { lists, arrows }) if !arrows.is_empty() => {
            NoteLine::Edges(lists.into_iter().flatten().map(|node| node.id).collect())
        }
        Ok(ShortLine::Label { id, .. }) => NoteLine::Label(id),
        _ => NoteLine::Other,
    }
}

/// Every diagram in a step's notes, in order: each fenced ```mermaid block (one left
/// open runs to the end of the notes), and each run of short-form lines outside fences.
///
/// A run is made of consecutive lines each of which is a whole short-form statement
/// with at least one `->` (so `reads -> writes ratio is high` is prose: `writes ratio
/// is high` is not a list of node names), plus the `id: label` lines among them that
/// name a node of the run's edges (so `Note: ...` next to a diagram stays prose, and
/// ends the run). Blank lines, `#` lines and any other line end a run. Text inside
/// other fences is never read. Errors are at lines and columns of the notes.
pub fn find_diagrams(notes: &str) -> Vec<Found> {
    let lines: Vec<&str> = notes
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .collect();
    let mut found = Vec::new();
    let mut pending: Vec<(usize, NoteLine)> = Vec::new();
    let mut i = 0;
    while let Some(&text) = lines.get(i) {
        if let Some(fence) = fence_open(text) {
            flush_short(&lines, &mut pending, &mut found);
            let close = (i + 1..lines.len())
                .find(|&j| lines.get(j).is_some_and(|l| fence_closes(l, &fence)));
            let end = close.unwrap_or(lines.len());
            if fence.mermaid {
                let body = lines.get(i + 1..end).unwrap_or(&[]);
                let source = body.join("\n");
                let graph = if body.is_empty() {
                    Err(error(i + 1, fence.col, "empty mermaid block"))
                } else {
                    parse_mermaid(&source).map_err(|e| shifted(e, i + 1))
                };
                found.push(Found {
                    first_line: i + 2,
                    kind: Kind::Mermaid,
                    source,
                    graph,
                    lines: i..(end + 1).min(lines.len()),
                });
            }
            i = end + 1;
            continue;
        }
        match note_line(text, i + 1) {
            NoteLine::Other => flush_short(&lines, &mut pending, &mut found),
            line => pending.push((i, line)),
        }
        i += 1;
    }
    flush_short(&lines, &mut pending, &mut found);
    found
}

/// An error in a diagram that starts after line `offset` of the notes, at its notes line.
fn shifted(e: DiagramError, offset: usize) -> DiagramError {
    DiagramError {
        line: e.line + offset,
        ..e
    }
}

/// Turns a block of consecutive short-form and `id: label` lines into diagrams.
fn flush_short(lines: &[&str], pending: &mut Vec<(usize, NoteLine)>, found: &mut Vec<Found>) {
    let block = std::mem::take(pending);
    let names: HashSet<&str> = block
        .iter()
        .flat_map(|(_, l)| match l {
            NoteLine::Edges(ids) => ids.iter().map(String::as_str).collect(),
            _ => Vec::new(),
        })
        .collect();
    let mut segment: Vec<usize> = Vec::new();
    let mut has_edges = false;
    let mut emit = |segment: &mut Vec<usize>, has_edges: &mut bool| {
        if let (true, Some(&first)) = (*has_edges, segment.first()) {
            let source = segment
                .iter()
                .filter_map(|&i| lines.get(i).copied())
                .collect::<Vec<_>>()
                .join("\n");
            let graph = parse_short(&source).map_err(|e| shifted(e, first));
            found.push(Found {
                first_line: first + 1,
                kind: Kind::Short,
                source,
                graph,
                lines: first..segment.last().map_or(first, |&l| l + 1),
            });
        }
        segment.clear();
        *has_edges = false;
    };
    for (i, line) in &block {
        match line {
            NoteLine::Edges(_) => {
                segment.push(*i);
                has_edges = true;
            }
            NoteLine::Label(id) if names.contains(id.as_str()) => segment.push(*i),
            _ => emit(&mut segment, &mut has_edges),
        }
    }
    emit(&mut segment, &mut has_edges);
}
