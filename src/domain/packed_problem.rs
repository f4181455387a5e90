//! A parsed problem in a compact binary form (postcard), so a problem parsed once need
//! not be parsed again: url-shortener reads back in about 0.15 ms, file read included,
//! where parsing its TOML takes 1.2 ms (BENCHMARKS.md, start-up). The store keeps the
//! built-ins in this form between runs.
//!
//! The form has its own types: the JSON that `problems show --json` prints leaves out
//! empty fields and positions, and a packed problem must come back whole. Every field is
//! named in [`pack`] and [`unpack`], so a field added to [`Problem`] and not here does
//! not compile.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::coaching::{Clarification, Curveball, ReferenceEstimate, RubricPoint};
use super::framework::Step;
use super::judge::Concept;
use super::problem::{Difficulty, Origin, Problem, StepSpec};
use super::structure::{Stop, Structure, StructureKind, StructurePoint};

#[derive(Serialize, Deserialize)]
struct Packed {
    id: String,
    title: String,
    difficulty: Difficulty,
    tags: Vec<String>,
    statement: String,
    steps: [PackedStep; 6],
    clarifications: Vec<PackedClarification>,
    estimates: Vec<PackedEstimate>,
    curveballs: Vec<PackedCurveball>,
    concepts: Vec<PackedConcept>,
    sheet: BTreeMap<String, String>,
    structure: Option<PackedStructure>,
    file: String,
    builtin: bool,
}

/// The graph is not kept but parsed again from `reference` on reading: about 0.1M of the
/// 0.67M instructions reading url-shortener takes (callgrind), and the diagram types need
/// no packed form. The built-ins' round trip checks the graph comes back the same.
#[derive(Serialize, Deserialize)]
struct PackedStructure {
    reference: String,
    points: Vec<PackedStructurePoint>,
    at: (usize, usize),
}

#[derive(Serialize, Deserialize)]
struct PackedStructurePoint {
    kind: StructureKind,
    point: String,
    stops: Vec<(String, Vec<String>)>,
    weight: u8,
    why: Option<String>,
    at: (usize, usize),
}

#[derive(Serialize, Deserialize)]
struct PackedStep {
    budget: Duration,
    guidance: Option<String>,
    hints: Vec<String>,
    reference: Option<String>,
    rubric: Vec<PackedRubricPoint>,
}

#[derive(Serialize, Deserialize)]
struct PackedRubricPoint {
    point: String,
    all: Vec<Vec<String>>,
    figure: Option<String>,
    reason: bool,
    weight: u8,
}

#[derive(Serialize, Deserialize)]
struct PackedClarification {
    question: String,
    answer: String,
    keywords: Vec<String>,
    key: bool,
}

#[derive(Serialize, Deserialize)]
struct PackedEstimate {
    name: String,
    label: String,
    expr: String,
    expected: String,
    tolerance: f64,
    expr_span: (usize, usize),
    expected_span: (usize, usize),
}

#[derive(Serialize, Deserialize)]
struct PackedCurveball {
    step: Step,
    minute: u32,
    text: String,
}

#[derive(Serialize, Deserialize)]
struct PackedConcept {
    name: String,
    terms: Vec<String>,
    problem: bool,
}

/// `problem` in the packed form.
pub fn pack(problem: &Problem) -> Result<Vec<u8>, postcard::Error> {
    let Problem {
        id,
        title,
        difficulty,
        tags,
        statement,
        steps,
        clarifications,
        estimates,
        curveballs,
        concepts,
        sheet,
        structure,
        file,
        origin,
    } = problem.clone();
    let packed = Packed {
        id,
        title,
        difficulty,
        tags,
        statement,
        steps: steps.map(|s| {
            let StepSpec {
                budget,
                guidance,
                hints,
                reference,
                rubric,
            } = s;
            PackedStep {
                budget,
                guidance,
                hints,
                reference,
                rubric: rubric
                    .into_iter()
                    .map(|r| {
                        let RubricPoint {
                            point,
                            all,
                            figure,
                            reason,
                            weight,
                        } = r;
                        PackedRubricPoint {
                            point,
                            all,
                            figure,
                            reason,
                            weight,
                        }
                    })
                    .collect(),
            }
        }),
        clarifications: clarifications
            .into_iter()
            .map(|c| {
                let Clarification {
                    question,
                    answer,
                    keywords,
                    key,
                } = c;
                PackedClarification {
                    question,
                    answer,
                    keywords,
                    key,
                }
            })
            .collect(),
        estimates: estimates
            .into_iter()
            .map(|e| {
                let ReferenceEstimate {
                    name,
                    label,
                    expr,
                    expected,
                    tolerance,
                    expr_span,
                    expected_span,
                } = e;
                PackedEstimate {
                    name,
                    label,
                    expr,
                    expected,
                    tolerance,
                    expr_span: (expr_span.start, expr_span.end),
                    expected_span: (expected_span.start, expected_span.end),
                }
            })
            .collect(),
        curveballs: curveballs
            .into_iter()
            .map(|c| {
                let Curveball { step, minute, text } = c;
                PackedCurveball { step, minute, text }
            })
            .collect(),
        concepts: concepts
            .into_iter()
            .map(|c| {
                let Concept {
                    name,
                    terms,
                    problem,
                } = c;
                PackedConcept {
                    name,
                    terms,
                    problem,
                }
            })
            .collect(),
        sheet,
        structure: structure.map(pack_structure),
        file,
        builtin: origin == Origin::Builtin,
    };
    postcard::to_stdvec(&packed)
}

/// The problem `bytes` holds in the packed form; `None` when they are not one.
pub fn unpack(bytes: &[u8]) -> Option<Problem> {
    let Packed {
        id,
        title,
        difficulty,
        tags,
        statement,
        steps,
        clarifications,
        estimates,
        curveballs,
        concepts,
        sheet,
        structure,
        file,
        builtin,
    } = postcard::from_bytes(bytes).ok()?;
    let structure = match structure {
        Some(s) => Some(unpack_structure(s)?),
        None => None,
    };
    Some(Problem {
        id,
        title,
        difficulty,
        tags,
        statement,
        steps: steps.map(|s| {
            let PackedStep {
                budget,
                guidance,
                hints,
                reference,
                rubric,
            } = s;
            StepSpec {
                budget,
                guidance,
                hints,
                reference,
                rubric: rubric
                    .into_iter()
                    .map(|r| {
                        let PackedRubricPoint {
                            point,
                            all,
                            figure,
                            reason,
                            weight,
                        } = r;
                        RubricPoint {
                            point,
                            all,
                            figure,
                            reason,
                            weight,
                        }
                    })
                    .collect(),
            }
        }),
        clarifications: clarifications
            .into_iter()
            .map(|c| {
                let PackedClarification {
                    question,
                    answer,
                    keywords,
                    key,
                } = c;
                Clarification {
                    question,
                    answer,
                    keywords,
                    key,
                }
            })
            .collect(),
        estimates: estimates
            .into_iter()
            .map(|e| {
                let PackedEstimate {
                    name,
                    label,
                    expr,
                    expected,
                    tolerance,
                    expr_span,
                    expected_span,
                } = e;
                ReferenceEstimate {
                    name,
                    label,
                    expr,
                    expected,
                    tolerance,
                    expr_span: expr_span.0..expr_span.1,
                    expected_span: expected_span.0..expected_span.1,
                }
            })
            .collect(),
        curveballs: curveballs
            .into_iter()
            .map(|c| {
                let PackedCurveball { step, minute, text } = c;
                Curveball { step, minute, text }
            })
            .collect(),
        concepts: concepts
            .into_iter()
            .map(|c| {
                let PackedConcept {
                    name,
                    terms,
                    problem,
                } = c;
                Concept {
                    name,
                    terms,
                    problem,
                }
            })
            .collect(),
        sheet,
        structure,
        file,
        origin: if builtin {
            Origin::Builtin
        } else {
            Origin::User
        },
    })
}

fn pack_structure(structure: Structure) -> PackedStructure {
    let Structure {
        reference,
        graph: _,
        points,
        at,
    } = structure;
    PackedStructure {
        reference,
        points: points
            .into_iter()
            .map(|p| {
                let StructurePoint {
                    kind,
                    point,
                    stops,
                    weight,
                    why,
                    at,
                } = p;
                PackedStructurePoint {
                    kind,
                    point,
                    stops: stops
                        .into_iter()
                        .map(|Stop { name, phrases }| (name, phrases))
                        .collect(),
                    weight,
                    why,
                    at,
                }
            })
            .collect(),
        at,
    }
}

/// The structure with its graph parsed again; `None` if the reference no longer parses.
fn unpack_structure(packed: PackedStructure) -> Option<Structure> {
    let PackedStructure {
        reference,
        points,
        at,
    } = packed;
    let graph = crate::diagram::parse_mermaid(&reference).ok()?;
    Some(Structure {
        reference,
        graph,
        points: points
            .into_iter()
            .map(|p| {
                let PackedStructurePoint {
                    kind,
                    point,
                    stops,
                    weight,
                    why,
                    at,
                } = p;
                StructurePoint {
                    kind,
                    point,
                    stops: stops
                        .into_iter()
                        .map(|(name, phrases)| Stop { name, phrases })
                        .collect(),
                    weight,
                    why,
                    at,
                }
            })
            .collect(),
        at,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::parse_problem;

    #[test]
    fn every_built_in_problem_comes_back_whole() {
        for (name, text) in crate::store::problems::BUILTIN {
            let file = format!("problems/{name}");
            let p = parse_problem(&file, text.as_bytes(), Origin::Builtin)
                .unwrap_or_else(|e| panic!("{e:?}"));
            let bytes = pack(&p).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(unpack(&bytes).as_ref(), Some(&p), "{name}");
        }
    }

    #[test]
    fn every_field_of_a_problem_comes_back_whole() {
        // What the built-ins may leave empty or at its default: concepts, a figure,
        // a user's origin, an estimate's position.
        let src = r#"
id = "all-fields"
title = "All fields"
difficulty = "hard"
tags = ["a", "b"]
statement = "Build it."

[steps.capacity]
minutes = 7
guidance = "Size it."
hints = ["Start with users."]
reference = "- 1M users"
rubric = [{ point = "States the users", all = ["users|people"], figure = "1M", reason = true, weight = 3 }]

[[clarifications]]
question = "How many users?"
answer = "A million."
keywords = ["users"]
key = true

[[estimates]]
name = "users"
label = "Users"
expr = "1M"
expected = "1M"
tolerance = 0.1

[[curveballs]]
step = "capacity"
minute = 3
text = "Now ten times more."

[[concepts]]
name = "widget"
terms = ["gadget"]
problem = true

[sheet]
daily_active_users = "1M"

[structure]
reference = '''
flowchart TD
  subgraph edge[Edge]
    app([App]) --- lb{{Balancer}}
  end
  lb ==>|writes| db[(Store)]
  lb -.-> q[[Queue]]
'''

[[structure.component]]
name = "store"
also = "db|database"
weight = 3

[[structure.path]]
through = ["app", "balancer", "store"]

[[structure.forbid]]
from = "app"
to = "queue"
why = "only the balancer enqueues"
point = "The app never enqueues"
"#;
        let p = parse_problem("mine.toml", src.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(!p.concepts.is_empty() && !p.sheet.is_empty());
        let structure = p
            .structure
            .as_ref()
            .unwrap_or_else(|| panic!("no structure"));
        assert_eq!(structure.points.len(), 3);
        assert!(!structure.graph.groups.is_empty());
        assert_ne!(p.estimates[0].expr_span, 0..0);
        let bytes = pack(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unpack(&bytes), Some(p));
    }

    #[test]
    fn anything_else_is_not_a_problem() {
        assert_eq!(unpack(b""), None);
        assert_eq!(unpack(b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff"), None);
        let p = parse_problem(
            "p.toml",
            b"id = \"p\"\ntitle = \"P\"\ndifficulty = \"easy\"\nstatement = \"s\"\n",
            Origin::User,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let bytes = pack(&p).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(unpack(&bytes[..bytes.len() - 1]), None, "cut short");
    }
}
