//! `sdcoach config path|default|check|keys`

use std::process::ExitCode;

use super::Locations;
use super::args::ConfigCommand;
use crate::config::{DEFAULT, Settings};
use crate::output::{self, warn};
use crate::store::config::read_config;

pub fn run(command: ConfigCommand, loc: &Locations) -> anyhow::Result<ExitCode> {
    let mut out = output::stdout();
    let code = match command {
        ConfigCommand::Path => {
            let Some((path, _)) = &loc.config else {
                anyhow::bail!("no config folder on this system; pass --config FILE");
            };
            let state = if path.exists() {
                "exists"
            } else {
                "not there: the defaults are in use"
            };
            writeln!(out, "{} ({state})", path.display())?;
            ExitCode::SUCCESS
        }
        ConfigCommand::Default => {
            write!(out, "{DEFAULT}")?;
            ExitCode::SUCCESS
        }
        ConfigCommand::Check { file } => {
            let (path, named) = match (file, &loc.config) {
                (Some(f), _) => (f, true),
                (None, Some((p, named))) => (p.clone(), *named),
                (None, None) => anyhow::bail!("no config folder on this system; name a FILE"),
            };
            match read_config(&path, named) {
                Ok(None) => {
                    writeln!(
                        out,
                        "no config file at {} (the defaults are in use)",
                        path.display()
                    )?;
                    ExitCode::SUCCESS
                }
                Err(why) => {
                    warn(format_args!("{why}"));
                    ExitCode::FAILURE
                }
                Ok(Some(text)) => {
                    let name = path.display().to_string();
                    let settings = Settings::from_text(&name, &text);
                    for d in &settings.problems {
                        warn(format_args!("{d}"));
                    }
                    if settings.problems.is_empty() {
                        writeln!(out, "ok {name}")?;
                        ExitCode::SUCCESS
                    } else {
                        warn(format_args!(
                            "{} error(s) in {name}: those settings are ignored, the rest apply",
                            settings.problems.len()
                        ));
                        ExitCode::FAILURE
                    }
                }
            }
        }
        ConfigCommand::Keys => {
            let settings = loc
                .config
                .as_ref()
                .map_or_else(Settings::default, |(p, named)| {
                    Settings::load(
                        read_config(p, *named).map(|t| t.map(|t| (p.display().to_string(), t))),
                    )
                });
            for d in &settings.problems {
                warn(format_args!("warning: {d} (ignored)"));
            }
            write!(out, "{}", settings.keymap.config_table())?;
            ExitCode::SUCCESS
        }
    };
    Ok(code)
}
