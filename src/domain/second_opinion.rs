//! The prompt a finished session is sent to the user's reviewer command with: a template
//! (`templates/reviewer.md`, or the user's own `reviewer.md`) with the session filled in.
//!
//! The template's placeholders are `{{name}}` for each name in [`PLACEHOLDERS`]; anything
//! else between double braces is left as written. They are filled in one pass, so text
//! from the session that happens to contain `{{steps}}` stays as it is. The whole prompt
//! is sanitised, so what `sessions prompt` prints is exactly what the command gets.

use std::fmt::Write;

use super::framework::Step;
use super::problem::Problem;
use super::sanitize::sanitize;
use super::timer::{Countdown, clock_text, countdown_text};
use super::transcript::Transcript;

/// The built-in template.
pub const TEMPLATE: &str = include_str!("../../templates/reviewer.md");

/// The name of the user's own template in the config folder.
pub const TEMPLATE_FILE: &str = "reviewer.md";

/// Every placeholder a template may use, and what it becomes.
pub const PLACEHOLDERS: [(&str, &str); 10] = [
    ("title", "the problem's title"),
    ("difficulty", "easy, medium or hard"),
    (
        "kind",
        "\"A mock interview\", or \"A step drill of <step>\" for a single step",
    ),
    (
        "time",
        "time used against the total budget, e.g. \"41:20 of 45:00\"",
    ),
    ("statement", "the problem statement as it was practised"),
    (
        "steps",
        "per step: time spent against budget, visits and hints, the notes as typed, and \
         each diagram as Mermaid",
    ),
    (
        "questions",
        "the questions asked with the answers given, and the interviewer's follow-ups",
    ),
    (
        "calculator",
        "the calculator statements and results, and the capacity sheet's inputs and figures",
    ),
    (
        "scorecard",
        "sdcoach's scorecard: the score, key points covered and missed with the evidence, \
         estimates against the reference, key questions asked",
    ),
    (
        "rubric",
        "per step: the problem's rubric points with their weights, its reference notes, and \
         the reference architecture",
    ),
];

/// The prompt for `t`: `template` with its placeholders filled in. `problem` is the
/// problem practised, when it still loads; the session's own copy of the statement,
/// scorecard and reference notes come first, so later edits to the problem file change
/// only what the session never saw (rubric details, and reference notes a session
/// without a scorecard lacks).
pub fn prompt(template: &str, t: &Transcript, problem: Option<&Problem>) -> String {
    let mut out = String::with_capacity(template.len() + 4096);
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        let (before, tail) = rest.split_at(open);
        out.push_str(before);
        let name = tail
            .get(2..)
            .and_then(|t| t.find("}}").map(|close| &t[..close]))
            .filter(|name| PLACEHOLDERS.iter().any(|(p, _)| p == name));
        match name {
            Some(name) => {
                out.push_str(&fill(name, t, problem));
                rest = tail.get(name.len() + 4..).unwrap_or_default();
            }
            None => {
                out.push_str("{{");
                rest = tail.get(2..).unwrap_or_default();
            }
        }
    }
    out.push_str(rest);
    sanitize(&out, false)
}

/// The `{{name}}`s in `template` that are no placeholder, for a warning.
pub fn unknown_placeholders(template: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find("{{") {
        rest = rest.get(open + 2..).unwrap_or_default();
        let Some(close) = rest.find("}}") else { break };
        let name = &rest[..close];
        let looks_like_one = !name.is_empty()
            && name.len() <= 40
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ' ');
        if looks_like_one
            && !PLACEHOLDERS.iter().any(|(p, _)| *p == name)
            && !found.iter().any(|f| f == name)
        {
            found.push(name.to_string());
        }
    }
    found
}

fn fill(name: &str, t: &Transcript, problem: Option<&Problem>) -> String {
    let h = &t.header;
    match name {
        "title" => sanitize(&h.title, true),
        "difficulty" => t.problem.difficulty.to_string(),
        "kind" => match h.step_drill {
            Some(step) => format!("A step drill of {}", step.title()),
            None => "A mock interview".to_string(),
        },
        "time" => format!(
            "{} of {}",
            clock_text(t.elapsed()),
            clock_text(t.total_budget())
        ),
        "statement" => quoted(&t.problem.statement),
        "steps" => steps(t),
        "questions" => questions(t),
        "calculator" => calculator(t),
        "scorecard" => match &t.scorecard {
            Some(card) => {
                let mut out = String::new();
                super::export::scorecard_section(card, &mut out);
                out.trim_end().to_string()
            }
            None => "No scorecard was made for this session.".to_string(),
        },
        "rubric" => rubric(t, problem),
        _ => String::new(),
    }
}

/// `text` as a Markdown quote.
fn quoted(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| {
            if l.is_empty() {
                ">".into()
            } else {
                format!("> {l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// `text` in a fenced block whose fence no line of it can close.
fn fenced(info: &str, text: &str) -> String {
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    format!("{fence}{info}\n{}\n{fence}", text.trim_end())
}

fn step_heading(step: Step) -> String {
    format!("### {}. {}", step.index() + 1, step.title())
}

fn steps(t: &Transcript) -> String {
    let mut out = String::new();
    for r in &t.steps {
        let verdict = match Countdown::new(r.budget(), r.spent()) {
            Countdown::Left(_) if r.spent_ms == 0 => "not started".to_string(),
            Countdown::Left(_) => "within budget".to_string(),
            c => countdown_text(c),
        };
        let _ = writeln!(
            out,
            "{} ({} spent of {}: {verdict})\n",
            step_heading(r.step),
            clock_text(r.spent()),
            clock_text(r.budget())
        );
        let hints = match r.hints_used {
            0 => "no hints".to_string(),
            1 => "1 hint".to_string(),
            n => format!("{n} hints"),
        };
        let visits = match r.visits {
            1 => "once".to_string(),
            n => format!("{n} times"),
        };
        let _ = writeln!(out, "Visited {visits}; {hints} taken.\n");
        if r.notes.trim().is_empty() {
            out.push_str("No notes.\n\n");
            continue;
        }
        let _ = writeln!(out, "{}\n", fenced("text", &r.notes));
        for (i, found) in crate::diagram::find_diagrams(&r.notes)
            .into_iter()
            .enumerate()
        {
            match found.graph {
                Ok(graph) => {
                    let _ = writeln!(
                        out,
                        "Diagram {} (notes line {}) as Mermaid:\n\n{}\n",
                        i + 1,
                        found.first_line,
                        fenced("mermaid", &crate::diagram::to_mermaid(&graph))
                    );
                }
                Err(e) => {
                    let _ = writeln!(
                        out,
                        "Diagram {} (notes line {}) does not parse: line {e}.\n",
                        i + 1,
                        found.first_line
                    );
                }
            }
        }
    }
    out.trim_end().to_string()
}

fn questions(t: &Transcript) -> String {
    let mut out = String::new();
    if t.questions.is_empty() {
        out.push_str("They asked no questions.\n");
    }
    for q in &t.questions {
        let _ = writeln!(
            out,
            "- During {}: \"{}\"\n  Answer: {}",
            q.step.title(),
            sanitize(&q.question, true),
            sanitize(&q.answer, true)
        );
    }
    if !t.curveballs.is_empty() {
        out.push_str("\nFollow-ups the interviewer raised during the interview:\n\n");
        for c in &t.curveballs {
            let _ = writeln!(
                out,
                "- In {}, at minute {}: {}",
                c.step.title(),
                c.minute,
                sanitize(&c.text, true)
            );
        }
    }
    out.trim_end().to_string()
}

fn calculator(t: &Transcript) -> String {
    use crate::calc::sheet::Input;
    let mut out = String::new();
    if t.calc.is_empty() && t.sheet.is_empty() {
        return "They used neither the calculator nor the capacity sheet.".to_string();
    }
    if !t.calc.is_empty() {
        out.push_str("Calculator statements, in the order they were run:\n\n");
        for e in &t.calc {
            let _ = writeln!(
                out,
                "- In {}: `{}` = {}",
                e.step.title(),
                sanitize(&e.input, true),
                sanitize(&e.display, true)
            );
        }
        out.push('\n');
    }
    if !t.sheet.is_empty() {
        let sheet = t.capacity_sheet();
        out.push_str("Capacity sheet inputs:\n\n");
        for input in Input::ALL {
            let value = sheet.get(input);
            if !value.trim().is_empty() {
                let _ = writeln!(out, "- {}: {}", input.label(), sanitize(value, true));
            }
        }
        // Only the figures the inputs given were enough for.
        let figures: Vec<String> = sheet
            .figures()
            .into_iter()
            .filter_map(|f| Some(format!("- {}: {} ({})", f.name, f.result.ok()?, f.formula)))
            .collect();
        if !figures.is_empty() {
            let _ = writeln!(
                out,
                "\nFigures the sheet worked out from them:\n\n{}",
                figures.join("\n")
            );
        }
    }
    out.trim_end().to_string()
}

fn rubric(t: &Transcript, problem: Option<&Problem>) -> String {
    let mut out = String::new();
    for (i, r) in t.steps.iter().enumerate() {
        let step = r.step;
        let _ = writeln!(out, "{}\n", step_heading(step));
        // Rubric points: the problem's own, with what they ask for; else what the
        // scorecard judged.
        let mut points: Vec<String> = match problem {
            Some(p) => p
                .step(step)
                .rubric
                .iter()
                .map(|rp| {
                    let mut wants = vec![format!("weight {}", rp.weight)];
                    if rp.reason {
                        wants.push("needs a reason or trade-off".into());
                    }
                    if let Some(f) = &rp.figure {
                        wants.push(format!("needs a figure near {f}"));
                    }
                    format!("{} ({})", sanitize(&rp.point, true), wants.join("; "))
                })
                .chain(
                    p.structure
                        .iter()
                        .filter(|_| step == Step::Architecture)
                        .flat_map(|s| &s.points)
                        .map(|sp| {
                            format!(
                                "{} (weight {}; judged on the diagram)",
                                sanitize(&sp.point, true),
                                sp.weight
                            )
                        }),
                )
                .collect(),
            None => Vec::new(),
        };
        if points.is_empty()
            && let Some(s) = t
                .scorecard
                .as_ref()
                .and_then(|c| c.steps.iter().find(|s| s.step == step))
        {
            points = s
                .points
                .iter()
                .map(|p| format!("{} (weight {})", sanitize(&p.point, true), p.weight))
                .collect();
        }
        if points.is_empty() {
            out.push_str("No rubric points for this step.\n\n");
        } else {
            out.push_str("Rubric points:\n\n");
            for p in points {
                let _ = writeln!(out, "- {p}");
            }
            out.push('\n');
        }
        let reference = t
            .reference_notes(i)
            .or_else(|| problem.and_then(|p| p.step(step).reference.as_deref()));
        match reference {
            Some(text) if !text.trim().is_empty() => {
                let _ = writeln!(out, "Reference notes:\n\n{}\n", fenced("text", text));
            }
            _ => out.push_str("No reference notes for this step.\n\n"),
        }
        if step == Step::Architecture {
            let architecture = t
                .scorecard
                .as_ref()
                .and_then(|c| c.structure.as_ref())
                .map(|s| s.reference.as_str())
                .or_else(|| {
                    problem
                        .and_then(|p| p.structure.as_ref())
                        .map(|s| s.reference.as_str())
                });
            if let Some(mermaid) = architecture {
                let _ = writeln!(
                    out,
                    "Reference architecture:\n\n{}\n",
                    fenced("mermaid", mermaid)
                );
            }
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};
    use jiff::Timestamp;

    fn kv() -> Problem {
        let src =
            "id = \"kv\"\ntitle = \"KV store\"\ndifficulty = \"hard\"\nstatement = \"Build it.\"\n";
        parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"))
    }

    #[test]
    fn placeholders_are_filled_once_and_others_left_alone() {
        let p = kv();
        let mut t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::Apis) {
            r.notes = "GET {{title}} and {{rubric}}".into();
        }
        let text = prompt("{{title}} / {{nope}} / {{ / {{difficulty}}", &t, Some(&p));
        assert_eq!(text, "KV store / {{nope}} / {{ / hard");
        let steps = prompt("{{steps}}", &t, Some(&p));
        assert!(steps.contains("GET {{title}} and {{rubric}}"), "{steps}");
        assert_eq!(
            unknown_placeholders("{{title}} {{nope}} {{nope}} {{ x }} {{"),
            ["nope", " x "]
        );
        assert!(unknown_placeholders(TEMPLATE).is_empty());
        for (name, _) in PLACEHOLDERS {
            assert!(TEMPLATE.contains(&format!("{{{{{name}}}}}")), "{name}");
        }
    }

    #[test]
    fn notes_cannot_close_their_fence_and_the_prompt_is_sanitised() {
        let p = kv();
        let mut t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::Architecture) {
            r.notes = "```mermaid\nflowchart LR\n  a --> b\n```\nand \u{1b}[31mred\u{202E}".into();
        }
        let text = prompt(TEMPLATE, &t, None);
        assert!(text.contains("````text\n```mermaid\n"), "{text}");
        assert!(text.contains("and [31mred\n````"), "{text}");
        assert_eq!(sanitize(&text, false), text);
    }
}
