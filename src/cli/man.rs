//! `sdcoach man`: the manual page, made from the command-line definition so it cannot
//! drift from `--help`. clap_mangen renders the title, synopsis, description and global
//! options; the commands (one subsection each, with its own arguments), keys, exit status,
//! environment and files are built here with roff from the same definitions.

use clap::{Arg, Command, CommandFactory};
use clap_mangen::roff::{Inline, Roff, bold, italic, roman};

use super::args::{Cli, EXIT_STATUS};

/// The whole page, in roff.
pub fn page() -> anyhow::Result<String> {
    let cmd = Cli::command();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut buf = Vec::new();
    man.render_title(&mut buf)?;
    man.render_name_section(&mut buf)?;
    man.render_synopsis_section(&mut buf)?;
    man.render_description_section(&mut buf)?;
    man.render_options_section(&mut buf)?;

    let mut roff = Roff::new();
    roff.control("SH", ["COMMANDS"]);
    commands(&mut roff, &cmd, "sdcoach");

    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "The keys most used in a session, as built in; in brackets, the key while typing \
         in the notes. F1 in the app shows every key of the screen you are on, and \
         sdcoach config keys lists them all with your config applied.",
    )]);
    for (keys, what) in crate::config::key_rows() {
        roff.control("TP", []);
        roff.text([bold(keys)]);
        roff.text([roman(what)]);
    }

    roff.control("SH", ["EXIT STATUS"]);
    for (status, when) in EXIT_STATUS {
        roff.control("TP", []);
        roff.text([bold(*status)]);
        roff.text([roman(*when)]);
    }

    roff.control("SH", ["ENVIRONMENT"]);
    for arg in cmd.get_arguments() {
        if let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) {
            roff.control("TP", []);
            roff.text([bold(env.to_string_lossy().into_owned())]);
            roff.text([roman(format!("As --{long}."))]);
        }
    }
    for (name, what) in [
        (
            "SDCOACH_ASCII",
            "Set to anything but empty: draw diagrams with plain ASCII (as does a locale \
             that is not UTF-8).",
        ),
        (
            "NO_COLOR",
            "Set to anything but empty: no colours, whatever the theme.",
        ),
        (
            "VISUAL, EDITOR",
            "The editor a step's notes open in (o), when the config names none; else vi.",
        ),
        (
            "COLORFGBG",
            "Set by some terminals: a light background makes the auto theme light. Where it is unset, the auto theme asks the terminal itself (OSC 11).",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(what)]);
    }

    roff.control("SH", ["FILES"]);
    for (path, what) in [
        (
            "~/.config/sdcoach/config.toml",
            "Settings: keys, theme and defaults (sdcoach config default prints a commented \
             one). On other systems, the platform's config folder.",
        ),
        (
            "~/.config/sdcoach/problems/*.toml",
            "Your problems, added to the built-in ones.",
        ),
        (
            "~/.config/sdcoach/decks/*.toml",
            "Your concept-card decks, added to the built-in ones.",
        ),
        (
            "~/.local/share/sdcoach/",
            "Saved sessions, drills and the card schedule (--data-dir).",
        ),
    ] {
        roff.control("TP", []);
        roff.text([italic(path)]);
        roff.text([roman(what)]);
    }
    roff.to_writer(&mut buf)?;
    man.render_version_section(&mut buf)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

/// A subsection for each command that runs something (`sdcoach problems check`, not
/// `sdcoach problems`): how to call it, what it does, and its own arguments.
fn commands(roff: &mut Roff, cmd: &Command, path: &str) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let path = format!("{path} {}", sub.get_name());
        if sub.has_subcommands() {
            commands(roff, sub, &path);
            continue;
        }
        let args: Vec<&Arg> = sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
            .collect();
        let mut usage = path.clone();
        if args.iter().any(|a| !a.is_positional()) {
            usage.push_str(" [OPTIONS]");
        }
        for a in args.iter().filter(|a| a.is_positional()) {
            let name = value_name(a);
            let many = a.get_num_args().is_some_and(|n| n.max_values() > 1);
            let dots = if many { "..." } else { "" };
            if a.is_required_set() {
                usage.push_str(&format!(" {name}{dots}"));
            } else {
                usage.push_str(&format!(" [{name}]{dots}"));
            }
        }
        roff.control("SS", [usage.as_str()]);
        if let Some(about) = sub.get_long_about().or_else(|| sub.get_about()) {
            paragraphs(roff, &about.to_string());
        }
        for a in args {
            roff.control("TP", []);
            roff.text(heading(a));
            if let Some(help) = a.get_long_help().or_else(|| a.get_help()) {
                paragraphs(roff, &help.to_string());
            }
            let values: Vec<String> = a
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            // A flag's true and false say nothing.
            if !values.is_empty() && a.get_action().takes_values() {
                roff.text([roman(format!("[possible values: {}]", values.join(", ")))]);
            }
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() {
                roff.text([roman(format!("[default: {}]", defaults.join(", ")))]);
            }
        }
    }
}

/// `--format <FORMAT>`, `-h, --help`, or a positional's `FILE`.
fn heading(a: &Arg) -> Vec<Inline> {
    if a.is_positional() {
        return vec![italic(value_name(a))];
    }
    let mut line = Vec::new();
    if let Some(short) = a.get_short() {
        line.push(bold(format!("-{short}")));
        line.push(roman(", "));
    }
    if let Some(long) = a.get_long() {
        line.push(bold(format!("--{long}")));
    }
    if a.get_action().takes_values() {
        line.push(roman(" "));
        line.push(italic(format!("<{}>", value_name(a))));
    }
    line
}

fn value_name(a: &Arg) -> String {
    a.get_value_names()
        .and_then(|names| names.first())
        .map(|n| n.to_string())
        .unwrap_or_else(|| a.get_id().as_str().to_uppercase())
}

/// Help text as roff: a blank line starts a paragraph; an indented line (an example)
/// keeps its line.
fn paragraphs(roff: &mut Roff, text: &str) {
    for line in text.lines() {
        if line.trim().is_empty() {
            roff.control("PP", []);
        } else if line.starts_with(' ') {
            roff.control("br", []);
            roff.text([roman(line.trim_start())]);
        } else {
            roff.text([roman(line)]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_text() -> String {
        page().unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn the_page_has_every_command_with_its_own_options() {
        let page = page_text();
        assert!(
            page.starts_with(".ie") || page.contains("\n.TH sdcoach 1"),
            "{page}"
        );
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "COMMANDS",
            "KEYS",
            "\"EXIT STATUS\"",
            "ENVIRONMENT",
            "FILES",
        ] {
            assert!(
                page.contains(&format!("\n.SH {section}\n")),
                "{section}\n{page}"
            );
        }
        // Every command that runs something has a subsection.
        for usage in [
            ".SS \"sdcoach practice [OPTIONS] [PROBLEM_ID]\"",
            ".SS \"sdcoach problems check [FILE]...\"",
            ".SS \"sdcoach decks check [FILE]...\"",
            ".SS \"sdcoach config check [FILE]\"",
            ".SS \"sdcoach sessions export [OPTIONS] SESSION_ID\"",
            ".SS \"sdcoach completions SHELL\"",
            ".SS \"sdcoach man\"",
        ] {
            assert!(page.contains(usage), "{usage}\n{page}");
        }
        // Options, global and a command's own, with their values (roff escapes `-`).
        for option in [
            "\\fB\\-\\-data\\-dir\\fR",
            "\\fB\\-\\-config\\fR",
            "\\fB\\-\\-format\\fR \\fI<FORMAT>\\fR",
            "[possible values: md, json, toml]",
            "\\fB\\-\\-resume\\fR",
        ] {
            assert!(page.contains(option), "{option}\n{page}");
        }
        assert!(page.contains("\\fBSDCOACH_PROBLEMS_DIR\\fR"), "{page}");
        assert!(page.contains("\n\\fBq (Ctrl\\-C)\\fR\n"), "{page}");
        // Global options are listed once, not under every command; flags have no values.
        let commands = page
            .split("\n.SH COMMANDS\n")
            .nth(1)
            .and_then(|rest| rest.split("\n.SH KEYS\n").next())
            .unwrap_or_default();
        assert!(!commands.contains("\\-\\-data\\-dir"), "{commands}");
        assert!(!commands.contains("possible values: true"), "{commands}");
    }
}
