//! `sdcoach problems list|show|check`

use std::collections::BTreeMap;
use std::process::ExitCode;

use anyhow::bail;

use super::Locations;
use super::args::ProblemsCommand;
use crate::domain::coaching::verify_estimates;
use crate::domain::framework::Step;
use crate::domain::problem::{Catalog, Problem, at_id, read_problem};
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::output::{self, warn};
use crate::store::problems::{
    BUILTIN, Source, file_source, load_catalog, load_catalog_cached, sources,
};

pub fn run(command: ProblemsCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    let code = match command {
        ProblemsCommand::List { json } => {
            let catalog = load_catalog_cached(&loc.problem_dirs, &loc.store.builtin_cache());
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
            let catalog = load_catalog_cached(&loc.problem_dirs, &loc.store.builtin_cache());
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
            let sources = if files.is_empty() {
                sources(&loc.problem_dirs)
            } else {
                files.iter().map(|f| file_source(f)).collect()
            };
            check(&sources, !files.is_empty(), &mut out)?
        }
    };
    out.flush()?;
    Ok(code)
}

/// `problems check`: every error of every file, as `FILE:LINE:COL: message` on stderr in
/// file order, and `ok FILE (id)` on stdout for each file without one. An id is claimed
/// by the first file that loads cleanly, as loading does. `named` files are the user's
/// own list: one may be a copy of a built-in (that is how CI checks `problems/`), but may
/// not take a built-in's id otherwise.
fn check(
    sources: &[Source],
    named: bool,
    out: &mut output::Out<impl std::io::Write>,
) -> anyhow::Result<ExitCode> {
    let builtins = if named {
        load_catalog(&[])
    } else {
        Catalog::default()
    };
    let mut claimed: BTreeMap<String, String> = BTreeMap::new();
    let mut total = 0;
    for source in sources {
        let bytes = match &source.bytes {
            Ok(bytes) => bytes,
            Err(why) => {
                warn(format_args!("{why}"));
                total += 1;
                continue;
            }
        };
        let (problem, mut errors) = read_problem(&source.file, bytes, source.origin.clone());
        if let Some(p) = &problem {
            if errors.is_empty() {
                if let Some(first) = claimed.get(&p.id) {
                    let message = format!("duplicate id {:?}: already defined in {first}", p.id);
                    errors.push(at_id(&p.file, bytes, message));
                } else {
                    claimed.insert(p.id.clone(), p.file.clone());
                }
            }
            if let Some(builtin) = builtins.get(&p.id)
                && !BUILTIN
                    .iter()
                    .any(|(_, text)| text.as_bytes() == &bytes[..])
            {
                let message = format!(
                    "id {:?} is taken by the built-in problem {}; choose another id",
                    p.id, builtin.file
                );
                errors.push(at_id(&p.file, bytes, message));
            }
            let text = std::str::from_utf8(bytes).unwrap_or_default();
            errors.extend(verify_estimates(&p.file, text, &p.estimates));
            errors.extend(crate::domain::structure::verify(p));
        }
        errors.sort_by_key(|d| (d.line, d.col));
        for e in &errors {
            warn(format_args!("{e}"));
        }
        total += errors.len();
        if let (Some(p), true) = (&problem, errors.is_empty()) {
            writeln!(out, "ok {} ({})", sanitize(&p.file, true), p.id)?;
        }
    }
    Ok(super::check_outcome(total, sources.len()))
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
