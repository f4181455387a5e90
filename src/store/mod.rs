//! Everything that touches the filesystem: problem folders, transcripts, the data dir.
//! The rest of the app hands data in and out of here and never opens a file itself.

mod atomic;
pub mod decks;
pub mod problems;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use atomic::{create_private_dir, write_atomic};

use crate::domain::transcript::{self, Header, Status, Transcript};

/// One entry of the session list: a readable summary, or a file we could not read.
#[derive(Debug, Clone)]
pub enum Listed {
    Ok(Header),
    Unreadable { id: String, error: String },
}

impl Listed {
    pub fn id(&self) -> &str {
        match self {
            Listed::Ok(h) => &h.id,
            Listed::Unreadable { id, .. } => id,
        }
    }
}

/// The sessions folder of one data dir.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
}

/// Summaries sit in the first few hundred bytes; read a little more than that.
const HEADER_READ: usize = 4096;

impl Store {
    pub fn new(data_dir: PathBuf) -> Self {
        Store { data_dir }
    }

    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    pub fn sessions_dir(&self) -> PathBuf {
        self.data_dir.join("sessions")
    }

    pub fn path_of(&self, id: &str) -> PathBuf {
        self.sessions_dir().join(format!("{id}.toml"))
    }

    /// A new, unused id that sorts by start time: `2026-11-28-140502-url-shortener`.
    pub fn new_session_id(&self, problem_id: &str, now: Timestamp) -> String {
        let stamp = now
            .to_zoned_datetime(TimeZone::UTC)
            .strftime("%Y-%m-%d-%H%M%S");
        let base = format!("{stamp}-{problem_id}");
        let mut id = base.clone();
        let mut n = 2;
        while self.path_of(&id).exists() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Save atomically; the folder is created on first use.
    pub fn save(&self, t: &Transcript) -> anyhow::Result<PathBuf> {
        let dir = self.sessions_dir();
        create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let text = t.to_toml().context("cannot serialise the session")?;
        let path = self.path_of(&t.header.id);
        write_atomic(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    pub fn load(&self, id: &str) -> anyhow::Result<Transcript> {
        check_id(id)?;
        let path = self.path_of(id);
        let text =
            fs::read_to_string(&path).with_context(|| format!("cannot read session {id}"))?;
        transcript::parse(&text).with_context(|| format!("{}: unreadable session", path.display()))
    }

    /// Every session, newest first. Ids start with the start time, so a name sort is a time
    /// sort, and only each file's summary is parsed.
    pub fn list(&self) -> anyhow::Result<Vec<Listed>> {
        let dir = self.sessions_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        let mut ids: Vec<String> = entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let id = name.strip_suffix(".toml")?;
                (!id.starts_with('.')).then(|| id.to_string())
            })
            .collect();
        ids.sort_unstable_by(|a, b| b.cmp(a));
        let mut buf = Vec::with_capacity(HEADER_READ);
        Ok(ids
            .into_iter()
            .map(|id| match read_header(&self.path_of(&id), &mut buf) {
                Ok(h) => Listed::Ok(h),
                Err(e) => Listed::Unreadable {
                    id,
                    error: format!("{e:#}"),
                },
            })
            .collect())
    }

    /// Turn `latest` or an id into an existing session id. `unfinished_only` restricts
    /// `latest` to sessions still in progress (for resume).
    pub fn resolve(&self, id: &str, unfinished_only: bool) -> anyhow::Result<String> {
        if id != "latest" {
            check_id(id)?;
            if !self.path_of(id).exists() {
                bail!("no session {id:?} in {}", self.sessions_dir().display());
            }
            return Ok(id.to_string());
        }
        let found = self.list()?.into_iter().find_map(|l| match l {
            Listed::Ok(h) if !unfinished_only || h.status == Status::InProgress => Some(h.id),
            _ => None,
        });
        match found {
            Some(id) => Ok(id),
            None if unfinished_only => bail!("no unfinished session to resume"),
            None => bail!("no saved sessions yet"),
        }
    }

    /// What the stats are worked out from: when each session and drill happened, every
    /// finished session in full (oldest first), and every drill record. Files that do not
    /// read are left out here; review lists them.
    pub fn history(&self) -> crate::domain::stats::History {
        use crate::domain::stats::{Activity, Kind};
        let listed = self.list().unwrap_or_default();
        let headers = || {
            listed.iter().filter_map(|l| match l {
                Listed::Ok(h) => Some(h),
                Listed::Unreadable { .. } => None,
            })
        };
        let activity = headers()
            .map(|h| Activity {
                at: h.started_at,
                kind: match h.step_drill {
                    Some(_) => Kind::StepDrill,
                    None => Kind::Interview,
                },
            })
            .collect();
        let mut points: Vec<_> = headers()
            .filter(|h| h.status == Status::Complete)
            .filter_map(|h| self.load(&h.id).ok())
            .map(|t| crate::domain::progress::SessionPoint::from_transcript(&t))
            .collect();
        points.reverse();
        let drills = self
            .list_drills()
            .into_iter()
            .filter_map(Result::ok)
            .collect();
        crate::domain::stats::History {
            activity,
            points,
            drills,
        }
    }

    /// Every saved drill, newest first; files that do not read are reported, not hidden.
    pub fn list_drills(&self) -> Vec<Result<crate::domain::drill::DrillRecord, (String, String)>> {
        let dir = self.data_dir.join("drills");
        let Ok(files) = problems::toml_files(&dir) else {
            return Vec::new();
        };
        let mut out: Vec<_> = files
            .iter()
            .map(|path| {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                fs::read_to_string(path)
                    .map_err(|e| e.to_string())
                    .and_then(|text| {
                        toml::from_str(&text)
                            .map_err(|e: toml::de::Error| e.message().trim().to_string())
                    })
                    .map_err(|e| (id, e))
            })
            .collect();
        out.reverse();
        out
    }

    /// Write a drill record atomically under `drills/`.
    pub fn save_drill(
        &self,
        record: &crate::domain::drill::DrillRecord,
    ) -> anyhow::Result<PathBuf> {
        let dir = self.data_dir.join("drills");
        create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(format!("{}.toml", record.id));
        write_atomic(&path, toml::to_string(record)?.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }

    pub fn delete(&self, id: &str) -> anyhow::Result<()> {
        check_id(id)?;
        let path = self.path_of(id);
        fs::remove_file(&path).with_context(|| format!("cannot delete {}", path.display()))
    }
}

/// The local time zone for showing dates. `TZ` wins; otherwise `/etc/localtime` is read
/// directly: asking jiff for the system zone scans all of `/usr/share/zoneinfo` to find
/// its name, which costs more than everything else sdcoach does before its first frame.
pub fn local_time_zone() -> TimeZone {
    if let Some(tz) = std::env::var_os("TZ")
        .and_then(|v| v.into_string().ok())
        .filter(|v| !v.is_empty())
    {
        let name = tz.trim_start_matches(':');
        return TimeZone::get(name)
            .or_else(|_| TimeZone::posix(name))
            .unwrap_or(TimeZone::UTC);
    }
    fs::read("/etc/localtime")
        .ok()
        .and_then(|data| TimeZone::tzif("Local", &data).ok())
        .unwrap_or(TimeZone::UTC)
}

/// Ids name files in one folder: refuse anything that could point elsewhere.
fn check_id(id: &str) -> anyhow::Result<()> {
    if id.is_empty() || id.starts_with('.') || id.contains(['/', '\\']) || id.contains('\0') {
        bail!("invalid session id {id:?}");
    }
    Ok(())
}

fn read_header(path: &Path, buf: &mut Vec<u8>) -> anyhow::Result<Header> {
    buf.clear();
    let mut file = fs::File::open(path)?;
    file.by_ref().take(HEADER_READ as u64).read_to_end(buf)?;
    let complete_summary = buf.windows(2).any(|w| w == b"\n[");
    if !complete_summary {
        file.read_to_end(buf)?;
    }
    let text = std::str::from_utf8(buf).or_else(|e| {
        // A cut in the middle of a character at the read limit is fine.
        std::str::from_utf8(&buf[..e.valid_up_to()])
    })?;
    Ok(transcript::parse_header(text)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};

    fn transcript(id: &str) -> Transcript {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        Transcript::start(id.into(), &p, Timestamp::UNIX_EPOCH)
    }

    #[test]
    fn lists_newest_first_marks_corrupt_files_and_never_touches_them() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let mut done = transcript("2026-01-02-000000-kv");
        done.header.status = Status::Complete;
        store.save(&done)?;
        store.save(&transcript("2026-01-01-000000-kv"))?;
        let corrupt = store.path_of("2026-01-03-000000-kv");
        fs::write(&corrupt, "format = 1\nid = [broken")?;
        let list = store.list()?;
        let ids: Vec<&str> = list.iter().map(|l| l.id()).collect();
        assert_eq!(
            ids,
            [
                "2026-01-03-000000-kv",
                "2026-01-02-000000-kv",
                "2026-01-01-000000-kv"
            ]
        );
        assert!(matches!(list[0], Listed::Unreadable { .. }));
        assert_eq!(store.resolve("latest", false)?, "2026-01-02-000000-kv");
        assert_eq!(store.resolve("latest", true)?, "2026-01-01-000000-kv");
        assert!(store.load("2026-01-03-000000-kv").is_err());
        assert_eq!(fs::read_to_string(&corrupt)?, "format = 1\nid = [broken");
        Ok(())
    }

    #[test]
    fn ids_are_unique_and_cannot_escape_the_folder() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let now = Timestamp::UNIX_EPOCH;
        let first = store.new_session_id("kv", now);
        assert_eq!(first, "1970-01-01-000000-kv");
        store.save(&transcript(&first))?;
        assert_eq!(store.new_session_id("kv", now), "1970-01-01-000000-kv-2");
        assert!(store.load("../etc/passwd").is_err());
        assert!(store.resolve("a/b", false).is_err());
        Ok(())
    }
}
