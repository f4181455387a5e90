//! The two command lines nearly every start of the app is, `sdcoach` and `sdcoach
//! practice ID`, read without clap. Building clap's definition of every command costs
//! about 0.3 ms before the first frame, most of it the first touch of its code and memory
//! (BENCHMARKS.md, start-up), where these lines need a look at five environment
//! variables. Anything else, or a value clap would refuse, is left to clap; tests check
//! that both read every line taken here the same, in several environments.

use std::ffi::OsString;
use std::path::PathBuf;

use super::args::{Cli, Command, Dirs, ReviewerArg};

/// The environment variables these lines read, as clap's definition names them (a test
/// checks the two agree).
pub(super) const ENV: [&str; 5] = [
    "SDCOACH_DATA_DIR",
    "SDCOACH_PROBLEMS_DIR",
    "SDCOACH_DECKS_DIR",
    "SDCOACH_CONFIG",
    "SDCOACH_REVIEWER",
];

/// `argv` (program name first) as clap reads it, when it is `sdcoach` or `sdcoach
/// practice ID` and every variable of [`ENV`] that is set holds a value clap takes as it
/// is; else `None`. `env` looks a variable up.
pub(super) fn read(argv: &[OsString], env: impl Fn(&str) -> Option<OsString>) -> Option<Cli> {
    let practice = match argv {
        [_] => None,
        [_, command, id] if command == "practice" => Some(problem_id(id)?),
        _ => return None,
    };
    // clap refuses an empty path and a command line that is not UTF-8: let it say so.
    let path = |name: &str| match env(name) {
        None => Some(None),
        Some(v) if v.is_empty() => None,
        Some(v) => Some(Some(PathBuf::from(v))),
    };
    let [data_dir, problems_dir, decks_dir, config, reviewer] = ENV;
    let dirs = Dirs {
        data_dir: path(data_dir)?,
        problems_dir: path(problems_dir)?,
        decks_dir: path(decks_dir)?,
        config: path(config)?,
    };
    let command = match env(reviewer) {
        None => None,
        Some(v) => Some(v.into_string().ok().filter(|c| !c.is_empty())?),
    };
    let reviewer = ReviewerArg { command };
    Some(Cli {
        dirs,
        reviewer: reviewer.clone(),
        command: practice.map(|id| Command::Practice {
            problem_id: Some(id),
            resume: None,
            reviewer,
        }),
    })
}

/// A problem id clap could read no other way: letters and digits, with `-`, `_` or `.`
/// after the first.
fn problem_id(word: &OsString) -> Option<String> {
    let word = word.to_str()?;
    let mut chars = word.chars();
    let first = chars.next()?;
    (first.is_ascii_alphanumeric()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.')))
    .then(|| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Lines read here, and lines that look close to them but are clap's.
    const LINES: &[&[&str]] = &[
        &["sdcoach"],
        &["sdcoach", "practice", "url-shortener"],
        &["sdcoach", "practice", "my_problem.v2"],
        &["sdcoach", "practice", "9"],
        &["sdcoach", "practice"],
        &["sdcoach", "practice", "--resume"],
        &["sdcoach", "practice", "-h"],
        &["sdcoach", "practice", "url-shortener", "--resume"],
        &["sdcoach", "practice", "-url"],
        &["sdcoach", "practice", "help"],
        &["sdcoach", "review"],
        &["sdcoach", "--data-dir", "x"],
        &["sdcoach", "practice", "Ω"],
        &["sdcoach", "practice", ""],
    ];

    fn argv(line: &[&str]) -> Vec<OsString> {
        line.iter().map(OsString::from).collect()
    }

    /// Every line read here reads as clap reads it, in this process's environment.
    /// `every_line_reads_as_clap_reads_it_in_any_environment` runs this in others.
    #[test]
    fn every_line_taken_reads_as_clap_reads_it_here() {
        for line in LINES {
            let argv = argv(line);
            if let Some(quick) = read(&argv, |n| std::env::var_os(n)) {
                let clap = Cli::parse_args(argv).map_err(|e| e.to_string());
                assert_eq!(
                    Ok(format!("{quick:?}")),
                    clap.map(|c| format!("{c:?}")),
                    "{line:?}"
                );
            }
        }
    }

    /// The test above in child processes with the variables unset, set, and set to
    /// values clap refuses or that need its reading.
    #[cfg(unix)]
    #[test]
    fn every_line_reads_as_clap_reads_it_in_any_environment() {
        use std::os::unix::ffi::OsStringExt;
        let bad_utf8 = OsString::from_vec(vec![b'r', 0xff]);
        let set: Vec<(&str, OsString)> = ENV
            .iter()
            .map(|n| (*n, OsString::from(format!("/tmp/{n} value"))))
            .collect();
        let mut cases: Vec<Vec<(&str, OsString)>> = vec![vec![], set];
        for n in ENV {
            cases.push(vec![(n, OsString::new())]);
            cases.push(vec![(n, bad_utf8.clone())]);
        }
        cases.push(vec![("SDCOACH_REVIEWER", OsString::from("cat -"))]);
        let me = std::env::current_exe().unwrap_or_else(|e| panic!("{e}"));
        for case in cases {
            let mut child = std::process::Command::new(&me);
            child.args([
                "--exact",
                "cli::common_lines::tests::every_line_taken_reads_as_clap_reads_it_here",
                "--test-threads=1",
            ]);
            for n in ENV {
                child.env_remove(n);
            }
            for (n, v) in &case {
                child.env(n, v);
            }
            let out = child.output().unwrap_or_else(|e| panic!("{e}"));
            let stdout = String::from_utf8_lossy(&out.stdout);
            assert!(
                out.status.success() && stdout.contains("1 passed"),
                "{case:?}\n{stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }

    #[test]
    fn the_two_lines_are_read_and_others_are_left_to_clap() {
        let none = |_: &str| None;
        let launcher = read(&argv(&["sdcoach"]), none);
        assert!(launcher.is_some_and(|c| c.command.is_none()));
        let practice = read(&argv(&["sdcoach", "practice", "url-shortener"]), none);
        assert!(matches!(
            practice.and_then(|c| c.command),
            Some(Command::Practice { problem_id: Some(id), resume: None, .. }) if id == "url-shortener"
        ));
        for line in [
            &["sdcoach", "practice"][..],
            &["sdcoach", "practice", "--resume"],
            &["sdcoach", "practice", "-h"],
            &["sdcoach", "review"],
            &["sdcoach", "practice", "a", "b"],
        ] {
            assert!(read(&argv(line), none).is_none(), "{line:?}");
        }
        let empty = |n: &str| (n == "SDCOACH_CONFIG").then(OsString::new);
        assert!(read(&argv(&["sdcoach"]), empty).is_none(), "clap's message");
        let reviewer = |n: &str| (n == "SDCOACH_REVIEWER").then(|| OsString::from("cat"));
        let cli = read(&argv(&["sdcoach", "practice", "x"]), reviewer);
        assert!(
            cli.is_some_and(|c| c.reviewer.command.as_deref() == Some("cat")
                && matches!(c.command, Some(Command::Practice { reviewer, .. }) if reviewer.command.as_deref() == Some("cat")))
        );
    }

    /// A variable added to clap's definition of these lines is read here too.
    #[test]
    fn the_variables_read_are_those_clap_s_definition_names() {
        let cmd = Cli::command();
        let mut named: Vec<String> = cmd
            .get_arguments()
            .chain(
                cmd.find_subcommand("practice")
                    .into_iter()
                    .flat_map(|p| p.get_arguments()),
            )
            .filter_map(|a| a.get_env().map(|e| e.to_string_lossy().into_owned()))
            .collect();
        named.sort();
        named.dedup();
        let mut ours: Vec<String> = ENV.iter().map(|n| n.to_string()).collect();
        ours.sort();
        assert_eq!(named, ours);
    }
}
