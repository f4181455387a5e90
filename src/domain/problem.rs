//! Interview problems: the TOML schema users write, its validation, and the catalogue.
//!
//! Parsing is pure (bytes in, problem or located diagnostics out) so the same code serves
//! built-in problems, user folders and `sdcoach problems check`.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::coaching::{
    self, Clarification, Curveball, RawClarification, RawCurveball, RawEstimate, RawRubric,
    ReferenceEstimate, RubricPoint,
};
use super::diagnostic::{Diagnostic, offset_of_column, reflow};
use super::framework::Step;
use super::judge::{Concept, Vocabulary};
use super::recover;
use super::sanitize::sanitize;
use super::structure::{RawStructure, Structure};
use crate::calc::sheet::{self, Input as SheetInput};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl fmt::Display for Difficulty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        })
    }
}

/// Where a problem came from, for messages and `problems list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Builtin,
    User,
}

/// Per-step settings of one problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StepSpec {
    #[serde(serialize_with = "ser_minutes", rename = "minutes")]
    pub budget: Duration,
    /// Problem-specific guidance shown under the built-in guidance.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub guidance: Option<String>,
    /// Progressive hints, revealed one at a time.
    pub hints: Vec<String>,
    /// A strong answer for the step, hidden until the session is complete.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    pub rubric: Vec<RubricPoint>,
}

fn ser_minutes<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_secs() / 60)
}

/// A validated problem, ready to practise.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub statement: String,
    pub steps: [StepSpec; 6],
    pub clarifications: Vec<Clarification>,
    pub estimates: Vec<ReferenceEstimate>,
    pub curveballs: Vec<Curveball>,
    /// Concepts this problem adds to the shared vocabulary.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub concepts: Vec<Concept>,
    /// Capacity-sheet inputs the problem gives (input key -> value in calculator syntax);
    /// a practice session's sheet starts from them.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub sheet: BTreeMap<String, String>,
    /// The reference architecture and the structural points a drawn design is judged on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub structure: Option<Structure>,
    /// File name the problem was read from (for messages).
    pub file: String,
    pub origin: Origin,
}

impl Problem {
    pub fn step(&self, step: Step) -> &StepSpec {
        &self.steps[step.index()]
    }

    pub fn total_budget(&self) -> Duration {
        self.steps.iter().map(|s| s.budget).sum()
    }

    /// The shared vocabulary with this problem's own concepts added.
    pub fn vocabulary(&self) -> std::borrow::Cow<'static, Vocabulary> {
        if self.concepts.is_empty() {
            std::borrow::Cow::Borrowed(Vocabulary::builtin())
        } else {
            let mut v = Vocabulary::builtin().clone();
            v.extend(&self.concepts);
            std::borrow::Cow::Owned(v)
        }
    }

    /// The clarification that answers `question`, read with this problem's vocabulary
    /// (see [`coaching::best_clarification`]).
    pub fn clarification_for(&self, question: &str) -> Option<&Clarification> {
        coaching::Clarifier::new(&self.clarifications, &self.vocabulary())
            .best(question)
            .and_then(|i| self.clarifications.get(i))
    }
}

/// The file format, exactly as users write it. Unknown keys are errors so typos surface.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProblem {
    id: Spanned<String>,
    title: Spanned<String>,
    /// Parsed by hand so a bad value gets a message naming the choices.
    difficulty: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
    statement: Spanned<String>,
    #[serde(default)]
    steps: RawSteps,
    #[serde(default)]
    clarifications: Vec<RawClarification>,
    #[serde(default)]
    estimates: Vec<RawEstimate>,
    #[serde(default)]
    curveballs: Vec<RawCurveball>,
    /// Concepts for this problem only, on top of the shared vocabulary.
    #[serde(default)]
    concepts: Vec<RawConcept>,
    /// Capacity-sheet inputs: `daily_active_users = "500M"`, ...
    #[serde(default)]
    sheet: BTreeMap<Spanned<String>, Spanned<String>>,
    /// The reference architecture and structural points.
    structure: Option<RawStructure>,
}

/// A `[[concepts]]` table: the same keys as the shared vocabulary's.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    name: Spanned<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    problem: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawSteps {
    requirements: Option<RawStep>,
    capacity: Option<RawStep>,
    apis: Option<RawStep>,
    data_model: Option<RawStep>,
    architecture: Option<RawStep>,
    bottlenecks: Option<RawStep>,
}

impl RawSteps {
    fn take(&mut self, step: Step) -> Option<RawStep> {
        match step {
            Step::Requirements => self.requirements.take(),
            Step::Capacity => self.capacity.take(),
            Step::Apis => self.apis.take(),
            Step::DataModel => self.data_model.take(),
            Step::Architecture => self.architecture.take(),
            Step::Bottlenecks => self.bottlenecks.take(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStep {
    minutes: Option<Spanned<i64>>,
    guidance: Option<String>,
    #[serde(default)]
    hints: Vec<String>,
    reference: Option<String>,
    #[serde(default)]
    rubric: Vec<RawRubric>,
}

/// Budget overrides outside this range are almost certainly typos.
pub const MINUTES_RANGE: std::ops::RangeInclusive<i64> = 1..=120;

/// Parse and validate one problem file. `file` is only used in messages.
pub fn parse_problem(file: &str, bytes: &[u8], origin: Origin) -> Result<Problem, Vec<Diagnostic>> {
    match read_problem(file, bytes, origin) {
        (Some(problem), errors) if errors.is_empty() => Ok(problem),
        (_, errors) => Err(errors),
    }
}

/// Parse and validate one problem file, reporting every error in it (sorted by place):
/// syntax errors; else unknown keys and wrong types together with what validation finds
/// in the rest. The problem is returned whenever the rest could be read, errors or not,
/// so `problems check` can recompute its estimates too. A valid file takes one serde pass;
/// only a file serde refuses is read again, entry by entry ([`super::recover`]).
pub fn read_problem(
    file: &str,
    bytes: &[u8],
    origin: Origin,
) -> (Option<Problem>, Vec<Diagnostic>) {
    let text = match utf8_text(file, bytes) {
        Ok(text) => text,
        Err(errors) => return (None, errors),
    };
    if text.trim().is_empty() {
        let empty = Diagnostic::at_offset(
            file,
            text,
            0,
            "empty file: a problem needs at least id, title, difficulty and statement",
        );
        return (None, vec![empty]);
    }
    let (problem, mut errors) = match toml::from_str::<RawProblem>(text) {
        Ok(raw) => {
            let (problem, errors) = validate(file, text, raw, origin);
            (Some(problem), errors)
        }
        Err(_) => {
            let read = recover::read_all::<RawProblem>(file, text);
            let mut errors = read.errors;
            let problem = read.value.map(|raw| {
                let (problem, more) = validate(file, text, raw, origin);
                errors.extend(more);
                problem
            });
            (problem, errors)
        }
    };
    // Messages about a value the recovery filled in say nothing about the file.
    errors.retain(|d| d.line > 0);
    errors.sort_by_key(|d| (d.line, d.col));
    (problem, errors)
}

/// The problem as read, with a default wherever a value was wrong, and what was wrong.
fn validate(file: &str, text: &str, raw: RawProblem, origin: Origin) -> (Problem, Vec<Diagnostic>) {
    let mut errors = Vec::new();
    let lines = super::diagnostic::Lines::new(text);
    let at = |span: std::ops::Range<usize>, msg: String| {
        // A placeholder (see `recover`) is no place in the file: line 0, dropped later.
        recover::located(file, &lines, span, msg).unwrap_or_else(|| Diagnostic {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: String::new(),
        })
    };

    let id = raw.id.get_ref();
    if id.is_empty()
        || !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        errors.push(at(
            raw.id.span(),
            format!("invalid id {id:?}: use lowercase letters, digits and '-'"),
        ));
    }
    let difficulty = match raw.difficulty.get_ref().as_str() {
        "easy" => Difficulty::Easy,
        "medium" => Difficulty::Medium,
        "hard" => Difficulty::Hard,
        other => {
            errors.push(at(
                raw.difficulty.span(),
                format!("unknown difficulty {other:?}: use \"easy\", \"medium\" or \"hard\""),
            ));
            Difficulty::Medium
        }
    };
    let title = sanitize(raw.title.get_ref().trim(), true);
    if title.is_empty() {
        errors.push(at(raw.title.span(), "title is empty".into()));
    }
    let statement = reflow(&sanitize(raw.statement.get_ref().trim(), false));
    if statement.is_empty() {
        errors.push(at(raw.statement.span(), "statement is empty".into()));
    }

    let mut raw_steps = raw.steps;
    let steps = Step::ALL.map(|step| {
        let raw_step = raw_steps.take(step);
        let mut spec = StepSpec {
            budget: step.default_budget(),
            guidance: None,
            hints: Vec::new(),
            reference: None,
            rubric: Vec::new(),
        };
        if let Some(raw_step) = raw_step {
            if let Some(minutes) = raw_step.minutes {
                let m = *minutes.get_ref();
                if MINUTES_RANGE.contains(&m) {
                    spec.budget = Duration::from_secs(m as u64 * 60);
                } else {
                    errors.push(at(
                        minutes.span(),
                        format!(
                            "steps.{}.minutes is {m}: use a whole number of minutes from {} to {}",
                            step.key(),
                            MINUTES_RANGE.start(),
                            MINUTES_RANGE.end()
                        ),
                    ));
                }
            }
            spec.guidance = raw_step
                .guidance
                .map(|g| sanitize(g.trim(), false))
                .filter(|g| !g.is_empty());
            spec.hints = raw_step
                .hints
                .iter()
                .map(|h| reflow(&sanitize(h.trim(), false)))
                .filter(|h| !h.is_empty())
                .collect();
            spec.reference = raw_step
                .reference
                .map(|r| sanitize(r.trim(), false))
                .filter(|r| !r.is_empty());
            spec.rubric = coaching::rubric(step, raw_step.rubric, text, &at, &mut errors);
        }
        spec
    });
    let budgets = steps.clone().map(|s| s.budget);
    let clarifications = coaching::clarifications(raw.clarifications, &at, &mut errors);
    let estimates = coaching::estimates(raw.estimates, &at, &mut errors);
    let curveballs = coaching::curveballs(raw.curveballs, &budgets, &at, &mut errors);
    let concepts = raw
        .concepts
        .into_iter()
        .filter_map(|c| {
            let name = sanitize(c.name.get_ref().trim(), true).to_lowercase();
            if name.is_empty() {
                errors.push(at(c.name.span(), "concept name is empty".into()));
                return None;
            }
            Some(Concept {
                name,
                terms: c
                    .terms
                    .iter()
                    .map(|t| sanitize(t.trim(), true).to_lowercase())
                    .filter(|t| !t.is_empty())
                    .collect(),
                problem: c.problem,
            })
        })
        .collect();

    let sheet = sheet_inputs(raw.sheet, text, &at, &mut errors);
    let structure = raw
        .structure
        .and_then(|r| super::structure::structure(r, text, &at, &mut errors));

    let problem = Problem {
        id: id.clone(),
        title,
        difficulty,
        tags: raw.tags.iter().map(|t| sanitize(t.trim(), true)).collect(),
        statement,
        steps,
        clarifications,
        estimates,
        curveballs,
        concepts,
        sheet,
        structure,
        file: file.to_string(),
        origin,
    };
    (problem, errors)
}

/// The `[sheet]` table: known input keys, each with a value the capacity sheet accepts.
fn sheet_inputs(
    raw: BTreeMap<Spanned<String>, Spanned<String>>,
    file_text: &str,
    at: &coaching::At,
    errors: &mut Vec<Diagnostic>,
) -> BTreeMap<String, String> {
    let mut sheet = BTreeMap::new();
    for (key, value) in raw {
        let Some(input) = SheetInput::from_key(key.get_ref()) else {
            let keys: Vec<String> = SheetInput::ALL
                .iter()
                .map(|i| format!("`{}`", i.key()))
                .collect();
            errors.push(at(
                key.span(),
                format!(
                    "unknown sheet input `{}`, expected one of {}",
                    sanitize(key.get_ref(), true),
                    keys.join(", ")
                ),
            ));
            continue;
        };
        let text = sanitize(value.get_ref().trim(), true);
        match sheet::check_at(input, &text) {
            Ok(()) => {
                sheet.insert(input.key().to_string(), text);
            }
            Err((why, column)) => {
                // At the offending token when the calculator says where it is.
                let offset = column.map_or(value.span().start, |c| {
                    offset_of_column(file_text, value.span(), value.get_ref(), c)
                });
                errors.push(at(offset..offset, format!("sheet.{}: {why}", input.key())));
            }
        }
    }
    sheet
}

/// The file as text, or where its first invalid UTF-8 byte is.
pub fn utf8_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a str, Vec<Diagnostic>> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        vec![Diagnostic::at_offset(
            file,
            prefix,
            prefix.len(),
            "invalid UTF-8: files must be UTF-8 text",
        )]
    })
}

/// All problems that loaded, and why the others did not.
#[derive(Debug, Default, Clone)]
pub struct Catalog {
    /// Shared, so a practice session holds its problem without copying it.
    problems: Vec<Arc<Problem>>,
    /// Every file that failed, one line each; shown as a warning, never fatal.
    pub warnings: Vec<Diagnostic>,
    /// Where each id was first defined, to report duplicates.
    seen: BTreeMap<String, String>,
}

impl Catalog {
    /// Add one file's contents. A bad file adds warnings and nothing else.
    pub fn add(&mut self, file: &str, bytes: &[u8], origin: Origin) {
        match parse_problem(file, bytes, origin) {
            Ok(problem) => self.add_parsed(problem, bytes),
            Err(diags) => self.warnings.extend(diags),
        }
    }

    /// Add a problem already parsed from `bytes`, its file's contents.
    pub fn add_parsed(&mut self, problem: Problem, bytes: &[u8]) {
        if let Some(first) = self.seen.get(&problem.id) {
            let message = format!("duplicate id {:?}: already defined in {first}", problem.id);
            self.warnings.push(at_id(&problem.file, bytes, message));
        } else {
            self.seen.insert(problem.id.clone(), problem.file.clone());
            self.problems.push(Arc::new(problem));
        }
    }

    /// Problems sorted by difficulty then title, the order lists show.
    pub fn problems(&self) -> Vec<&Problem> {
        let mut list: Vec<&Problem> = self.problems.iter().map(AsRef::as_ref).collect();
        list.sort_by(|a, b| (a.difficulty, &a.title).cmp(&(b.difficulty, &b.title)));
        list
    }

    pub fn get(&self, id: &str) -> Option<&Problem> {
        self.shared_ref(id).map(AsRef::as_ref)
    }

    /// Problem `id`, shared with the catalogue.
    pub fn shared(&self, id: &str) -> Option<Arc<Problem>> {
        self.shared_ref(id).cloned()
    }

    fn shared_ref(&self, id: &str) -> Option<&Arc<Problem>> {
        self.problems.iter().find(|p| p.id == id)
    }

    pub fn len(&self) -> usize {
        self.problems.len()
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }
}

/// A diagnostic pointing at the `id` value of a file already known to parse.
pub fn at_id(file: &str, bytes: &[u8], message: String) -> Diagnostic {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Spanned<String>,
    }
    let text = String::from_utf8_lossy(bytes);
    // Unknown keys are fine here: we only want where the id is.
    let offset = toml::from_str::<IdOnly>(&text).map_or(0, |p| p.id.span().start);
    Diagnostic::at_offset(file, &text, offset, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "pastebin"
title = "Pastebin"
difficulty = "easy"
statement = "Build a pastebin."

[steps.architecture]
minutes = 12
guidance = "- think about blobs"
"#;

    fn errs(src: &str) -> Vec<String> {
        parse_problem("p.toml", src.as_bytes(), Origin::User)
            .err()
            .unwrap_or_default()
            .iter()
            .map(|d| d.to_string())
            .collect()
    }

    #[test]
    fn good_problem_parses_with_overrides_and_defaults() {
        let p =
            parse_problem("p.toml", GOOD.as_bytes(), Origin::User).map_err(|e| format!("{e:?}"));
        let p = p.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(p.id, "pastebin");
        assert_eq!(
            p.step(Step::Architecture).budget,
            Duration::from_secs(12 * 60)
        );
        assert_eq!(
            p.step(Step::Requirements).budget,
            Duration::from_secs(5 * 60)
        );
        assert_eq!(p.total_budget(), Duration::from_secs(42 * 60));
        assert_eq!(
            p.step(Step::Architecture).guidance.as_deref(),
            Some("- think about blobs")
        );
    }

    #[test]
    fn unknown_key_points_at_the_key() {
        let src = GOOD.replace("difficulty", "dificulty");
        let e = errs(&src);
        // The typo, and the key it should have been, missing from the file's top.
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0], "p.toml:1:1: missing field `difficulty`");
        assert!(
            e[1].starts_with("p.toml:4:1: unknown field `dificulty`"),
            "{}",
            e[1]
        );
    }

    #[test]
    fn every_error_in_a_file_is_reported_at_once() {
        let src = GOOD
            .replace(
                "title = \"Pastebin\"",
                "title = \"Pastebin\"\ncolour = \"red\"",
            )
            .replace("\"easy\"", "\"brutal\"")
            .replace("minutes = 12", "minutes = \"twelve\"")
            + "\n[[steps.apis.rubric]]\npoint = \"p\"\nall = [\"x\"]\nfigure = \"3 furlongs\"\n\n[sheet]\nobject_size = \"2 MB + 5 quux\"\n";
        let e = errs(&src);
        let want = [
            "p.toml:4:1: unknown field `colour`",
            "p.toml:5:14: unknown difficulty \"brutal\"",
            "p.toml:9:11: invalid type: string \"twelve\", expected i64",
            // Inside the strings: the word the calculator does not know.
            "p.toml:15:13: figure \"3 furlongs\" is not a value: column 3: unknown unit or variable 'furlongs'",
            "p.toml:18:25: sheet.object_size: ",
        ];
        assert_eq!(e.len(), want.len(), "{e:#?}");
        for (got, want) in e.iter().zip(want) {
            assert!(got.starts_with(want), "{got}\n  wanted {want}");
        }
        // The wrong minutes are left at the default; the rest still reads.
        let (p, _) = read_problem("p.toml", src.as_bytes(), Origin::User);
        let p = p.unwrap_or_else(|| panic!("nothing read"));
        assert_eq!(
            p.step(Step::Architecture).budget,
            Step::Architecture.default_budget()
        );
        assert_eq!(p.step(Step::Apis).rubric.len(), 1);
    }

    #[test]
    fn a_missing_title_is_one_error_and_the_rest_is_still_checked() {
        let src = GOOD
            .replace("title = \"Pastebin\"\n", "")
            .replace("\"pastebin\"", "\"Paste Bin\"");
        let e = errs(&src);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].starts_with("p.toml:1:1: missing field `title`"),
            "{}",
            e[0]
        );
        assert!(e[1].starts_with("p.toml:2:6: invalid id"), "{}", e[1]);
        // A title of the wrong type: one error, not also "missing" or "empty".
        let e = errs(&GOOD.replace("title = \"Pastebin\"", "title = 7"));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].starts_with("p.toml:3:9: invalid type: integer `7`"),
            "{}",
            e[0]
        );
    }

    #[test]
    fn a_sheet_table_gives_inputs_checked_and_sanitised() {
        let src = format!(
            "{GOOD}\n[sheet]\ndaily_active_users = \"100M\"\nobject_size = \" 4 * 200 bytes \"\nread_write_ratio = \"80% / 20%\\u0007\"\n"
        );
        let p = parse_problem("p.toml", src.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let pairs: Vec<(&str, &str)> = p
            .sheet
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("daily_active_users", "100M"),
                ("object_size", "4 * 200 bytes"),
                ("read_write_ratio", "80% / 20%"),
            ]
        );
        let bare = parse_problem("p.toml", GOOD.as_bytes(), Origin::User)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert!(bare.sheet.is_empty());
    }

    #[test]
    fn a_bad_sheet_key_or_value_points_at_it() {
        let src = format!("{GOOD}\n[sheet]\ndau = \"100M\"\nobject_size = \"5 s\"\n");
        let e = errs(&src);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(
            e[0].starts_with(
                "p.toml:12:1: unknown sheet input `dau`, expected one of `daily_active_users`, "
            ),
            "{}",
            e[0]
        );
        assert_eq!(
            e[1],
            "p.toml:13:15: sheet.object_size: expected a size such as 2 MB, got 5 s"
        );
    }

    #[test]
    fn bad_minutes_and_id_are_reported_together() {
        let src = GOOD
            .replace("minutes = 12", "minutes = 500")
            .replace("\"pastebin\"", "\"Paste Bin\"");
        let e = errs(&src);
        assert_eq!(e.len(), 2, "{e:?}");
        assert!(e[0].starts_with("p.toml:2:6: invalid id"), "{}", e[0]);
        assert!(
            e[1].starts_with("p.toml:8:11: steps.architecture.minutes is 500"),
            "{}",
            e[1]
        );
    }

    #[test]
    fn duplicate_ids_keep_the_first_and_warn_on_the_second() {
        let mut cat = Catalog::default();
        cat.add("a.toml", GOOD.as_bytes(), Origin::Builtin);
        cat.add("b.toml", GOOD.as_bytes(), Origin::User);
        assert_eq!(cat.len(), 1);
        assert_eq!(cat.warnings.len(), 1);
        assert_eq!(
            cat.warnings[0].to_string(),
            "b.toml:2:6: duplicate id \"pastebin\": already defined in a.toml"
        );
    }

    #[test]
    fn control_characters_never_survive_loading() {
        let src = GOOD.replace("Build a pastebin.", "Build\\u001b[2J a pastebin.");
        let p = parse_problem("p.toml", src.as_bytes(), Origin::User);
        let p = p.unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(p.statement, "Build[2J a pastebin.");
    }
}
