//! `sdcoach sessions list|export|delete` (and `prompt|review-with`, in `second_opinion`)

use std::process::ExitCode;

use super::Locations;
use super::args::{ExportFormat, SessionsCommand};
use crate::domain::export::{diagrams, local_time, markdown};
use crate::domain::sanitize::sanitize;
use crate::domain::timer::clock_text;
use crate::output;
use crate::store::Listed;

pub fn run(command: SessionsCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    match &command {
        SessionsCommand::Prompt { session_id } => {
            return super::second_opinion::print_prompt(session_id, loc);
        }
        SessionsCommand::ReviewWith {
            session_id,
            reviewer,
        } => {
            return super::second_opinion::review_with(
                session_id,
                reviewer.command.as_deref(),
                loc,
            );
        }
        _ => {}
    }
    let store = &loc.store;
    let tz = crate::store::local_time_zone();
    let mut out = output::stdout_buffered();
    match command {
        SessionsCommand::List { json } => {
            let list = store.list()?;
            if json {
                let items: Vec<serde_json::Value> = list.iter().map(list_json).collect();
                out.json(&items)?;
            } else if list.is_empty() {
                writeln!(
                    out,
                    "No sessions yet in {}. Start one with `sdcoach practice`.",
                    store.sessions_dir().display()
                )?;
            } else {
                for item in &list {
                    match item {
                        Listed::Ok(h) => writeln!(
                            out,
                            "{:<40} {}  {:>8}  {:<11}  {}",
                            sanitize(&h.id, true),
                            local_time(h.started_at, &tz),
                            clock_text(std::time::Duration::from_millis(h.elapsed_ms)),
                            match h.score {
                                Some(s) => format!("{s}/100"),
                                None => h.status.label().to_string(),
                            },
                            match h.step_drill {
                                Some(step) => format!(
                                    "{} (step drill: {})",
                                    sanitize(&h.title, true),
                                    step.title()
                                ),
                                None => sanitize(&h.title, true),
                            }
                        )?,
                        Listed::Unreadable { id, error } => writeln!(
                            out,
                            "{:<40} unreadable: {}",
                            sanitize(id, true),
                            sanitize(error, true)
                        )?,
                    }
                }
            }
        }
        SessionsCommand::Export { session_id, format } => {
            let id = store.resolve(&session_id, false)?;
            let t = store.load(&id)?;
            match format {
                ExportFormat::Md => write!(out, "{}", markdown(&t, &tz))?,
                // The transcript as saved, plus its diagrams parsed into graphs.
                ExportFormat::Json => {
                    let mut value = serde_json::to_value(&t)?;
                    if let Some(map) = value.as_object_mut() {
                        map.insert("diagrams".into(), serde_json::to_value(diagrams(&t))?);
                    }
                    out.json(&value)?
                }
                ExportFormat::Toml => {
                    let mut value = toml::Value::try_from(&t)?;
                    if let Some(table) = value.as_table_mut() {
                        table.insert("diagrams".into(), toml::Value::try_from(diagrams(&t))?);
                    }
                    out.toml(&value)?
                }
            }
        }
        SessionsCommand::Delete { session_id } => {
            let id = store.resolve(&session_id, false)?;
            store.delete(&id)?;
            writeln!(out, "deleted {}", sanitize(&id, true))?;
        }
        SessionsCommand::Prompt { .. } | SessionsCommand::ReviewWith { .. } => {}
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn list_json(item: &Listed) -> serde_json::Value {
    match item {
        Listed::Ok(h) => serde_json::json!({
            "id": h.id,
            "problem_id": h.problem_id,
            "title": h.title,
            "status": h.status,
            "started_at": h.started_at,
            "updated_at": h.updated_at,
            "ended_at": h.ended_at,
            "current_step": h.current_step,
            "elapsed_secs": h.elapsed_ms / 1000,
            "step_drill": h.step_drill,
            "score": h.score,
        }),
        Listed::Unreadable { id, error } => serde_json::json!({
            "id": id,
            "status": "unreadable",
            "error": error,
        }),
    }
}
