//! Structural points read against drawn diagrams: a node is known by what its label (or
//! id) names, through the vocabulary, so `Redis` is a cache and `S3` is object storage;
//! a path holds when arrows lead from stop to stop (up to [`MAX_BETWEEN`] other nodes
//! may sit between two stops); a forbidden edge is one arrow or line, either way, between
//! its two ends, and a rule about one applies only where both ends are drawn.

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
    /// False for a forbidden edge whose two ends the diagrams do not both draw: such a
    /// design could not have broken the rule, so keeping it says nothing.
    pub applies: bool,
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
                            applies: true,
                        },
                        None => {
                            let applies = draws_both_ends(&prepared, &stops);
                            Verdict {
                                met: applies,
                                drawn: None,
                                applies,
                            }
                        }
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
        applies: true,
    }
}

fn component(d: &Prepared, stops: &[Vec<Expanded>]) -> Option<String> {
    let stop = stops.first()?;
    let at = d.matching(stop).iter().position(|&m| m)?;
    Some(d.label(at))
}

/// How many nodes may sit between two stops of a path: the most any built-in reference
/// design needs (ticket-booking's fans reach the seat-map cache through a CDN, the
/// waiting room, a load balancer and the seat-map service). A longer run is no longer
/// the path the point means: a chain of a dozen boxes from a client reaches everything.
pub const MAX_BETWEEN: usize = 4;

/// A walk along the arrows visiting a node of each stop in turn, with at most
/// [`MAX_BETWEEN`] other nodes between two stops, as the labels of every node on it.
/// Breadth first over (stops reached, nodes since the last, node), so the walk shown is a
/// shortest.
fn path(d: &Prepared, stops: &[Vec<Expanded>]) -> Option<String> {
    let matches: Vec<Vec<bool>> = stops.iter().map(|s| d.matching(s)).collect();
    let last = stops.len().checked_sub(1)?;
    let n = d.nodes.len();
    let runs = MAX_BETWEEN + 1;
    let index = |stage: usize, between: usize, node: usize| (stage * runs + between) * n + node;
    let states = n * runs * stops.len();
    let mut parent: Vec<Option<usize>> = vec![None; states];
    let mut seen = vec![false; states];
    let mut queue = std::collections::VecDeque::new();
    let starts = matches.first().map(Vec::as_slice).unwrap_or_default();
    for (node, _) in starts.iter().enumerate().filter(|(_, m)| **m) {
        seen[index(0, 0, node)] = true;
        queue.push_back(index(0, 0, node));
    }
    while let Some(state) = queue.pop_front() {
        let node = state % n;
        let (stage, between) = ((state / n) / runs, (state / n) % runs);
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
            let is = |stop: usize| matches.get(stop).and_then(|m| m.get(next)) == Some(&true);
            // Another node of the stop last reached counts from itself: `api -> api-2`.
            let to = if is(stage + 1) {
                index(stage + 1, 0, next)
            } else if is(stage) {
                index(stage, 0, next)
            } else if between < MAX_BETWEEN {
                index(stage, between + 1, next)
            } else {
                continue;
            };
            if !seen[to] {
                seen[to] = true;
                parent[to] = Some(state);
                queue.push_back(to);
            }
        }
    }
    None
}

/// Whether the diagrams draw a node of each of the first two stops (each not also a node
/// of the other), in one diagram or in two.
fn draws_both_ends(diagrams: &[Prepared], stops: &[Vec<Expanded>]) -> bool {
    let (Some(a), Some(b)) = (stops.first(), stops.get(1)) else {
        return false;
    };
    let drawn = |this: &[Expanded], other: &[Expanded]| {
        diagrams.iter().any(|d| {
            let (here, there) = (d.matching(this), d.matching(other));
            here.iter().zip(&there).any(|(&h, &t)| h && !t)
        })
    };
    drawn(a, b) && drawn(b, a)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagram::{parse_mermaid, parse_short};

    fn stop(phrases: &str) -> Stop {
        let phrases: Vec<String> = phrases.split('|').map(str::to_string).collect();
        Stop {
            name: phrases.first().cloned().unwrap_or_default(),
            phrases,
        }
    }

    fn point(kind: StructureKind, stops: &[&str]) -> StructurePoint {
        StructurePoint {
            kind,
            point: String::new(),
            stops: stops.iter().map(|s| stop(s)).collect(),
            weight: 1,
            why: None,
            at: (0, 0),
        }
    }

    fn judged(points: &[StructurePoint], diagrams: &[&str]) -> Vec<Verdict> {
        let graphs: Vec<Graph> = diagrams
            .iter()
            .map(|d| {
                parse_mermaid(d)
                    .or_else(|_| parse_short(d))
                    .unwrap_or_else(|e| panic!("{e}"))
            })
            .collect();
        judge(points, &graphs, Vocabulary::builtin())
    }

    use StructureKind::{Component, Forbidden, Path};

    #[test]
    fn components_are_known_by_the_concept_their_label_names() {
        let points = [
            point(Component, &["cache"]),
            point(Component, &["object storage"]),
            point(Component, &["load balancer"]),
            point(Component, &["search index"]),
        ];
        let v = judged(
            &points,
            &["flowchart LR\n  a[nginx] --> b[API]\n  b --> r[(Redis)]\n  b --> s[(S3 bucket)]"],
        );
        let drawn: Vec<Option<&str>> = v
            .iter()
            .map(|v| v.drawn.as_ref().map(|(_, d)| d.as_str()))
            .collect();
        assert_eq!(
            drawn,
            [Some("Redis"), Some("S3 bucket"), Some("nginx"), None],
            "Redis is a cache, S3 object storage, nginx a load balancer; no search index"
        );
        assert_eq!(
            v.iter().map(|v| v.met).collect::<Vec<_>>(),
            [true, true, true, false]
        );
    }

    #[test]
    fn a_node_id_names_it_when_its_label_does_not() {
        let v = judged(
            &[point(Component, &["load balancer"])],
            &["client -> lb -> api"],
        );
        assert!(v[0].met, "{v:?}");
    }

    #[test]
    fn a_path_follows_the_arrows_through_other_nodes_and_only_their_way() {
        let path = point(Path, &["client", "load balancer", "cache"]);
        let forward = "client -> cdn -> lb -> api -> cache";
        let v = judged(std::slice::from_ref(&path), &[forward]);
        assert!(v[0].met);
        assert_eq!(
            v[0].drawn.as_ref().map(|(_, d)| d.as_str()),
            Some("client → cdn → lb → api → cache"),
            "the walk is quoted with the nodes between the stops"
        );
        let backward = "cache -> api -> lb -> client";
        assert!(!judged(std::slice::from_ref(&path), &[backward])[0].met);
        let out_of_order = "client -> cache -> lb";
        assert!(!judged(std::slice::from_ref(&path), &[out_of_order])[0].met);
    }

    #[test]
    fn a_path_allows_a_few_nodes_between_stops_not_a_chain_of_them() {
        let path = point(Path, &["client", "api", "cache"]);
        let four = "client -> cdn -> waf -> lb -> gateway -> api -> cache";
        assert!(judged(std::slice::from_ref(&path), &[four])[0].met);
        let five = "client -> cdn -> waf -> lb -> mesh -> gateway -> api -> cache";
        assert!(!judged(std::slice::from_ref(&path), &[five])[0].met);
        // A short way round a long chain still counts.
        let both = "client -> a -> b -> c -> d -> api -> cache\nclient -> lb -> api";
        let v = judged(std::slice::from_ref(&path), &[both]);
        assert_eq!(
            v[0].drawn.as_ref().map(|(_, d)| d.as_str()),
            Some("client → lb → api → cache")
        );
        // The count starts again at each stop, and at each node of the stop last reached.
        let long = "client -> x1 -> x2 -> x3 -> x4 -> api -> y1 -> y2 -> y3 -> y4 -> cache";
        assert!(judged(std::slice::from_ref(&path), &[long])[0].met);
        let again = "client -> api -> y1 -> y2 -> y3 -> api-2 -> z1 -> z2 -> z3 -> z4 -> cache";
        assert!(judged(std::slice::from_ref(&path), &[again])[0].met);
    }

    #[test]
    fn a_plain_line_goes_both_ways() {
        let path = point(Path, &["api", "database|relational database"]);
        let v = judged(
            std::slice::from_ref(&path),
            &["flowchart LR\n  db[(Postgres)] --- api[API]"],
        );
        assert!(v[0].met, "{v:?}");
    }

    #[test]
    fn a_path_must_stay_within_one_diagram() {
        let path = point(Path, &["client", "cache"]);
        let v = judged(
            std::slice::from_ref(&path),
            &["client -> api", "api -> cache"],
        );
        assert!(!v[0].met, "two diagrams' ids are not one node");
    }

    #[test]
    fn a_forbidden_edge_is_caught_either_way_round_and_quoted() {
        let rule = point(Forbidden, &["client|browser", "database|db"]);
        let v = judged(
            std::slice::from_ref(&rule),
            &["flowchart LR\n  pg[(Postgres DB)] --> b[Browser]\n  b --> api"],
        );
        assert!(!v[0].met);
        assert_eq!(
            v[0].drawn.as_ref().map(|(_, d)| d.as_str()),
            Some("Postgres DB → Browser")
        );
        let through_api = judged(std::slice::from_ref(&rule), &["browser -> api -> db"]);
        assert!(
            through_api[0].met,
            "a client reaching the database through the API is fine"
        );
    }

    #[test]
    fn a_forbidden_edge_needs_a_drawing_to_be_met() {
        let rule = point(Forbidden, &["client", "database"]);
        assert!(!judged(std::slice::from_ref(&rule), &[])[0].met);
    }

    #[test]
    fn a_forbidden_edge_applies_only_where_both_ends_are_drawn() {
        let rule = point(Forbidden, &["client", "database|relational database"]);
        let verdict = |diagrams: &[&str]| {
            let v = judged(std::slice::from_ref(&rule), diagrams).remove(0);
            (v.applies, v.met)
        };
        assert_eq!(verdict(&["client -> api -> db[Postgres]"]), (true, true));
        assert_eq!(
            verdict(&["client -> api -> cache"]),
            (false, false),
            "no database drawn"
        );
        assert_eq!(
            verdict(&["kafka -> flink -> db[Postgres]"]),
            (false, false),
            "no client drawn"
        );
        assert_eq!(
            verdict(&["client -> api", "worker -> db[Postgres]"]),
            (true, true),
            "ends in two diagrams"
        );
        assert_eq!(
            verdict(&["client -> api -> db[Postgres]", "client -> db[Postgres]"]),
            (true, false),
            "joined in one"
        );
    }

    #[test]
    fn a_node_that_names_both_ends_is_neither() {
        let rule = point(Forbidden, &["user", "database|relational database"]);
        let v = judged(
            std::slice::from_ref(&rule),
            &["user -> api -> user_db\napi -> pg[Postgres]"],
        );
        assert!(
            v[0].met,
            "a users database wired to the API is no client: {v:?}"
        );
    }
}
