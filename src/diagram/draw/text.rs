//! Labels made safe to draw, measured, wrapped and cut; the graph checked before layout.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::diagram::{EdgeStyle, Graph, Shape};

pub(super) struct PNode {
    pub label: String,
    pub shape: Shape,
}

pub(super) struct PEdge {
    pub from: usize,
    pub to: usize,
    pub label: Option<String>,
    pub style: EdgeStyle,
    pub arrow: bool,
}

pub(super) struct PGroup {
    pub title: String,
}

/// The graph as the drawing uses it: labels sanitised, edges to missing nodes and
/// self-loops set aside, each node in at most one group; `notes` says what was set aside.
pub(super) struct Prepared {
    pub nodes: Vec<PNode>,
    pub edges: Vec<PEdge>,
    pub groups: Vec<PGroup>,
    /// The group each node is drawn in.
    pub group_of: Vec<Option<usize>>,
    pub notes: Vec<String>,
}

impl Prepared {
    pub fn new(graph: &Graph) -> Prepared {
        let nodes: Vec<PNode> = graph
            .nodes
            .iter()
            .map(|n| PNode {
                label: clean(&n.label),
                shape: n.shape,
            })
            .collect();
        let mut notes = Vec::new();
        let mut edges = Vec::new();
        let (mut missing, mut loops) = (0usize, Vec::new());
        for e in &graph.edges {
            if e.from >= nodes.len() || e.to >= nodes.len() {
                missing += 1;
            } else if e.from == e.to {
                if let Some(n) = graph.nodes.get(e.from) {
                    loops.push(clean(&n.id));
                }
            } else {
                edges.push(PEdge {
                    from: e.from,
                    to: e.to,
                    label: e.label.as_deref().map(clean).filter(|l| !l.is_empty()),
                    style: e.style,
                    arrow: e.arrow,
                });
            }
        }
        if missing > 0 {
            notes.push(format!(
                "{missing} edge{} to missing nodes left out",
                plural(missing)
            ));
        }
        if !loops.is_empty() {
            loops.dedup();
            notes.push(format!(
                "{} self-loop{} not drawn ({})",
                loops.len(),
                plural(loops.len()),
                short_list(&loops)
            ));
        }
        let mut group_of = vec![None; nodes.len()];
        let mut groups = Vec::new();
        let mut twice = Vec::new();
        for g in &graph.groups {
            let mut members = Vec::new();
            for &i in &g.nodes {
                match group_of.get(i) {
                    Some(None) => {
                        members.push(i);
                        if let Some(slot) = group_of.get_mut(i) {
                            *slot = Some(groups.len());
                        }
                    }
                    Some(Some(other)) if *other != groups.len() => {
                        if let Some(n) = graph.nodes.get(i) {
                            twice.push(clean(&n.id));
                        }
                    }
                    _ => {}
                }
            }
            if !members.is_empty() {
                groups.push(PGroup {
                    title: clean(&g.title),
                });
            }
        }
        if !twice.is_empty() {
            twice.dedup();
            notes.push(format!(
                "in more than one subgraph, drawn in the first: {}",
                short_list(&twice)
            ));
        }
        Prepared {
            nodes,
            edges,
            groups,
            group_of,
            notes,
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn short_list(items: &[String]) -> String {
    let shown: Vec<String> = items.iter().take(5).map(|s| cut(s, 20, true)).collect();
    if items.len() > 5 {
        format!("{}, ...", shown.join(", "))
    } else {
        shown.join(", ")
    }
}

/// Adds `text` to a drawing's note, after what is already there.
pub(super) fn add_note(note: &mut Option<String>, text: &str) {
    match note {
        Some(n) => {
            n.push_str("; ");
            n.push_str(text);
        }
        None => *note = Some(text.to_string()),
    }
}

/// A label as one line of drawable text: control characters become spaces, bidi
/// controls and other invisible format characters go, runs of spaces become one.
pub(super) fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_control() || c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if is_invisible(c) {
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(c);
    }
    out
}

/// Characters that change how text around them is shown without showing themselves
/// (bidi controls, zero-width spaces and the like), except the joiners and variation
/// selectors that emoji need.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}'
        | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}' | '\u{E0000}'..='\u{E007F}')
}

/// Display width of `s`.
pub(super) fn width(s: &str) -> usize {
    s.width()
}

/// The characters of `s` in clusters: a character with the zero-width ones after it.
fn clusters(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if i > start && c.width().unwrap_or(0) > 0 {
            out.push(&s[start..i]);
            start = i;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

/// `s` cut to at most `max` columns, ending in an ellipsis when cut (`...` in ASCII).
pub(super) fn cut(s: &str, max: usize, unicode: bool) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let ellipsis = if unicode { "…" } else { "..." };
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    for cl in clusters(s) {
        if width(&out) + width(cl) > room {
            break;
        }
        out.push_str(cl);
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// Words up to this wide are never split, however narrow the wrap.
const WHOLE_WORD: usize = 14;

/// `s` wrapped at spaces into lines of at most `wrap` columns (a word longer than that
/// stands alone on its line; one longer than 14 columns is split), at most `max_lines`
/// of them, the last cut with an ellipsis if the text goes on.
pub(super) fn wrap(s: &str, wrap: usize, max_lines: usize, unicode: bool) -> Vec<String> {
    let max_lines = max_lines.max(1);
    let split_at = wrap.max(WHOLE_WORD).max(1);
    let wrap = wrap.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in s.split(' ').filter(|w| !w.is_empty()) {
        let ww = width(word);
        if !cur.is_empty() && width(&cur) + 1 + ww <= wrap {
            cur.push(' ');
            cur.push_str(word);
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        if ww <= split_at {
            cur.push_str(word);
            continue;
        }
        for cl in clusters(word) {
            if !cur.is_empty() && width(&cur) + width(cl) > split_at {
                lines.push(std::mem::take(&mut cur));
            }
            cur.push_str(cl);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    if lines.len() > max_lines {
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(cut(&rest, wrap, unicode));
    }
    if lines.is_empty() {
        lines.push(String::new());
    }
    lines
}

/// `graph` with every label character that is not plain ASCII printed as `?`: the last
/// resort when a label cannot be measured consistently.
pub(super) fn plain_graph(graph: &Graph) -> Graph {
    let plain = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    };
    let mut g = graph.clone();
    for n in &mut g.nodes {
        n.label = plain(&n.label);
        n.id = plain(&n.id);
    }
    for e in &mut g.edges {
        e.label = e.label.as_deref().map(plain);
    }
    for gr in &mut g.groups {
        gr.title = plain(&gr.title);
    }
    g
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_turns_controls_into_single_spaces_and_drops_bidi() {
        assert_eq!(clean("  a\tb\n\nc \u{202E}d\u{200B} "), "a b c d");
    }

    #[test]
    fn wrap_splits_at_spaces_and_long_words() {
        assert_eq!(
            wrap("Object storage upload", 10, 3, true),
            ["Object", "storage", "upload"]
        );
        assert_eq!(wrap("Transcoder 1", 8, 3, true), ["Transcoder", "1"]);
        assert_eq!(
            wrap("abcdefghijklmnopqrst", 4, 5, true),
            ["abcdefghijklmn", "opqrst"]
        );
        assert_eq!(wrap("one two three four", 5, 2, true), ["one", "two …"]);
        assert_eq!(
            wrap("東京エッジ東京エッジ東京エッジ", 4, 3, true),
            ["東京エッジ東京", "エッジ東京エッ", "ジ"]
        );
    }

    #[test]
    fn cut_counts_wide_characters_as_two() {
        assert_eq!(cut("消息存储", 5, true), "消息…");
        assert_eq!(cut("abcdef", 5, false), "ab...");
        assert_eq!(cut("abc", 5, true), "abc");
    }
}
