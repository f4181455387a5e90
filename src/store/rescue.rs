//! Where a session's words go when its own file cannot be written: every place that might
//! still take a file, tried in turn, each outcome kept so the user is told exactly what
//! happened once the terminal is back.

use std::path::{Path, PathBuf};

use crate::domain::transcript::Transcript;

/// Folders to try, in order: the data dir (a subfolder, so a full or broken sessions
/// folder alone is not the end), the config dir, home, the temp folder. Repeats dropped.
pub fn places(data_dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![data_dir.join("rescue")];
    if let Some(dirs) = directories::ProjectDirs::from("", "", "sdcoach") {
        out.push(dirs.config_dir().join("rescue"));
    }
    if let Some(home) = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf()) {
        out.push(home);
    }
    out.push(std::env::temp_dir());
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    out
}

/// One attempt at writing a rescue copy.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    pub path: PathBuf,
    pub result: Result<(), String>,
}

/// Write `t` to the first of `places` that takes it. Returns every attempt; the last is
/// the success, if there was one.
pub fn write(t: &Transcript, places: &[PathBuf]) -> Vec<Attempt> {
    let text = match t.to_toml() {
        Ok(text) => text,
        Err(e) => {
            return vec![Attempt {
                path: PathBuf::new(),
                result: Err(format!("cannot serialise the session: {e}")),
            }];
        }
    };
    let mut attempts = Vec::new();
    for dir in places {
        let path = dir.join(format!("sdcoach-rescue-{}.toml", t.header.id));
        let result = super::create_private_dir(dir)
            .and_then(|()| super::write_atomic(&path, text.as_bytes()))
            .map_err(|e| e.to_string());
        let ok = result.is_ok();
        attempts.push(Attempt { path, result });
        if ok {
            break;
        }
    }
    attempts
}

/// The notes themselves, as plain text, for when no file could be written at all: printed
/// after the terminal is restored, they are still in the scrollback.
pub fn notes_as_text(t: &Transcript) -> String {
    let mut out = String::new();
    for step in &t.steps {
        if step.notes.trim().is_empty() {
            continue;
        }
        out.push_str(&format!(
            "## {}\n{}\n\n",
            step.step.title(),
            step.notes.trim_end()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};

    #[test]
    fn tries_each_place_until_one_takes_the_copy() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        // A file where a folder should be: no user, root included, can write under it.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "")?;
        let good = dir.path().join("good");
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .map_err(|e| anyhow::anyhow!("{e:?}"))?;
        let mut t = Transcript::start("s1".into(), &p, jiff::Timestamp::UNIX_EPOCH);
        if let Some(r) = t.steps.first_mut() {
            r.notes = "my words".into();
        }
        let attempts = write(&t, &[blocked.join("a"), blocked.join("b"), good.clone()]);
        assert_eq!(attempts.len(), 3);
        assert!(attempts[0].result.is_err() && attempts[1].result.is_err());
        assert_eq!(attempts[2].result, Ok(()));
        let back = std::fs::read_to_string(good.join("sdcoach-rescue-s1.toml"))?;
        assert!(back.contains("my words"));
        assert!(notes_as_text(&t).contains("my words"));
        Ok(())
    }
}
