//! `sdcoach problems list|show|check`

use std::process::ExitCode;

use anyhow::bail;

use super::Locations;
use super::args::ProblemsCommand;
use crate::domain::coaching::verify_estimates;
use crate::domain::diagnostic::Diagnostic;
use crate::domain::framework::Step;
use crate::domain::problem::{Catalog, Problem, at_id};
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::output::{self, warn};
use crate::store::problems::{BUILTIN, add_file, load_catalog};

pub fn run(command: ProblemsCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    let code = match command {
        ProblemsCommand::List { json } => {
            let catalog = load_catalog(&loc.problem_dirs);
            skipped(&catalog);
            if json {
                let list: Vec<serde_json::Value> =
                    catalog.problems().iter().map(|p| summary_json(p)).collect();
                out.json(&list)?;
            } else {
                for p in catalog.problems() {
                    writeln!(
                        out,
                        "{:<20} {:<7} {:>5}  {}",
                        p.id,
                        p.difficulty.to_string(),
                        clock_text(p.total_budget()),
                        sanitize(&p.title, true)
                    )?;
                }
            }
            ExitCode::SUCCESS
        }
        ProblemsCommand::Show { problem_id, json } => {
            let catalog = load_catalog(&loc.problem_dirs);
            let Some(p) = catalog.get(&problem_id) else {
                skipped(&catalog);
                bail!("no problem {problem_id:?}; `sdcoach problems list` shows the ids");
            };
            if json {
                out.json(p)?;
            } else {
                write!(out, "{}", show_text(p))?;
            }
            ExitCode::SUCCESS
        }
        ProblemsCommand::Check { files } => {
            let mut catalog = Catalog::default();
            for file in &files {
                add_file(&mut catalog, file);
            }
            let mut errors = catalog.warnings.clone();
            errors.extend(builtin_clashes(&catalog));
            for p in catalog.problems() {
                errors.extend(verify_estimates(&p.file, &p.estimates));
                errors.extend(crate::domain::structure::verify(p));
            }
            for e in &errors {
                warn(format_args!("{e}"));
            }
            for p in catalog.problems() {
                if !errors.iter().any(|e| e.file == p.file) {
                    writeln!(out, "ok {} ({})", sanitize(&p.file, true), p.id)?;
                }
            }
            if errors.is_empty() {
                ExitCode::SUCCESS
            } else {
                warn(format_args!(
                    "{} error(s) in {} file(s) checked",
                    errors.len(),
                    files.len()
                ));
                ExitCode::FAILURE
            }
        }
    };
    out.flush()?;
    Ok(code)
}

/// A user problem reusing a built-in id would be skipped when loading: say so now.
/// A copy of the built-in file itself is fine (that is how CI checks `problems/`).
fn builtin_clashes(checked: &Catalog) -> Vec<Diagnostic> {
    let builtins = load_catalog(&[]);
    checked
        .problems()
        .iter()
        .filter_map(|p| {
            let builtin = builtins.get(&p.id)?;
            let bytes = std::fs::read(&p.file).ok()?;
            let is_copy = BUILTIN
                .iter()
                .any(|(_, text)| text.as_bytes() == bytes.as_slice());
            (!is_copy).then(|| {
                let message = format!(
                    "id {:?} is taken by the built-in problem {}; choose another id",
                    p.id, builtin.file
                );
                at_id(&p.file, &bytes, message)
            })
        })
        .collect()
}

fn skipped(catalog: &Catalog) {
    for d in &catalog.warnings {
        warn(format_args!("warning: {d} (file skipped)"));
    }
}

fn summary_json(p: &Problem) -> serde_json::Value {
    serde_json::json!({
        "id": p.id,
        "title": p.title,
        "difficulty": p.difficulty,
        "tags": p.tags,
        "minutes": p.total_budget().as_secs() / 60,
        "origin": p.origin,
        "file": p.file,
    })
}

fn show_text(p: &Problem) -> String {
    let mut s = format!("{} ({}, {})\n", p.title, p.id, p.difficulty);
    if !p.tags.is_empty() {
        s += &format!("tags: {}\n", p.tags.join(", "));
    }
    s += &format!(
        "\n{}\n\nSteps ({} in all):\n",
        p.statement,
        clock_text(p.total_budget())
    );
    for (i, step) in Step::ALL.iter().enumerate() {
        let spec = p.step(*step);
        s += &format!(
            "  {}. {:<26} {}\n",
            i + 1,
            step.title(),
            clock_text(spec.budget)
        );
        if let Some(g) = &spec.guidance {
            for line in g.lines() {
                s += &format!("       {line}\n");
            }
        }
    }
    s
}
