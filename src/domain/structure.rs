//! A problem's reference architecture and the structural points a drawn design is judged
//! on: components it must have, paths requests must be able to take, and edges it must
//! not have. Read from the problem file's `[structure]` table; judged by
//! [`crate::domain::judge::structure`].

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::coaching::{At, WEIGHTS};
use super::diagnostic::Diagnostic;
use super::sanitize::sanitize;
use crate::diagram::Graph;

/// One stop of a path or end of an edge: what the scorecard calls it, and the phrases a
/// node's label or id may match (each read through the vocabulary, so `cache` also
/// finds a node labelled `Redis`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stop {
    pub name: String,
    pub phrases: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StructureKind {
    /// A node the design must have.
    Component,
    /// A chain of nodes joined by arrows (other nodes may sit between them).
    Path,
    /// An edge the design must not have, in either direction.
    Forbidden,
}

/// One structural rubric point.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StructurePoint {
    pub kind: StructureKind,
    /// What the scorecard says, e.g. "Diagram includes a cache".
    pub point: String,
    /// A component has one stop; a path two or more; a forbidden edge two.
    pub stops: Vec<Stop>,
    pub weight: u8,
    /// Why a forbidden edge is wrong, shown when the design has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub why: Option<String>,
    /// Line and column of the point in the problem file, for `problems check`.
    #[serde(skip)]
    pub at: (usize, usize),
}

/// The `[structure]` table, validated.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Structure {
    /// The reference architecture as Mermaid, shown beside the user's diagram after the
    /// interview.
    pub reference: String,
    #[serde(skip)]
    pub graph: Graph,
    pub points: Vec<StructurePoint>,
    /// Where `reference` is, for `problems check`.
    #[serde(skip)]
    pub at: (usize, usize),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawStructure {
    reference: Spanned<String>,
    #[serde(default)]
    component: Vec<RawComponent>,
    #[serde(default)]
    path: Vec<RawPath>,
    #[serde(default)]
    forbid: Vec<RawForbid>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawComponent {
    name: Spanned<String>,
    /// Other ways of writing it, separated by `|`.
    #[serde(default)]
    also: Option<String>,
    point: Option<String>,
    weight: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPath {
    through: Spanned<Vec<String>>,
    point: Option<String>,
    weight: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForbid {
    from: Spanned<String>,
    to: String,
    why: Option<String>,
    point: Option<String>,
    weight: Option<Spanned<i64>>,
}

const COMPONENT_WEIGHT: u8 = 1;
const PATH_WEIGHT: u8 = 2;
const FORBID_WEIGHT: u8 = 2;

/// Validate the `[structure]` table of the file `text`. Errors go to `errors`; the
/// structure is returned whenever its reference diagram parses.
pub(super) fn structure(
    raw: RawStructure,
    text: &str,
    at: &At,
    errors: &mut Vec<Diagnostic>,
) -> Option<Structure> {
    let place = |span: std::ops::Range<usize>| {
        let d = at(span, String::new());
        (d.line, d.col)
    };
    let reference = raw.reference.get_ref().trim_end().to_string();
    let graph = match crate::diagram::parse_mermaid(&reference) {
        Ok(graph) if !graph.nodes.is_empty() => Some(graph),
        Ok(_) => {
            errors.push(at(
                raw.reference.span(),
                "structure.reference has no nodes: give the reference architecture as a \
                 Mermaid flowchart"
                    .into(),
            ));
            None
        }
        Err(e) => {
            let offset = offset_in_value(text, raw.reference.span(), e.line, e.col);
            errors.push(at(
                offset..offset,
                format!("structure.reference: {}", e.message),
            ));
            None
        }
    };

    let mut weight = |w: Option<Spanned<i64>>, default: u8| match w {
        None => default,
        Some(w) if WEIGHTS.contains(w.get_ref()) => *w.get_ref() as u8,
        Some(w) => {
            errors.push(at(
                w.span(),
                format!("weight is {}: use 1, 2 or 3", w.get_ref()),
            ));
            default
        }
    };
    let clean = |s: &str| sanitize(s.trim(), true);

    let mut components: Vec<Stop> = Vec::new();
    let mut points = Vec::new();
    let mut pending = Vec::new();
    for c in raw.component {
        let name = clean(c.name.get_ref());
        let mut phrases = vec![name.clone()];
        phrases.extend(alternatives(c.also.as_deref().unwrap_or_default()));
        let stop = Stop {
            name: name.clone(),
            phrases,
        };
        if name.is_empty() {
            pending.push(at(
                c.name.span(),
                "structure.component name is empty".into(),
            ));
            continue;
        }
        components.push(stop.clone());
        points.push(StructurePoint {
            kind: StructureKind::Component,
            point: c
                .point
                .as_deref()
                .map(clean)
                .unwrap_or_else(|| format!("Diagram includes {name}")),
            stops: vec![stop],
            weight: weight(c.weight, COMPONENT_WEIGHT),
            why: None,
            at: place(c.name.span()),
        });
    }
    let resolve = |s: &str| -> Option<Stop> {
        let s = clean(s);
        if let Some(c) = components.iter().find(|c| c.name == s) {
            return Some(c.clone());
        }
        let phrases = alternatives(&s);
        Some(Stop {
            name: phrases.first()?.clone(),
            phrases,
        })
    };
    for p in raw.path {
        let stops: Option<Vec<Stop>> = p.through.get_ref().iter().map(|s| resolve(s)).collect();
        match stops {
            Some(stops) if stops.len() >= 2 => {
                let names: Vec<&str> = stops.iter().map(|s| s.name.as_str()).collect();
                points.push(StructurePoint {
                    kind: StructureKind::Path,
                    point: p
                        .point
                        .as_deref()
                        .map(clean)
                        .unwrap_or_else(|| format!("Diagram connects {}", names.join(" → "))),
                    stops,
                    weight: weight(p.weight, PATH_WEIGHT),
                    why: None,
                    at: place(p.through.span()),
                });
            }
            _ => pending.push(at(
                p.through.span(),
                "structure.path `through` needs two or more stops, none empty".into(),
            )),
        }
    }
    for f in raw.forbid {
        match (resolve(f.from.get_ref()), resolve(&f.to)) {
            (Some(from), Some(to)) => {
                let why = f.why.as_deref().map(clean).filter(|w| !w.is_empty());
                points.push(StructurePoint {
                    kind: StructureKind::Forbidden,
                    point: f.point.as_deref().map(clean).unwrap_or_else(|| {
                        format!("Diagram has no edge between {} and {}", from.name, to.name)
                    }),
                    stops: vec![from, to],
                    weight: weight(f.weight, FORBID_WEIGHT),
                    why,
                    at: place(f.from.span()),
                });
            }
            _ => pending.push(at(
                f.from.span(),
                "structure.forbid needs `from` and `to`, neither empty".into(),
            )),
        }
    }
    errors.extend(pending);
    Some(Structure {
        reference: sanitize(&reference, false),
        graph: graph?,
        points,
        at: place(raw.reference.span()),
    })
}

/// Phrases separated by `|`, trimmed, empty ones dropped.
fn alternatives(s: &str) -> Vec<String> {
    s.split('|')
        .map(|p| sanitize(p.trim(), true))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The byte offset in the file of `line:col` (1-based, columns in characters) of the
/// string value at `span`.
fn offset_in_value(text: &str, span: std::ops::Range<usize>, line: usize, col: usize) -> usize {
    // Line and column count characters of the value as read, so escapes, line-ending
    // backslashes and a first newline in the file do not shift them.
    let value = text
        .get(span.clone())
        .and_then(|raw| toml::de::DeValue::parse(raw).ok())
        .and_then(|v| v.get_ref().as_str().map(str::to_string))
        .unwrap_or_default();
    let before: usize = value
        .split('\n')
        .take(line.saturating_sub(1))
        .map(|l| l.chars().count() + 1)
        .sum();
    super::diagnostic::offset_in_string(text, span, before + col.saturating_sub(1))
}

/// A problem's structural points judged on its own reference diagram: each must hold
/// there, or the point is mis-written (a phrase no node matches, a path drawn the other
/// way). For `problems check`; loading does not pay for it.
pub fn verify(problem: &super::problem::Problem) -> Vec<Diagnostic> {
    let Some(s) = &problem.structure else {
        return Vec::new();
    };
    let vocabulary = problem.vocabulary();
    let verdicts =
        super::judge::structure::judge(&s.points, std::slice::from_ref(&s.graph), &vocabulary);
    s.points
        .iter()
        .zip(verdicts)
        // A rule about an edge whose ends the reference does not draw (typeahead keeps
        // no database) guards other designs, and holds for this one.
        .filter(|(_, v)| !v.met && v.applies)
        .map(|(p, v)| {
            let names: Vec<&str> = p.stops.iter().map(|s| s.name.as_str()).collect();
            let message = match p.kind {
                StructureKind::Component => format!(
                    "structure.component `{}` matches no node of the reference diagram",
                    names.join("")
                ),
                StructureKind::Path => format!(
                    "structure.path {} does not hold in the reference diagram (follow the \
                     arrows: does each stop match a node, in this order?)",
                    names.join(" → ")
                ),
                StructureKind::Forbidden => format!(
                    "structure.forbid {} – {}: the reference diagram has that edge itself ({})",
                    names.first().copied().unwrap_or_default(),
                    names.get(1).copied().unwrap_or_default(),
                    v.drawn.map(|(_, d)| d).unwrap_or_default()
                ),
            };
            Diagnostic {
                file: problem.file.clone(),
                line: p.at.0,
                col: p.at.1,
                message,
            }
        })
        .collect()
}
