//! Turning a transcript into a Markdown document for people (`sessions export` writes
//! JSON and TOML for tools straight from the transcript, through `output`).

use std::fmt::Write;

use jiff::Timestamp;
use jiff::tz::TimeZone;

use super::sanitize::sanitize;
use super::scoring::Scorecard;
use super::timer::{Countdown, clock_text, countdown_text};
use super::transcript::Transcript;
use crate::calc::sheet::Input;

/// Local date and time for people, e.g. `2026-11-28 14:05`.
pub fn local_time(ts: Timestamp, tz: &TimeZone) -> String {
    ts.to_zoned_datetime(tz.clone())
        .strftime("%Y-%m-%d %H:%M")
        .to_string()
}

/// A clean Markdown document: summary, time table, then a section per step. Sanitised
/// as a whole (the transcript is a file anyone may have edited); fields that must stay on
/// one line, a heading or a table cell, lose their line breaks first.
pub fn markdown(t: &Transcript, tz: &TimeZone) -> String {
    let h = &t.header;
    let one_line = |s: &str| sanitize(s, true);
    let mut out = String::new();
    match h.step_drill {
        Some(step) => {
            let _ = writeln!(
                out,
                "# {}: step drill, {}\n",
                one_line(&h.title),
                step.title()
            );
        }
        None => {
            let _ = writeln!(out, "# {}: practice session\n", one_line(&h.title));
        }
    }
    let _ = writeln!(
        out,
        "- Problem: `{}` ({})",
        one_line(&h.problem_id),
        t.problem.difficulty
    );
    let _ = writeln!(out, "- Started: {}", local_time(h.started_at, tz));
    if let Some(end) = h.ended_at {
        let _ = writeln!(out, "- Ended: {}", local_time(end, tz));
    }
    let _ = writeln!(out, "- Status: {}", h.status.label());
    let _ = writeln!(
        out,
        "- Time: {} of {}\n",
        clock_text(t.elapsed()),
        clock_text(t.total_budget())
    );

    out.push_str("## Problem\n\n");
    for line in t.problem.statement.lines() {
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            let _ = writeln!(out, "> {line}");
        }
    }
    out.push('\n');

    out.push_str("## Time\n\n| Step | Spent | Budget | Result |\n|---|---:|---:|---|\n");
    for r in &t.steps {
        let result = match Countdown::new(r.budget(), r.spent()) {
            Countdown::Over(_) => countdown_text(Countdown::new(r.budget(), r.spent())),
            Countdown::Left(_) if r.spent_ms == 0 => "not started".to_string(),
            Countdown::Left(_) => "within budget".to_string(),
        };
        let _ = writeln!(
            out,
            "| {}. {} | {} | {} | {} |",
            r.step.index() + 1,
            r.step.title(),
            clock_text(r.spent()),
            clock_text(r.budget()),
            result
        );
    }
    let _ = writeln!(
        out,
        "| **Total** | **{}** | **{}** | |\n",
        clock_text(t.elapsed()),
        clock_text(t.total_budget())
    );

    if let Some(card) = &t.scorecard {
        scorecard_section(card, &mut out);
    }
    for (i, r) in t.steps.iter().enumerate() {
        let _ = writeln!(out, "## {}. {}\n", r.step.index() + 1, r.step.title());
        let notes = r.notes.trim_end();
        if notes.trim().is_empty() {
            out.push_str("_No notes._\n\n");
        } else {
            let _ = writeln!(out, "{notes}\n");
            diagrams_section(notes, &mut out);
        }
        let reference = t.reference_notes(i);
        if let Some(reference) = reference {
            let _ = writeln!(out, "**Reference notes**\n\n{reference}\n");
        }
        if r.step == crate::domain::framework::Step::Architecture
            && let Some(seen) = t.scorecard.as_ref().and_then(|c| c.structure.as_ref())
        {
            reference_architecture(&seen.reference, &mut out);
        }
    }
    interviewer_section(t, &mut out);
    calculator_section(t, &mut out);
    reviews_section(t, tz, &mut out);
    sanitize(&out, false)
}

/// Each second opinion, quoted as the reviewer wrote it, under who gave it and when.
fn reviews_section(t: &Transcript, tz: &TimeZone, out: &mut String) {
    if t.reviews.is_empty() {
        return;
    }
    out.push_str(
        "## Second opinions

",
    );
    for (i, r) in t.reviews.iter().enumerate() {
        let _ = writeln!(
            out,
            "### {}. From `{}`, {} (took {})
",
            i + 1,
            sanitize(&r.command, true).replace('`', "'"),
            local_time(r.at, tz),
            clock_text(r.duration())
        );
        for line in r.text.trim_end().lines() {
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {line}");
            }
        }
        out.push('\n');
        for note in r.notes() {
            let _ = writeln!(out, "_{note}_\n");
        }
    }
}

/// Each diagram of a step's notes: as Mermaid (which GitHub renders) when the notes wrote
/// it in the short form, then drawn as text for terminals, after what the drawing leaves
/// out. A ```mermaid block of the notes is already in them, so only its drawing is added.
/// A diagram that does not parse says why instead.
fn diagrams_section(notes: &str, out: &mut String) {
    use crate::diagram::{Charset, Kind, draw, find_diagrams, to_mermaid};
    for (i, found) in find_diagrams(notes).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "**Diagram {}** (notes line {})\n",
            i + 1,
            found.first_line
        );
        let graph = match found.graph {
            Ok(graph) => graph,
            Err(e) => {
                let _ = writeln!(out, "Not drawn: line {e}.\n");
                continue;
            }
        };
        if found.kind == Kind::Short {
            let _ = writeln!(out, "```mermaid\n{}```\n", to_mermaid(&graph));
        }
        let drawing = draw(&graph, Charset::Unicode, None);
        if let Some(note) = &drawing.note {
            let _ = writeln!(out, "Note: {note}.\n");
        }
        let _ = writeln!(out, "```text\n{}\n```\n", drawing.lines.join("\n"));
    }
}

/// The problem's reference architecture: its Mermaid, then drawn as text.
fn reference_architecture(mermaid: &str, out: &mut String) {
    use crate::diagram::{Charset, draw, parse_mermaid};
    let _ = writeln!(
        out,
        "**Reference architecture**\n\n```mermaid\n{}\n```\n",
        mermaid.trim_end()
    );
    if let Ok(graph) = parse_mermaid(mermaid) {
        let drawing = draw(&graph, Charset::Unicode, None);
        let _ = writeln!(out, "```text\n{}\n```\n", drawing.lines.join("\n"));
    }
}

/// Every parsed diagram of a transcript, step by step, for the JSON and TOML exports.
pub fn diagrams(t: &Transcript) -> Vec<StepDiagram> {
    t.steps
        .iter()
        .flat_map(|r| {
            crate::diagram::find_diagrams(&r.notes)
                .into_iter()
                .filter_map(move |found| {
                    Some(StepDiagram {
                        step: r.step,
                        first_line: found.first_line,
                        graph: found.graph.ok()?,
                    })
                })
        })
        .collect()
}

/// One diagram of a transcript as the exports carry it.
#[derive(Debug, serde::Serialize)]
pub struct StepDiagram {
    pub step: crate::domain::framework::Step,
    /// Where its text starts in that step's notes (1-based).
    pub first_line: usize,
    pub graph: crate::diagram::Graph,
}

pub(super) fn scorecard_section(card: &Scorecard, out: &mut String) {
    let _ = writeln!(out, "## Scorecard: {}/100\n", card.score);
    out.push_str("| Step | Key points covered | Hints |\n|---|---|---|\n");
    for s in card
        .steps
        .iter()
        .filter(|s| !s.points.is_empty() || s.hints_used > 0)
    {
        let (covered, counted) = s.counted_points();
        let _ = writeln!(
            out,
            "| {} | {covered} of {counted} | {} of {} |",
            s.step.title(),
            s.hints_used,
            s.hints_total
        );
    }
    out.push('\n');
    for s in card.steps.iter().filter(|s| !s.points.is_empty()) {
        let _ = writeln!(out, "**{}**\n", s.step.title());
        for p in &s.points {
            let mark = if !p.counts() {
                "-"
            } else if p.covered() {
                "x"
            } else {
                " "
            };
            let by_hand = if p.manual.is_some() { " (by hand)" } else { "" };
            let _ = writeln!(out, "- [{mark}] {}{by_hand}", sanitize(&p.point, true));
            if let Some(note) = p.evidence_note(s.step) {
                let _ = writeln!(out, "  - {note}");
            }
        }
        if s.step == crate::domain::framework::Step::Architecture
            && let Some(note) = card.structure_note()
        {
            let _ = writeln!(out, "\n_{note}_");
        }
        out.push('\n');
    }
    if !card.estimates.is_empty() {
        out.push_str("| Estimate | Reference | Yours | Ratio | Verdict |\n|---|---|---|---|---|\n");
        for e in &card.estimates {
            let yours = e.got.as_ref().map_or("—".to_string(), |(input, shown)| {
                format!("`{}` = {}", sanitize(input, true), sanitize(shown, true))
            });
            let ratio = e.ratio.map_or("—".to_string(), |r| format!("×{:.3}", r));
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                sanitize(&e.label, true),
                sanitize(&e.expected, true),
                yours,
                ratio.trim_end_matches('0').trim_end_matches('.'),
                e.verdict.label()
            );
        }
        out.push('\n');
    }
    if !card.key_questions.is_empty() {
        let asked = card.key_questions.iter().filter(|(_, a)| *a).count();
        let _ = writeln!(
            out,
            "Key questions asked: {asked} of {}\n",
            card.key_questions.len()
        );
        for (q, a) in &card.key_questions {
            let _ = writeln!(
                out,
                "- [{}] {}",
                if *a { "x" } else { " " },
                sanitize(q, true)
            );
        }
        out.push('\n');
    }
}

/// Questions asked, follow-ups thrown and hints taken, when there were any.
fn interviewer_section(t: &Transcript, out: &mut String) {
    if !t.questions.is_empty() {
        out.push_str("## Questions to the interviewer\n\n");
        for q in &t.questions {
            let _ = writeln!(
                out,
                "- **Q ({}):** {}\n  **A:** {}",
                q.step.title(),
                sanitize(&q.question, true),
                q.answer
            );
        }
        out.push('\n');
    }
    if !t.curveballs.is_empty() {
        out.push_str("## Follow-ups from the interviewer\n\n");
        for c in &t.curveballs {
            let _ = writeln!(out, "- {}, minute {}: {}", c.step.title(), c.minute, c.text);
        }
        out.push('\n');
    }
    let hints: u32 = t.steps.iter().map(|r| r.hints_used).sum();
    if hints > 0 {
        let _ = writeln!(out, "Hints used: {hints}\n");
    }
}

/// The calculator history and the capacity sheet, when the session used them.
fn calculator_section(t: &Transcript, out: &mut String) {
    if !t.calc.is_empty() {
        out.push_str("## Calculator\n\n| Step | Expression | Result |\n|---|---|---|\n");
        for e in &t.calc {
            let _ = writeln!(
                out,
                "| {}. {} | `{}` | {} |",
                e.step.index() + 1,
                e.step.title(),
                sanitize(&e.input, true).replace('|', "\\|"),
                sanitize(&e.display, true)
            );
        }
        out.push('\n');
    }
    if !t.sheet.is_empty() {
        let sheet = t.capacity_sheet();
        out.push_str("## Capacity sheet\n\n| Input | Value |\n|---|---|\n");
        for input in Input::ALL {
            let _ = writeln!(
                out,
                "| {} | {} |",
                input.label(),
                sanitize(sheet.get(input), true).replace('|', "\\|")
            );
        }
        out.push_str("\n| Figure | Result | Formula |\n|---|---|---|\n");
        for f in sheet.figures() {
            let result = f.result.clone().unwrap_or_else(|e| format!("? {e}"));
            let _ = writeln!(out, "| {} | {} | {} |", f.name, result, f.formula);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::framework::Step;
    use crate::domain::problem::{Origin, parse_problem};

    #[test]
    fn markdown_has_a_heading_per_step_a_time_table_and_the_notes() {
        let src = "id = \"kv\"\ntitle = \"KV store\"\ndifficulty = \"hard\"\nstatement = \"Build it.\\n\\nFast.\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s1".into(), &p, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::Capacity) {
            r.notes = "10K writes/s".into();
            r.spent_ms = 372_000;
        }
        t.header.elapsed_ms = 372_000;
        let md = markdown(&t, &TimeZone::UTC);
        for (i, step) in Step::ALL.iter().enumerate() {
            assert!(
                md.contains(&format!("## {}. {}\n", i + 1, step.title())),
                "{md}"
            );
        }
        assert!(
            md.contains("| 2. Capacity estimates | 06:12 | 05:00 | +01:12 over |"),
            "{md}"
        );
        assert!(md.contains("10K writes/s"));
        assert!(md.contains("> Build it.\n>\n> Fast.\n"), "{md}");
        assert!(md.contains("- Started: 1970-01-01 00:00"));
        assert!(md.contains("- Time: 06:12 of 45:00"));
    }

    #[test]
    fn a_rule_the_design_could_not_break_is_shown_as_not_counted() {
        use crate::domain::scoring::{Evidence, PointScore, score};
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"hard\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        let mut card = score(&t, &p, &Default::default());
        let point = |text: &str, detected: bool, not_applicable: bool| PointScore {
            point: text.into(),
            weight: 2,
            detected,
            manual: None,
            evidence: detected.then(|| Evidence {
                step: Step::Architecture,
                quote: "api -> db".into(),
            }),
            negated: None,
            structure: Some(crate::domain::structure::StructureKind::Forbidden),
            broken: None,
            not_applicable,
        };
        if let Some(s) = card.steps.iter_mut().find(|s| s.step == Step::Architecture) {
            s.points = vec![
                point("Has a cache", true, false),
                point("Clients never reach the database", false, true),
            ];
        }
        let mut md = String::new();
        scorecard_section(&card, &mut md);
        assert!(md.contains("| High-level architecture | 1 of 1 |"), "{md}");
        assert!(
            md.contains(
                "- [-] Clients never reach the database\n  - not counted: the diagram does not \
                 draw both ends of this edge"
            ),
            "{md}"
        );
        assert!(md.contains("- [x] Has a cache"), "{md}");
    }

    #[test]
    fn markdown_is_sanitised_and_one_line_fields_stay_on_one_line() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"hard\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        t.header.title = "Evil\u{1b}]0;x\u{7}\n# injected \u{202E}heading".into();
        if let Some(r) = t.step_mut(Step::Apis) {
            r.notes = "a\u{9b}2J\u{2066}\nb".into();
        }
        t.calc.push(crate::domain::transcript::CalcEntry {
            step: Step::Capacity,
            input: "1 +\n2\u{200B}".into(),
            display: "3".into(),
            value: 3.0,
            unit: String::new(),
            variable: None,
        });
        let md = markdown(&t, &TimeZone::UTC);
        assert!(
            md.starts_with("# Evil]0;x # injected heading: practice session\n"),
            "{md}"
        );
        assert!(md.contains("## 3. APIs\n\na2J\nb\n"), "{md}");
        assert!(md.contains("| `1 + 2` | 3 |"), "{md}");
        assert!(
            !md.chars()
                .any(|c| c != '\n' && crate::domain::sanitize::is_invisible(c))
        );
    }

    #[test]
    fn second_opinions_are_quoted_under_their_own_heading() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"hard\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        assert!(!markdown(&t, &TimeZone::UTC).contains("Second opinions"));
        t.reviews.push(crate::domain::transcript::ReviewRecord {
            command: "llm -m `x`".into(),
            at: Timestamp::UNIX_EPOCH,
            duration_ms: 75_000,
            exit_status: None,
            text: "# Requirements\n\nStrong: \u{1b}[2Jclear.\n".into(),
            cut: true,
            lossy: false,
        });
        let md = markdown(&t, &TimeZone::UTC);
        assert!(
            md.contains(
                "## Second opinions\n\n### 1. From `llm -m 'x'`, 1970-01-01 00:00 (took 01:15)\n\n\
                 > # Requirements\n>\n> Strong: [2Jclear.\n\n_The answer went on past 1 MB"
            ),
            "{md}"
        );
    }

    #[test]
    fn a_step_drill_exports_its_one_step_under_its_framework_number() {
        let src = "id = \"kv\"\ntitle = \"KV store\"\ndifficulty = \"hard\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start_drill("d".into(), &p, Step::DataModel, Timestamp::UNIX_EPOCH);
        if let Some(r) = t.step_mut(Step::DataModel) {
            r.notes = "kv(key PK, value, version)".into();
        }
        let md = markdown(&t, &TimeZone::UTC);
        assert!(
            md.starts_with("# KV store: step drill, Data model\n"),
            "{md}"
        );
        assert!(
            md.contains("## 4. Data model\n\nkv(key PK, value, version)"),
            "{md}"
        );
        assert!(!md.contains("## 1. Requirements"), "{md}");
        assert!(md.contains("- Time: 00:00 of 05:00"), "{md}");
    }
    #[test]
    fn markdown_says_what_a_drawing_leaves_out_and_why_a_diagram_is_not_drawn() {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"hard\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let mut t = Transcript::start("s".into(), &p, Timestamp::UNIX_EPOCH);
        let many: Vec<String> = (0..201).map(|i| format!("hub -> s{i}")).collect();
        if let Some(r) = t.step_mut(Step::Architecture) {
            r.notes = format!(
                "{}\n\n```mermaid\nflowchart LR\n  a[open --> b\n```\n",
                many.join("\n")
            );
        }
        let md = markdown(&t, &TimeZone::UTC);
        assert!(
            md.contains(
                "Note: 202 nodes: drawing stops at 200, so only the boxes are drawn, without \
                 edges; the Mermaid export still has them all.\n\n```text\n"
            ),
            "{md}"
        );
        // The short form's Mermaid has every node and edge.
        assert!(md.contains("    hub --> s200\n"), "{md}");
        assert!(
            md.contains(
                "**Diagram 2** (notes line 204)\n\nNot drawn: line 205:4: `[` is not closed"
            ),
            "{md}"
        );
    }
}
