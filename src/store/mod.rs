//! Everything that touches the filesystem: problem folders, transcripts, the data dir.
//! The rest of the app hands data in and out of here and never opens a file itself.

mod atomic;
pub mod config;
pub mod decks;
pub mod editing;
mod history_cache;
mod index;
mod lock;
mod problem_cache;
pub mod problems;
pub mod rescue;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::{Context, bail};
use jiff::Timestamp;
use jiff::tz::TimeZone;

pub use atomic::{create_private_dir, write_atomic};
pub use history_cache::HistoryCache;
use history_cache::Learnt;
pub use index::SessionIndex;
pub use lock::{LockError, SessionLock};
pub use problem_cache::BuiltinCache;

use crate::domain::progress::SessionPoint;
use crate::domain::transcript::{self, Header, ReviewRecord, Status, Transcript};

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

/// A session passed over because it did not read: its id and why.
pub type Skipped = (String, String);

/// The sessions folder of one data dir.
#[derive(Debug, Clone)]
pub struct Store {
    data_dir: PathBuf,
}

/// Summaries sit in the first few hundred bytes; read a little more than that.
const HEADER_READ: usize = 4096;
/// A file whose summary is not within this many bytes is not read further by listings:
/// a 200 MB stray file must not cost every list a second.
const HEADER_LIMIT: u64 = 64 * 1024;

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

    /// Where session locks live; hidden, so listings skip it.
    fn locks_dir(&self) -> PathBuf {
        self.sessions_dir().join(".locks")
    }

    /// The id a session of `name` started at `now` asks for first: it sorts by start time
    /// (`2026-11-28-140502-url-shortener`). Another window may take it first; only
    /// [`Store::reserve_session`] makes one this process's.
    pub fn first_session_id(name: &str, now: Timestamp) -> anyhow::Result<String> {
        let stamp = now
            .to_zoned_datetime(TimeZone::UTC)
            .strftime("%Y-%m-%d-%H%M%S");
        let base = format!("{stamp}-{name}");
        check_id(&base)?;
        Ok(base)
    }

    /// A new id ([`Store::first_session_id`], else the first of `-2`, `-3`, ... that is
    /// free), locked for this process. Ids are taken exclusively, so two sdcoach windows
    /// started in the same second get different ones.
    pub fn reserve_session(
        &self,
        name: &str,
        now: Timestamp,
    ) -> anyhow::Result<(String, SessionLock)> {
        let base = Store::first_session_id(name, now)?;
        let locks = self.locks_dir();
        for n in 1..10_000 {
            let id = match n {
                1 => base.clone(),
                n => format!("{base}-{n}"),
            };
            let reserved = SessionLock::reserve(&locks, &id, &self.path_of(&id))
                .with_context(|| format!("cannot create a session in {}", locks.display()))?;
            if let Some(lock) = reserved {
                return Ok((id, lock));
            }
        }
        bail!("no free session id for {base}")
    }

    /// Lock an existing session for this process, or say who has it.
    pub fn lock(&self, id: &str) -> Result<SessionLock, LockError> {
        SessionLock::acquire(&self.locks_dir(), id)
    }

    /// The process holding session `id` open, if any (`Some(None)`: held, pid unknown).
    pub fn held_by(&self, id: &str) -> Option<Option<u32>> {
        lock::is_held(&self.locks_dir(), id)
    }

    /// Save atomically; the folder is created on first use.
    pub fn save(&self, t: &Transcript) -> anyhow::Result<PathBuf> {
        let dir = self.sessions_dir();
        create_private_dir(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let text = t.to_toml().context("cannot serialise the session")?;
        let path = self.path_of(&t.header.id);
        write_atomic(&path, text.as_bytes())
            .with_context(|| format!("cannot write {}", path.display()))?;
        self.forget_editing(t);
        Ok(path)
    }

    pub fn load(&self, id: &str) -> anyhow::Result<Transcript> {
        let mut t = self.load_as_saved(id)?;
        let saved_at = fs::metadata(self.path_of(id))
            .and_then(|m| m.modified())
            .ok();
        self.bring_back_editing(&mut t, saved_at);
        Ok(t)
    }

    /// Session `id` exactly as its file has it, without notes brought back from an editor.
    fn load_as_saved(&self, id: &str) -> anyhow::Result<Transcript> {
        check_id(id)?;
        let path = self.path_of(id);
        let bytes = fs::read(&path).with_context(|| format!("cannot read session {id}"))?;
        let text = std::str::from_utf8(&bytes).map_err(|e| {
            let (line, col) = crate::domain::diagnostic::line_col(
                &String::from_utf8_lossy(&bytes[..e.valid_up_to()]),
                e.valid_up_to(),
            );
            anyhow::anyhow!(
                "{}:{line}:{col}: unreadable session: not UTF-8 text",
                path.display()
            )
        })?;
        let mut t = transcript::parse(text).map_err(|e| match e.located() {
            Some(at) => anyhow::anyhow!("{}:{at}", path.display()),
            None => anyhow::anyhow!("{}: unreadable session: {e}", path.display()),
        })?;
        // The file name is the session's id: a header that says otherwise (edited, or
        // copied from another session) must not send saves somewhere else.
        t.header.id = id.to_string();
        Ok(t)
    }

    /// Keep a second opinion with finished session `id`. Under the session's lock
    /// (refused while another window holds it), the file as it is now is read and
    /// written back atomically with `review` added; a file that does not read is never
    /// written, and neither is an unfinished session.
    pub fn add_review(&self, id: &str, review: ReviewRecord) -> anyhow::Result<PathBuf> {
        check_id(id)?;
        let _lock = match self.lock(id) {
            Ok(lock) => lock,
            Err(held @ LockError::Held { .. }) => {
                bail!("{held}: the review was not saved; close it there first")
            }
            Err(e) => return Err(e).context("the review was not saved"),
        };
        self.append_review(id, review)
    }

    /// [`Store::add_review`] for a session this process already holds the lock of (the
    /// app, on the scorecard of the interview it has just ended).
    pub fn add_review_holding(
        &self,
        lock: &SessionLock,
        review: ReviewRecord,
    ) -> anyhow::Result<PathBuf> {
        self.append_review(lock.id(), review)
    }

    fn append_review(&self, id: &str, review: ReviewRecord) -> anyhow::Result<PathBuf> {
        let mut t = self.load_as_saved(id).context("the review was not saved")?;
        if t.header.status != Status::Complete {
            bail!("session {id} is not finished: the review was not saved");
        }
        t.reviews.push(review);
        self.save(&t)
    }

    /// Save a finished session that review changed (a point marked by hand), keeping the
    /// second opinions saved since review read it (`sessions review-with` in a shell).
    pub fn save_keeping_reviews(&self, t: &Transcript) -> anyhow::Result<PathBuf> {
        let newer: Vec<ReviewRecord> = self
            .load_as_saved(&t.header.id)
            .map(|on_disk| on_disk.reviews)
            .unwrap_or_default()
            .into_iter()
            .filter(|r| !t.reviews.contains(r))
            .collect();
        if newer.is_empty() {
            return self.save(t);
        }
        let mut t = t.clone();
        t.reviews.extend(newer);
        t.reviews.sort_by_key(|r| r.at);
        self.save(&t)
    }

    /// The newest unfinished session that reads in full, for `practice --resume`, and the
    /// newer unfinished ones that did not read (id, why), so the user can be told.
    pub fn latest_resumable(&self) -> anyhow::Result<(Option<Transcript>, Vec<Skipped>)> {
        let mut skipped = Vec::new();
        for item in self.list()? {
            match item {
                Listed::Ok(h) if h.status == Status::InProgress => match self.load(&h.id) {
                    Ok(t) => return Ok((Some(t), skipped)),
                    Err(e) => skipped.push((h.id, format!("{e:#}"))),
                },
                Listed::Ok(_) => {}
                Listed::Unreadable { id, error } => skipped.push((id, error)),
            }
        }
        Ok((None, skipped))
    }

    /// Every session, newest first. Ids start with the start time, so a name sort is a time
    /// sort, and only each file's summary is parsed.
    pub fn list(&self) -> anyhow::Result<Vec<Listed>> {
        let mut found = self.stamps(false)?;
        found.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        let mut buf = Vec::with_capacity(HEADER_READ);
        Ok(found
            .into_iter()
            .map(|(id, _)| self.read_listed(id, &mut buf))
            .collect())
    }

    /// Look at the sessions folder again, reading only the files that changed since
    /// `index` last saw them (new, rewritten or gone), each only as far as its summary.
    pub fn refresh(&self, index: &mut SessionIndex) -> anyhow::Result<()> {
        let found = self.stamps(true)?;
        let mut buf = Vec::with_capacity(HEADER_READ);
        let read = found
            .iter()
            .filter(|(id, stamp)| !index.unchanged(id, *stamp))
            .map(|(id, stamp)| (*stamp, self.read_listed(id.clone(), &mut buf)))
            .collect();
        index.update(&found, read);
        Ok(())
    }

    /// Session `id`'s summary, or why it does not read.
    fn read_listed(&self, id: String, buf: &mut Vec<u8>) -> Listed {
        match read_header(&self.path_of(&id), buf) {
            Ok(mut h) => {
                h.id = id;
                Listed::Ok(h)
            }
            Err(e) => Listed::Unreadable {
                id,
                error: format!("{e:#}"),
            },
        }
    }

    fn cache_path(&self) -> PathBuf {
        self.data_dir.join("cache").join("history.bin")
    }

    /// The built-in problems as the running binary parsed them.
    pub fn builtin_cache(&self) -> BuiltinCache {
        BuiltinCache::for_running_binary(self.data_dir.join("cache").join("problems.bin"))
    }

    /// Remove temp files that a process killed mid-save left behind (`.NAME.PID.tmp`).
    /// A file is stale once its process is gone, or, where that cannot be told, once it
    /// is an hour old; a save in progress is never touched.
    pub fn sweep_stale_temp_files(&self) {
        for dir in [
            self.sessions_dir(),
            self.data_dir.join("drills"),
            self.data_dir.join("cache"),
        ] {
            let Ok(entries) = fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.filter_map(Result::ok) {
                let name = entry.file_name().to_string_lossy().into_owned();
                let Some(pid) = atomic::temp_file_pid(&name) else {
                    continue;
                };
                let stale = match process_alive(pid) {
                    Some(alive) => !alive,
                    None => entry
                        .metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.elapsed().ok())
                        .is_some_and(|age| age > std::time::Duration::from_secs(3600)),
                };
                if stale && pid != std::process::id() {
                    let _ = fs::remove_file(entry.path());
                }
            }
        }
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
    /// finished session's point (oldest first), and every drill record. Files that do not
    /// read are left out here; review lists them. Through the cache, an unchanged file is
    /// only stat'ed, never opened.
    pub fn history(&self) -> crate::domain::stats::History {
        let mut cache = HistoryCache::read(&self.cache_path());
        // An unreadable folder has no history to show; review says why.
        let mut looked = self.stamps(true).unwrap_or_default();
        looked.sort_unstable_by(|a, b| b.0.cmp(&a.0));
        let (activity, points) = self.sessions_through(
            looked.iter().map(|(id, s)| (id.as_str(), *s, None)),
            &mut cache,
        );
        self.save_history_cache(&mut cache);
        self.with_drills(activity, points.into())
    }

    /// The history from a look at the folder already taken (the app's index), through
    /// `cache`; an unchanged look gives the same points without a lookup per session.
    pub fn history_of(
        &self,
        index: &SessionIndex,
        cache: &mut HistoryCache,
    ) -> crate::domain::stats::History {
        if let Some((activity, points)) = cache.memo(index.generation()) {
            return self.with_drills(activity.to_vec(), points);
        }
        let looked = index.iter().filter_map(|l| match l {
            Listed::Ok(h) => Some((h.id.as_str(), index.stamp(&h.id), Some(h))),
            Listed::Unreadable { .. } => None,
        });
        let (activity, points) = self.sessions_through(looked, cache);
        // A running app writes its cache when it leaves; only a big rebuild (a first
        // look at a long history) is written at once.
        if cache.unwritten() > 100 {
            self.save_history_cache(cache);
        }
        let points: Arc<[SessionPoint]> = points.into();
        cache.set_memo(
            index.generation(),
            activity.clone().into(),
            Arc::clone(&points),
        );
        self.with_drills(activity, points)
    }

    /// Every session's activity and every finished one's point, newest first in, oldest
    /// first out. What the cache holds for a file's current stamp is used as is; anything
    /// else is read (the summary, and the whole file when finished) and cached.
    fn sessions_through<'h>(
        &self,
        looked: impl Iterator<Item = (&'h str, Option<history_cache::Stamp>, Option<&'h Header>)>,
        cache: &mut HistoryCache,
    ) -> (Vec<crate::domain::stats::Activity>, Vec<SessionPoint>) {
        let mut buf = Vec::new();
        cache.through(looked, |id, header| {
            let read;
            let header = match header {
                Some(h) => h,
                None => match read_header(&self.path_of(id), &mut buf) {
                    Ok(h) => {
                        read = h;
                        &read
                    }
                    Err(_) => return Learnt::Nothing,
                },
            };
            let at = crate::domain::stats::Activity::of(header);
            match header.status {
                // A body that does not read counts as practice but has no point (and
                // is not cached, so it is tried again).
                Status::Complete => match self.load(id) {
                    Ok(t) => Learnt::Entry(at, Some(SessionPoint::from_transcript(&t))),
                    Err(_) => Learnt::Uncached(at),
                },
                Status::InProgress => Learnt::Entry(at, None),
            }
        })
    }

    fn with_drills(
        &self,
        activity: Vec<crate::domain::stats::Activity>,
        points: Arc<[SessionPoint]>,
    ) -> crate::domain::stats::History {
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

    /// Every session file's id, and with `stat` its stamp, without opening any.
    fn stamps(&self, stat: bool) -> anyhow::Result<Vec<(String, Option<history_cache::Stamp>)>> {
        let dir = self.sessions_dir();
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
        };
        Ok(entries
            .filter_map(|e| e.ok())
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let id = name.strip_suffix(".toml")?;
                if id.starts_with('.') {
                    return None;
                }
                // From the folder's handle, without building each path.
                let stamp = stat
                    .then(|| e.metadata().ok().and_then(|m| history_cache::Stamp::of(&m)))
                    .flatten();
                Some((id.to_string(), stamp))
            })
            .collect())
    }

    /// Write the stats cache if it learnt something since it was read or last written.
    /// It is only a copy: a failed write costs the next start some reading, nothing else.
    pub fn save_history_cache(&self, cache: &mut HistoryCache) {
        if cache.is_dirty() {
            let _ = cache.write(&self.cache_path());
        }
    }

    /// The stats cache as it is on disk (empty when missing or unreadable).
    pub fn history_cache(&self) -> HistoryCache {
        HistoryCache::read(&self.cache_path())
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
        if let Some(pid) = self.held_by(id) {
            return Err(LockError::Held {
                id: id.to_string(),
                pid,
            })
            .context("close it there first");
        }
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

/// Whether process `pid` is running, where the system can tell (Linux's /proc).
fn process_alive(pid: u32) -> Option<bool> {
    let proc = Path::new("/proc");
    proc.join("self")
        .exists()
        .then(|| proc.join(pid.to_string()).exists())
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
    if !complete_summary && buf.len() == HEADER_READ {
        file.by_ref()
            .take(HEADER_LIMIT - HEADER_READ as u64)
            .read_to_end(buf)?;
        let mut probe = [0u8; 1];
        if !buf.windows(2).any(|w| w == b"\n[") && file.read(&mut probe)? > 0 {
            bail!("no session summary in its first {} KB", HEADER_LIMIT / 1024);
        }
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

    pub(super) fn transcript(id: &str) -> Transcript {
        let src = "id = \"kv\"\ntitle = \"KV\"\ndifficulty = \"easy\"\nstatement = \"x\"\n";
        let p = parse_problem("kv.toml", src.as_bytes(), Origin::Builtin)
            .unwrap_or_else(|e| panic!("{e:?}"));
        Transcript::start(id.into(), &p, Timestamp::UNIX_EPOCH)
    }

    fn review(text: &str, second: i64) -> ReviewRecord {
        ReviewRecord {
            command: "llm".into(),
            at: Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH),
            duration_ms: 1000,
            exit_status: Some(0),
            text: text.into(),
            cut: false,
            lossy: false,
        }
    }

    #[test]
    fn reviews_are_added_to_finished_sessions_only_and_never_past_a_lock() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let id = "2026-01-01-000000-kv";
        let mut t = transcript(id);
        store.save(&t)?;
        let err = store
            .add_review(id, review("a", 1))
            .err()
            .map(|e| format!("{e:#}"));
        assert!(err.is_some_and(|e| e.contains("not finished")));
        t.header.status = Status::Complete;
        store.save(&t)?;
        store.add_review(id, review("first", 1))?;
        store.add_review(id, review("second", 2))?;
        let texts: Vec<String> = store
            .load(id)?
            .reviews
            .into_iter()
            .map(|r| r.text)
            .collect();
        assert_eq!(texts, ["first", "second"]);

        // Another window holds it: refused, and the file is as it was.
        let before = fs::read_to_string(store.path_of(id))?;
        let lock = store.lock(id)?;
        let err = store
            .add_review(id, review("third", 3))
            .err()
            .map(|e| format!("{e:#}"));
        assert!(
            err.as_deref()
                .is_some_and(|e| e.contains("open in another sdcoach window")),
            "{err:?}"
        );
        // The holder itself may add one.
        store.add_review_holding(&lock, review("third", 3))?;
        assert_eq!(store.load(id)?.reviews.len(), 3);
        drop(lock);
        store.save(&store.load(id).map(|mut t| {
            t.reviews.pop();
            t
        })?)?;
        assert_eq!(fs::read_to_string(store.path_of(id))?, before);

        // A file that does not read is never written back.
        let broken = format!("{}\n[[reviews]]\ncommand = 1\n", before);
        fs::write(store.path_of(id), &broken)?;
        assert!(store.add_review(id, review("fourth", 4)).is_err());
        assert_eq!(fs::read_to_string(store.path_of(id))?, broken);
        Ok(())
    }

    #[test]
    fn review_saving_a_marked_point_keeps_reviews_added_meanwhile() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let id = "2026-01-01-000000-kv";
        let mut t = transcript(id);
        t.header.status = Status::Complete;
        t.reviews.push(review("old", 1));
        store.save(&t)?;
        // Review opened it (t), then a shell added a second opinion.
        store.add_review(id, review("from the shell", 5))?;
        t.header.title = "Marked".into();
        store.save_keeping_reviews(&t)?;
        let back = store.load(id)?;
        assert_eq!(back.header.title, "Marked");
        let texts: Vec<String> = back.reviews.into_iter().map(|r| r.text).collect();
        assert_eq!(texts, ["old", "from the shell"]);
        Ok(())
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
    fn resume_skips_files_that_do_not_read_in_full_and_says_which() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        store.save(&transcript("2026-01-01-000000-kv"))?;
        // Newer, with an intact summary but a body cut short.
        let good = transcript("2026-01-02-000000-kv").to_toml()?;
        let cut = good.find("[[steps]]").unwrap_or(good.len());
        let broken = store.path_of("2026-01-02-000000-kv");
        fs::write(&broken, &good[..cut])?;
        // Newer still: bad UTF-8 after the summary.
        let mut bytes = transcript("2026-01-03-000000-kv").to_toml()?.into_bytes();
        bytes.extend_from_slice(b"\n# \xff\xfe\n");
        fs::write(store.path_of("2026-01-03-000000-kv"), &bytes)?;
        let (found, skipped) = store.latest_resumable()?;
        assert_eq!(
            found.map(|t| t.header.id),
            Some("2026-01-01-000000-kv".to_string())
        );
        let ids: Vec<&str> = skipped.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids, ["2026-01-03-000000-kv", "2026-01-02-000000-kv"]);
        assert!(skipped[0].1.contains("not UTF-8"), "{}", skipped[0].1);
        // Nothing that failed to load was written back.
        assert_eq!(fs::read_to_string(&broken)?, &good[..cut]);
        Ok(())
    }

    #[test]
    fn the_file_name_is_the_id_whatever_the_header_says() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let mut t = transcript("2026-01-01-000000-kv");
        t.header.id = "../../x".into();
        let path = store.path_of("2026-01-01-000000-kv");
        create_private_dir(&store.sessions_dir())?;
        fs::write(&path, t.to_toml()?)?;
        assert_eq!(store.list()?[0].id(), "2026-01-01-000000-kv");
        assert_eq!(
            store.load("2026-01-01-000000-kv")?.header.id,
            "2026-01-01-000000-kv"
        );
        store.delete("2026-01-01-000000-kv")?;
        assert!(!path.exists());
        Ok(())
    }

    #[test]
    fn listing_reads_a_bounded_prefix_of_a_huge_stray_file() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        create_private_dir(&store.sessions_dir())?;
        fs::write(
            store.path_of("2026-01-01-000000-junk"),
            "x".repeat(2 * HEADER_LIMIT as usize),
        )?;
        match &store.list()?[0] {
            Listed::Unreadable { error, .. } => assert!(error.contains("first 64 KB"), "{error}"),
            Listed::Ok(h) => panic!("read as {h:?}"),
        }
        Ok(())
    }

    #[test]
    fn a_session_open_in_another_process_cannot_be_deleted() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let (id, lock) = store.reserve_session("kv", Timestamp::UNIX_EPOCH)?;
        store.save(&transcript(&id))?;
        let err = store.delete(&id).err().map(|e| format!("{e:#}"));
        assert!(err.is_some_and(|e| e.contains("open in another sdcoach window")));
        drop(lock);
        store.delete(&id)?;
        Ok(())
    }

    #[test]
    fn temp_files_of_dead_processes_are_swept_and_live_ones_kept() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        store.save(&transcript("2026-01-01-000000-kv"))?;
        let sessions = store.sessions_dir();
        // A pid far above any real one (Linux caps pids at 2^22).
        let dead = sessions.join(".2026-01-01-000000-kv.toml.4294967000.tmp");
        let live = sessions.join(format!(
            ".2026-01-01-000000-kv.toml.{}.tmp",
            std::process::id()
        ));
        fs::write(&dead, "partial")?;
        fs::write(&live, "in progress")?;
        // A cache written when the process was killed (the problems' and the stats').
        let cache = dir.path().join("cache");
        fs::create_dir_all(&cache)?;
        let dead_cache = cache.join(".problems.bin.4294967000.tmp");
        fs::write(&dead_cache, "partial")?;
        store.sweep_stale_temp_files();
        if Path::new("/proc/self").exists() {
            assert!(!dead.exists(), "stale temp file kept");
            assert!(!dead_cache.exists(), "stale cache temp file kept");
        }
        assert!(live.exists(), "a save in progress was touched");
        assert!(store.path_of("2026-01-01-000000-kv").exists());
        Ok(())
    }

    #[test]
    fn ids_are_unique_and_cannot_escape_the_folder() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let now = Timestamp::UNIX_EPOCH;
        let (first, first_lock) = store.reserve_session("kv", now)?;
        assert_eq!(first, "1970-01-01-000000-kv");
        // Another window in the same second, before the first has written anything.
        let (second, _second_lock) = store.reserve_session("kv", now)?;
        assert_eq!(second, "1970-01-01-000000-kv-2");
        store.save(&transcript(&first))?;
        drop(first_lock);
        assert_eq!(
            store.reserve_session("kv", now)?.0,
            "1970-01-01-000000-kv-3"
        );
        assert!(store.load("../etc/passwd").is_err());
        assert!(store.resolve("a/b", false).is_err());
        Ok(())
    }

    #[test]
    fn a_second_look_reads_only_what_changed_and_sees_every_change() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        for id in ["2026-01-01-000000-kv", "2026-01-02-000000-kv"] {
            store.save(&transcript(id))?;
        }
        let mut index = SessionIndex::default();
        store.refresh(&mut index)?;
        let first = index.generation();
        let titles = |index: &SessionIndex| -> Vec<String> {
            index
                .iter()
                .map(|l| match l {
                    Listed::Ok(h) => h.title.clone(),
                    Listed::Unreadable { id, .. } => format!("unreadable {id}"),
                })
                .collect()
        };
        assert_eq!(titles(&index), ["KV", "KV"]);

        // Rewritten in place with the same length, inode and time: the file is not read
        // again (a look at 10,000 sessions must not reread them all).
        let path = store.path_of("2026-01-01-000000-kv");
        let before = fs::metadata(&path)?;
        let text = fs::read_to_string(&path)?.replacen("title = \"KV\"", "title = \"XY\"", 1);
        let file = fs::OpenOptions::new().write(true).open(&path)?;
        fs::write(&path, &text)?;
        file.set_modified(before.modified()?)?;
        store.refresh(&mut index)?;
        assert_eq!(titles(&index), ["KV", "KV"]);
        assert_eq!(index.generation(), first, "nothing looked changed");

        // A save (a new inode), a new file and a deleted one are all seen.
        let mut renamed = transcript("2026-01-02-000000-kv");
        renamed.header.title = "Renamed".into();
        store.save(&renamed)?;
        store.save(&transcript("2026-01-03-000000-kv"))?;
        fs::remove_file(&path)?;
        store.refresh(&mut index)?;
        assert_eq!(titles(&index), ["KV", "Renamed"]);
        assert_ne!(index.generation(), first);
        Ok(())
    }
}
