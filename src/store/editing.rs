//! A step's notes handed to the user's editor live in `DATA/editing/ID.STEP.md` until they
//! are back in the session file. A session read while such a file is newer than it gets
//! the file's words (the app or the machine stopped while the editor was open); a save
//! whose notes match the file removes it.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::Context;

use super::Store;
use super::atomic::{create_private_dir, write_atomic};
use crate::domain::framework::Step;
use crate::domain::transcript::Transcript;

/// An editor's text as notes: editors end a file with a newline the notes did not have.
pub fn as_notes(text: &str) -> &str {
    text.strip_suffix('\n').unwrap_or(text)
}

/// More than a step's notes may hold; a bigger file is read no further.
const MAX_BYTES: u64 = 8 * 1024 * 1024;

impl Store {
    fn editing_dir(&self) -> PathBuf {
        self.data_dir.join("editing")
    }

    /// Where step `step` of session `id` is while an editor has it.
    pub fn editing_path(&self, id: &str, step: Step) -> PathBuf {
        self.editing_dir().join(format!("{id}.{}.md", step.key()))
    }

    /// Write the notes for the editor: readable by the user only, on disk before the
    /// editor starts.
    pub fn write_editing(&self, path: &Path, text: &str) -> anyhow::Result<()> {
        let dir = self.editing_dir();
        create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        write_atomic(path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    /// What the editor left in the file.
    pub fn read_editing(&self, path: &Path) -> anyhow::Result<String> {
        let file =
            fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
        let mut bytes = Vec::new();
        file.take(MAX_BYTES + 1)
            .read_to_end(&mut bytes)
            .with_context(|| format!("cannot read {}", path.display()))?;
        if bytes.len() as u64 > MAX_BYTES {
            anyhow::bail!(
                "{} is over 8 MB: left where it is, not read",
                path.display()
            );
        }
        String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text: left where it is", path.display()))
    }

    /// Put back into `t` the words of any editor file newer than the session file
    /// (`saved_at`), and say which steps they were.
    pub(super) fn bring_back_editing(
        &self,
        t: &mut Transcript,
        saved_at: Option<std::time::SystemTime>,
    ) {
        for step in Step::ALL {
            let path = self.editing_path(&t.header.id, step);
            let Ok(meta) = fs::metadata(&path) else {
                continue;
            };
            let newer = match (meta.modified().ok(), saved_at) {
                (Some(edited), Some(saved)) => edited >= saved,
                _ => true,
            };
            if !newer {
                continue;
            }
            let Ok(text) = self.read_editing(&path) else {
                continue;
            };
            if let Some(r) = t.step_mut(step)
                && r.notes != as_notes(&text)
            {
                r.notes = as_notes(&text).to_string();
                t.recovered.push(step);
            }
        }
    }

    /// Remove the editor files of `t` whose words are now in its session file.
    pub(super) fn forget_editing(&self, t: &Transcript) {
        for r in &t.steps {
            let path = self.editing_path(&t.header.id, r.step);
            if path.exists()
                && self
                    .read_editing(&path)
                    .is_ok_and(|text| as_notes(&text) == r.notes)
            {
                let _ = fs::remove_file(&path);
            }
        }
    }
}
