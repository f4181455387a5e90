//! `sdcoach calc`: one expression, a script on stdin, or an interactive prompt.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use super::Locations;
use super::args::CalcArgs;
use crate::calc::{CalcError, Calculator, Outcome};
use crate::domain::sanitize::{escape_json, sanitize};
use crate::output::{self, say, warn};

/// Exit status for a bad expression, so scripts can tell it from other failures.
const BAD_EXPRESSION: u8 = 2;

#[derive(Clone, Copy)]
struct Style {
    exact: bool,
    json: bool,
    estimate: bool,
}

pub fn run(args: CalcArgs, loc: &Locations) -> anyhow::Result<ExitCode> {
    let style = Style {
        exact: args.exact,
        json: args.json,
        estimate: args.estimate,
    };
    let mut calc = Calculator::new();
    if !args.expr.is_empty() {
        let input = args.expr.join(" ");
        return Ok(match statement(&mut calc, &input, style) {
            Ok(line) => {
                say(format_args!("{line}"));
                ExitCode::SUCCESS
            }
            Err(e) => {
                warn(format_args!("{}", pointed(&input, &e)));
                ExitCode::from(BAD_EXPRESSION)
            }
        });
    }
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return interactive(&mut calc, style, loc);
    }
    let mut failed = false;
    let mut out = output::stdout();
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line?;
        let text = line.trim();
        if text.is_empty() || text.starts_with('#') {
            continue;
        }
        match statement(&mut calc, text, style) {
            Ok(result) => writeln!(out, "{result}")?,
            Err(e) => {
                failed = true;
                warn(format_args!("line {}: {e}", n + 1));
            }
        }
    }
    Ok(if failed {
        ExitCode::from(BAD_EXPRESSION)
    } else {
        ExitCode::SUCCESS
    })
}

/// Evaluate one statement and format its result line.
fn statement(calc: &mut Calculator, input: &str, style: Style) -> Result<String, CalcError> {
    let estimate = style.estimate.then(|| calc.estimate(input)).transpose()?;
    let outcome = calc.eval(input)?;
    if style.json {
        return Ok(escape_json(&json(&outcome, estimate.as_ref()).to_string()));
    }
    let shown = if style.exact {
        outcome.exact()
    } else if let Some(e) = &estimate {
        e.summary()
    } else {
        outcome.display.clone()
    };
    Ok(match &outcome.assigned {
        Some(name) => format!("{name} = {shown}"),
        None => shown,
    })
}

fn json(outcome: &Outcome, estimate: Option<&crate::calc::Estimate>) -> serde_json::Value {
    let (value, unit) = outcome.value_in_unit();
    let mut v = serde_json::json!({
        "value": value,
        "unit": unit,
        "display": outcome.display,
        "exact": outcome.exact(),
    });
    if let Some(name) = &outcome.assigned {
        v["variable"] = name.clone().into();
    }
    if let Some(s) = estimate.and_then(|e| e.shortcut.as_ref().map(|s| (s, e.off_percent()))) {
        let (shortcut, off) = s;
        v["shortcut"] = shortcut.display.clone().into();
        v["shortcut_off_percent"] = off.into();
    }
    v
}

/// The message with the expression underneath (sanitised: a script is a file) and a
/// caret at the column; just the message for an expression too long to be one, which is
/// not echoed back.
fn pointed(input: &str, e: &CalcError) -> String {
    use unicode_width::UnicodeWidthStr;
    if crate::calc::too_long(input) {
        return format!("error: {e}");
    }
    let col = e.column.max(1);
    let before: String = input.chars().take(col - 1).collect();
    let pad = " ".repeat(sanitize(&before, true).width());
    format!("error: {e}\n  {}\n  {pad}^", sanitize(input, true))
}

/// A prompt with line editing and history kept in the data dir.
fn interactive(calc: &mut Calculator, style: Style, loc: &Locations) -> anyhow::Result<ExitCode> {
    use rustyline::error::ReadlineError;
    let mut editor = rustyline::DefaultEditor::new()?;
    let history = loc.store.data_dir().join("calc-history.txt");
    let _ = editor.load_history(&history);
    say(format_args!(
        "sdcoach calc: one statement a line (dau = 500M, dau * 2 / day, ans to MB/s)."
    ));
    say(format_args!(
        "Type `vars` for variables, `clear` to forget them, Ctrl-D to leave. `sdcoach calc --help` has the syntax."
    ));
    loop {
        match editor.readline("calc> ") {
            Ok(line) => {
                let text = line.trim();
                if text.is_empty() {
                    continue;
                }
                let _ = editor.add_history_entry(text);
                match text {
                    "quit" | "exit" => break,
                    "clear" => {
                        calc.clear();
                        say(format_args!("variables cleared"));
                    }
                    "vars" => {
                        for (name, q) in calc.variables() {
                            say(format_args!("{name} = {}", q.display()));
                        }
                    }
                    _ => match statement(calc, text, style) {
                        Ok(result) => say(format_args!("{result}")),
                        Err(e) => say(format_args!("{}", pointed(text, &e))),
                    },
                }
            }
            Err(ReadlineError::Interrupted) => continue,
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e.into()),
        }
    }
    if crate::store::create_private_dir(loc.store.data_dir()).is_ok() {
        let _ = editor.save_history(&history);
    }
    Ok(ExitCode::SUCCESS)
}
