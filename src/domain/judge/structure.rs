//! Structural points read against drawn diagrams: a node is known by what its label (or
//! id) names, through the vocabulary, so `Redis` is a cache and `S3` is object storage;
//! a path holds when arrows lead from stop to stop (other nodes may sit between); a
//! forbidden edge is one arrow or line, either way, between its two ends.

use super::text::{Word, words};
use super::vocabulary::{Expanded, Vocabulary};
use crate::diagram::Graph;
use crate::domain::structure::{Stop, StructureKind, StructurePoint};

/// How one structural point fared against a set of diagrams.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub met: bool,
    /// The diagram it rests on (an index into the diagrams given), and what was drawn
    /// there: the matching node's label, the path's labels joined by arrows, or the
    /// forbidden edge.
    pub drawn: Option<(usize, String)>,
}

/// A node's words: its label and its id, looked at apart so a phrase never spans both.
struct NodeWords {
    label: Vec<Word>,
    id: Vec<Word>,
}

/// One diagram ready to be matched.
struct Prepared<'a> {
    graph: &'a Graph,
    nodes: Vec<NodeWords>,
    /// Each node's neighbours along the arrows (both ways for a plain line).
    out: Vec<Vec<usize>>,
}

impl<'a> Prepared<'a> {
    fn new(graph: &'a Graph) -> Self {
        let nodes = graph
            .nodes
            .iter()
            .map(|n| NodeWords {
                label: words(&n.label),
                id: words(&n.id.replace(['_', '-', '.'], " ")),
            })
            .collect();
        let mut out = vec![Vec::new(); graph.nodes.len()];
        for e in &graph.edges {
            if let Some(o) = out.get_mut(e.from) {
                o.push(e.to);
            }
            if !e.arrow
                && let Some(o) = out.get_mut(e.to)
            {
                o.push(e.from);
            }
        }
        Prepared { graph, nodes, out }
    }

    fn label(&self, node: usize) -> String {
        self.graph.nodes.get(node).map_or_else(String::new, |n| {
            let label = n.label.replace('\n', " ");
            if label.trim().is_empty() {
                n.id.clone()
            } else {
                label
            }
        })
    }

    /// The nodes a stop names.
    fn matching(&self, stop: &[Expanded]) -> Vec<bool> {
        self.nodes
            .iter()
            .map(|n| stop.iter().any(|e| e.is_in(&n.label) || e.is_in(&n.id)))
            .collect()
    }
}

/// Judge each point against `diagrams` (all the diagrams of one session).
pub fn judge(
    points: &[StructurePoint],
    diagrams: &[Graph],
    vocabulary: &Vocabulary,
) -> Vec<Verdict> {
    let prepared: Vec<Prepared> = diagrams.iter().map(Prepared::new).collect();
    let expand = |stop: &Stop| -> Vec<Expanded> {
        stop.phrases.iter().map(|p| vocabulary.expand(p)).collect()
    };
    points
        .iter()
        .map(|p| {
            let stops: Vec<Vec<Expanded>> = p.stops.iter().map(expand).collect();
            match p.kind {
                StructureKind::Component => first(&prepared, |d| component(d, &stops)),
                StructureKind::Path => first(&prepared, |d| path(d, &stops)),
                StructureKind::Forbidden => {
                    match prepared
                        .iter()
                        .enumerate()
                        .find_map(|(i, d)| forbidden(d, &stops).map(|s| (i, s)))
                    {
                        Some(found) => Verdict {
                            met: false,
                            drawn: Some(found),
                        },
                        None => Verdict {
                            met: !prepared.is_empty(),
                            drawn: None,
                        },
                    }
                }
            }
        })
        .collect()
}

/// The first diagram where `find` finds something, as a met verdict.
fn first(prepared: &[Prepared], find: impl Fn(&Prepared) -> Option<String>) -> Verdict {
    let drawn = prepared
        .iter()
        .enumerate()
        .find_map(|(i, d)| find(d).map(|s| (i, s)));
    Verdict {
        met: drawn.is_some(),
        drawn,
    }
}

fn component(d: &Prepared, stops: &[Vec<Expanded>]) -> Option<String> {
    let stop = stops.first()?;
    let at = d.matching(stop).iter().position(|&m| m)?;
    Some(d.label(at))
}

/// A walk along the arrows visiting a node of each stop in turn, as the labels of every
/// node on it. Breadth first over (node, stops reached), so the walk shown is a shortest.
fn path(d: &Prepared, stops: &[Vec<Expanded>]) -> Option<String> {
    let matches: Vec<Vec<bool>> = stops.iter().map(|s| d.matching(s)).collect();
    let last = stops.len().checked_sub(1)?;
    let n = d.nodes.len();
    // State `stage * n + node`: at `node`, having passed stops 0..=stage.
    let mut parent: Vec<Option<usize>> = vec![None; n * stops.len()];
    let mut seen = vec![false; n * stops.len()];
    let mut queue = std::collections::VecDeque::new();
    let starts = matches.first().map(Vec::as_slice).unwrap_or_default();
    for (node, _) in starts.iter().enumerate().filter(|(_, m)| **m) {
        seen[node] = true;
        queue.push_back(node);
    }
    while let Some(state) = queue.pop_front() {
        let (stage, node) = (state / n, state % n);
        if stage == last {
            let mut walk = vec![node];
            let mut at = state;
            while let Some(p) = parent[at] {
                walk.push(p % n);
                at = p;
            }
            walk.reverse();
            let labels: Vec<String> = walk.iter().map(|&w| d.label(w)).collect();
            return Some(labels.join(" → "));
        }
        for &next in d.out.get(node).into_iter().flatten() {
            let advanced = matches.get(stage + 1).and_then(|m| m.get(next)) == Some(&true);
            let to = if advanced { stage + 1 } else { stage };
            let state_to = to * n + next;
            if !seen[state_to] {
                seen[state_to] = true;
                parent[state_to] = Some(state);
                queue.push_back(state_to);
            }
        }
    }
    None
}

/// An edge joining a node of the first stop to a node of the second (either way), as
/// drawn. A node that matches both ends does not count as either.
fn forbidden(d: &Prepared, stops: &[Vec<Expanded>]) -> Option<String> {
    let (a, b) = (d.matching(stops.first()?), d.matching(stops.get(1)?));
    let is = |m: &[bool], other: &[bool], i: usize| {
        m.get(i) == Some(&true) && other.get(i) != Some(&true)
    };
    d.graph.edges.iter().find_map(|e| {
        let joins =
            (is(&a, &b, e.from) && is(&b, &a, e.to)) || (is(&b, &a, e.from) && is(&a, &b, e.to));
        joins.then(|| {
            let arrow = if e.arrow { "→" } else { "—" };
            format!("{} {arrow} {}", d.label(e.from), d.label(e.to))
        })
    })
}
