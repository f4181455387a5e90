//! `sdcoach diagram`: draw a Mermaid flowchart, or the short form, from a file or stdin.

use std::io::Read;
use std::process::ExitCode;

use crate::cli::args::DiagramArgs;
use crate::diagram::{Charset, diagrams_in, draw, to_mermaid};
use crate::output;

/// The most text read: far more than any diagram, little enough to refuse a wrong file
/// (a video, a log) quickly.
const MAX_INPUT: u64 = 4 * 1024 * 1024;

pub fn run(args: DiagramArgs) -> anyhow::Result<ExitCode> {
    let from_stdin = args.file.as_os_str() == "-";
    let name = if from_stdin {
        "<stdin>".to_string()
    } else {
        args.file.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if from_stdin {
        std::io::stdin().take(MAX_INPUT + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(&args.file).and_then(|f| f.take(MAX_INPUT + 1).read_to_end(&mut bytes))
    };
    if let Err(e) = read {
        output::warn(format_args!("{name}: {e}"));
        return Ok(ExitCode::from(2));
    }
    if bytes.len() as u64 > MAX_INPUT {
        output::warn(format_args!(
            "{name}: larger than {} MB; a diagram is a few KB",
            MAX_INPUT / (1024 * 1024)
        ));
        return Ok(ExitCode::from(2));
    }
    let Ok(text) = String::from_utf8(bytes) else {
        output::warn(format_args!("{name}: not UTF-8 text"));
        return Ok(ExitCode::from(2));
    };
    let found = diagrams_in(&text);
    if found.is_empty() {
        output::warn(format_args!(
            "{name}: no diagram found: write a Mermaid flowchart (`flowchart LR` then `a --> b`), \
             a ```mermaid block, or short-form lines such as `client -> lb -> api`"
        ));
        return Ok(ExitCode::from(2));
    }
    let charset = if args.ascii {
        Charset::Ascii
    } else {
        Charset::Unicode
    };
    let mut out = output::stdout();
    let mut failed = false;
    for (i, diagram) in found.iter().enumerate() {
        match &diagram.graph {
            Ok(graph) => {
                if i > 0 {
                    writeln!(out)?;
                }
                if args.mermaid {
                    write!(out, "{}", to_mermaid(graph))?;
                    continue;
                }
                let drawing = draw(graph, charset, args.width);
                for line in &drawing.lines {
                    writeln!(out, "{}", line.trim_end())?;
                }
                if let Some(note) = &drawing.note {
                    output::warn(format_args!("{name}: {note}"));
                }
            }
            Err(e) => {
                failed = true;
                output::warn(format_args!("{name}:{}:{}: {}", e.line, e.col, e.message));
            }
        }
    }
    Ok(if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    })
}
