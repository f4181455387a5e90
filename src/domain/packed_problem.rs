//! A parsed problem in a compact binary form (postcard), so a problem parsed once need
//! not be parsed again: url-shortener reads back whole in about 0.67M instructions where
//! parsing its TOML takes some 5M, and what its first screen shows of it (its front, at
//! the start of the bytes) in 0.05M (BENCHMARKS.md, start-up). The store keeps the
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

/// A packed problem: first what its first screen shows ([`Front`]), then the rest, so
/// the front can be read alone from the start of the bytes.
#[derive(Serialize, Deserialize)]
struct Packed {
    front: Front,
    back: Back,
}

/// What the practice screen's first frame (and a new session's transcript) takes from a
/// problem: see [`unpack_front`].
#[derive(Serialize, Deserialize)]
struct Front {
    id: String,
    title: String,
    difficulty: Difficulty,
    tags: Vec<String>,
    statement: String,
    sheet: BTreeMap<String, String>,
    file: String,
    builtin: bool,
    steps: [FrontStep; 6],
}

#[derive(Serialize, Deserialize)]
struct FrontStep {
    budget: Duration,
    guidance: Option<String>,
    hints: Vec<String>,
}

#[derive(Serialize, Deserialize)]
struct Back {
    steps: [BackStep; 6],
    clarifications: Vec<PackedClarification>,
    estimates: Vec<PackedEstimate>,
    curveballs: Vec<PackedCurveball>,
    concepts: Vec<PackedConcept>,
    structure: Option<PackedStructure>,
}

#[derive(Serialize, Deserialize)]
struct BackStep {
    reference: Option<String>,
    rubric: Vec<PackedRubricPoint>,
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
    let front_steps = steps.clone().map(|s| {
        let StepSpec {
            budget,
            guidance,
            hints,
            reference: _,
            rubric: _,
        } = s;
        FrontStep {
            budget,
            guidance,
            hints,
        }
    });
    let back_steps = steps.map(|s| {
        let StepSpec {
            budget: _,
            guidance: _,
            hints: _,
            reference,
            rubric,
        } = s;
        let rubric = rubric
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
            .collect();
        BackStep { reference, rubric }
    });
    let packed = Packed {
        front: Front {
            id,
            title,
            difficulty,
            tags,
            statement,
            sheet,
            file,
            builtin: origin == Origin::Builtin,
            steps: front_steps,
        },
        back: Back {
            steps: back_steps,
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
            structure: structure.map(pack_structure),
        },
    };
    postcard::to_stdvec(&packed)
}

/// The problem `bytes` holds in the packed form; `None` when they are not one.
pub fn unpack(bytes: &[u8]) -> Option<Problem> {
    let Packed { front, back } = postcard::from_bytes(bytes).ok()?;
    let Back {
        steps: back_steps,
        clarifications,
        estimates,
        curveballs,
        concepts,
        structure,
    } = back;
    let structure = match structure {
        Some(s) => Some(unpack_structure(s)?),
        None => None,
    };
    let mut problem = problem_of(front);
    for (spec, back) in problem.steps.iter_mut().zip(back_steps) {
        let BackStep { reference, rubric } = back;
        spec.reference = reference;
        spec.rubric = rubric
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
            .collect();
    }
    problem.clarifications = clarifications
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
        .collect();
    problem.estimates = estimates
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
        .collect();
    problem.curveballs = curveballs
        .into_iter()
        .map(|c| {
            let PackedCurveball { step, minute, text } = c;
            Curveball { step, minute, text }
        })
        .collect();
    problem.concepts = concepts
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
        .collect();
    problem.structure = structure;
    Some(problem)
}

/// Only what the first frame of a practice session takes from the problem `bytes`
/// holds, read from their start: its title, statement, sheet and each step's budget,
/// guidance and hints. The rubric, reference notes, clarifications, estimates,
/// curveballs, concepts and structure are left empty, so such a problem is for that
/// frame alone: the app reads the whole catalogue right after it and puts the whole
/// problem in its place (`update`, `CatalogLoaded`). About a tenth of the work of
/// [`unpack`] (BENCHMARKS.md, start-up).
pub fn unpack_front(bytes: &[u8]) -> Option<Problem> {
    postcard::from_bytes::<Front>(bytes).ok().map(problem_of)
}

/// A problem with `front`'s fields and nothing else.
fn problem_of(front: Front) -> Problem {
    let Front {
        id,
        title,
        difficulty,
        tags,
        statement,
        sheet,
        file,
        builtin,
        steps,
    } = front;
    Problem {
        id,
        title,
        difficulty,
        tags,
        statement,
        steps: steps.map(|s| {
            let FrontStep {
                budget,
                guidance,
                hints,
            } = s;
            StepSpec {
                budget,
                guidance,
                hints,
                reference: None,
                rubric: Vec::new(),
            }
        }),
        clarifications: Vec::new(),
        estimates: Vec::new(),
        curveballs: Vec::new(),
        concepts: Vec::new(),
        sheet,
        structure: None,
        file,
        origin: if builtin {
            Origin::Builtin
        } else {
            Origin::User
        },
    }
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

    /// The front of every built-in is what the first frame takes of it, and it is read
    /// from the start of the bytes alone.
    #[test]
    fn the_front_of_every_built_in_is_its_first_screen_s_part_read_from_the_start() {
        for (name, text) in crate::store::problems::BUILTIN {
            let file = format!("problems/{name}");
            let whole = parse_problem(&file, text.as_bytes(), Origin::Builtin)
                .unwrap_or_else(|e| panic!("{e:?}"));
            let bytes = pack(&whole).unwrap_or_else(|e| panic!("{e}"));
            let mut expected = whole.clone();
            for step in &mut expected.steps {
                step.reference = None;
                step.rubric.clear();
            }
            expected.clarifications.clear();
            expected.estimates.clear();
            expected.curveballs.clear();
            expected.concepts.clear();
            expected.structure = None;
            assert_eq!(unpack_front(&bytes).as_ref(), Some(&expected), "{name}");
            let (_, rest) =
                postcard::take_from_bytes::<Front>(&bytes).unwrap_or_else(|e| panic!("{e}"));
            assert!(!rest.is_empty(), "{name}: the back follows");
            let front = &bytes[..bytes.len() - rest.len()];
            assert_eq!(unpack_front(front), Some(expected), "{name}: front alone");
            assert_eq!(unpack(front), None, "{name}: not a whole problem");
        }
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
