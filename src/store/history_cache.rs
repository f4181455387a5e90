//! What each session adds to the stats (when it happened and, once finished, its point),
//! kept between runs so the launcher and `stats` open no transcript that has not changed
//! (reading a finished one in full costs about 60 µs, its summary alone about 6 µs).
//!
//! The cache is only a copy: each entry is trusted while its session file keeps the size
//! and modification time it had when the entry was made, and the whole cache is rebuilt
//! when it is missing, unreadable or from another version. It is written atomically, so
//! a crash leaves the old cache or the new one, never half of one. It is stored in a
//! compact binary form (postcard): at 10,000 sessions JSON took 40 ms to read, this 5.
//!
//! Entries are kept in the order the sessions folder is looked at (ids descending), so
//! matching a look against the cache is one walk down both lists, with no hashing and
//! no set of ids to keep.

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::domain::progress::SessionPoint;
use crate::domain::stats::Activity;

/// Bumped when an entry changes meaning or layout; an older cache is then rebuilt.
const VERSION: u32 = 3;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct HistoryCache {
    version: u32,
    /// Session id and entry, ids descending.
    entries: Vec<(String, Entry)>,
    /// The points last worked out, and from which look at the sessions folder: an
    /// unchanged folder gives them again without a lookup per session.
    #[serde(skip)]
    memo: Option<Memo>,
    /// Entries learnt since the cache was read or written.
    #[serde(skip)]
    unwritten: usize,
    /// Something (also a forgotten session) differs from the file on disk.
    #[serde(skip)]
    dirty: bool,
}

/// What says a session file is unchanged: its size, modification time and inode (every
/// atomic save makes a new inode, so a rewrite is seen even within one clock tick).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    len: u64,
    modified_ns: u128,
    inode: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    /// The session file as it was when read.
    stamp: Stamp,
    pub activity: Activity,
    /// Finished sessions only.
    pub point: Option<SessionPoint>,
}

/// Every session's activity and every finished one's point.
pub type Worked = (Arc<[Activity]>, Arc<[SessionPoint]>);

/// What reading a session the cache could not vouch for gave.
// Handed back once per file read and never stored, so its size does not matter.
#[allow(clippy::large_enum_variant)]
pub enum Learnt {
    /// Nothing to count (its summary does not read).
    Nothing,
    /// It counts as practice, but its body does not read: tried again next time.
    Uncached(Activity),
    /// Its activity and, when finished, its point: cached.
    Entry(Activity, Option<SessionPoint>),
}

/// What was worked out from one look at the folder (its generation).
type Memo = (u64, Worked);

impl Stamp {
    /// The stamp a file with this metadata has.
    pub fn of(meta: &std::fs::Metadata) -> Option<Stamp> {
        let modified = meta
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?;
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp {
            len: meta.len(),
            modified_ns: modified.as_nanos(),
            inode,
        })
    }
}

impl HistoryCache {
    /// The cache at `path`; anything unreadable or of another version reads as empty.
    pub fn read(path: &Path) -> HistoryCache {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<HistoryCache>(&bytes).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// Every session of `looked` (ids descending, each with its file's stamp now), its
    /// activity and, when finished, its point, newest first. An entry made from the file
    /// as it is now is used as is; anything else goes to `read`, and what it learns is
    /// cached when the file has a stamp. Entries of sessions no longer there are dropped.
    pub fn through<'h, H: 'h>(
        &mut self,
        looked: impl Iterator<Item = (&'h str, Option<Stamp>, H)>,
        mut read: impl FnMut(&str, H) -> Learnt,
    ) -> (Vec<Activity>, Vec<SessionPoint>) {
        let (mut activity, mut points) = (Vec::new(), Vec::new());
        let old = std::mem::take(&mut self.entries);
        let had = old.len();
        let mut old = old.into_iter().peekable();
        let mut learnt = 0;
        for (id, stamp, header) in looked {
            // Entries of ids above this one belong to deleted sessions.
            while old.next_if(|(k, _)| k.as_str() > id).is_some() {}
            let cached = old.next_if(|(k, _)| k == id);
            if let Some((k, e)) = cached.filter(|(_, e)| stamp == Some(e.stamp)) {
                activity.push(e.activity);
                points.extend(e.point.clone());
                self.entries.push((k, e));
                continue;
            }
            match read(id, header) {
                Learnt::Nothing => {}
                Learnt::Uncached(at) => activity.push(at),
                Learnt::Entry(at, point) => {
                    activity.push(at);
                    points.extend(point.clone());
                    if let Some(stamp) = stamp {
                        let entry = Entry {
                            stamp,
                            activity: at,
                            point,
                        };
                        self.entries.push((id.to_string(), entry));
                        learnt += 1;
                    }
                }
            }
        }
        if learnt > 0 || self.entries.len() != had {
            self.unwritten += learnt;
            self.dirty = true;
        }
        points.reverse();
        (activity, points)
    }

    /// What was worked out last from the look with this `generation`, if any.
    pub fn memo(&self, generation: u64) -> Option<Worked> {
        self.memo
            .as_ref()
            .filter(|(g, _)| *g == generation)
            .map(|(_, (a, p))| (Arc::clone(a), Arc::clone(p)))
    }

    pub fn set_memo(
        &mut self,
        generation: u64,
        activity: Arc<[Activity]>,
        points: Arc<[SessionPoint]>,
    ) {
        self.memo = Some((generation, (activity, points)));
    }

    pub fn unwritten(&self) -> usize {
        self.unwritten
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn write(&mut self, path: &Path) -> std::io::Result<()> {
        self.version = VERSION;
        let bytes = postcard::to_stdvec(self).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            super::create_private_dir(dir)?;
        }
        super::write_atomic(path, &bytes)?;
        // Version 2 was JSON under another name; nothing reads it any more.
        let _ = std::fs::remove_file(path.with_file_name("history.json"));
        self.unwritten = 0;
        self.dirty = false;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::fs;
    use std::sync::Arc;

    use super::HistoryCache;
    use crate::domain::stats::Kind;
    use crate::domain::transcript::Status;
    use crate::store::tests::transcript;
    use crate::store::{SessionIndex, Store};

    /// Change what the cache on disk says, as another run of the app would have left it.
    fn edit(path: &std::path::Path, change: impl FnOnce(&mut HistoryCache)) {
        let mut cache = HistoryCache::read(path);
        assert!(!cache.entries.is_empty(), "no cache at {}", path.display());
        change(&mut cache);
        cache.dirty = true;
        cache.write(path).unwrap_or_else(|e| panic!("{e}"));
    }

    #[test]
    fn the_stats_cache_is_used_while_files_are_unchanged_and_rebuilt_otherwise()
    -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let mut done = transcript("2026-01-02-000000-kv");
        done.header.status = Status::Complete;
        store.save(&done)?;
        store.save(&transcript("2026-01-01-000000-kv"))?;
        let first = store.history();
        assert_eq!(first.points.len(), 1);
        let cache = dir.path().join("cache/history.bin");
        let title = |store: &Store| store.history().points.first().map(|p| p.title.clone());
        // An unchanged file is answered from the cache: a cached title shows through.
        edit(&cache, |c| {
            for (_, e) in &mut c.entries {
                if let Some(p) = &mut e.point {
                    p.title = "cached".into();
                }
            }
        });
        assert_eq!(title(&store).as_deref(), Some("cached"));
        // A saved change (a new file) is read again.
        done.header.title = "renamed".into();
        store.save(&done)?;
        assert_eq!(title(&store).as_deref(), Some("renamed"));
        let ids = |path: &std::path::Path| -> Vec<String> {
            HistoryCache::read(path)
                .entries
                .into_iter()
                .map(|(id, _)| id)
                .collect()
        };
        assert_eq!(
            ids(&cache),
            ["2026-01-02-000000-kv", "2026-01-01-000000-kv"]
        );
        // A corrupt cache is ignored and rebuilt; a deleted session leaves it.
        fs::write(&cache, "{ not a cache")?;
        assert_eq!(title(&store).as_deref(), Some("renamed"));
        assert_eq!(ids(&cache).len(), 2);
        store.delete("2026-01-02-000000-kv")?;
        assert_eq!(store.history().points.len(), 0);
        assert_eq!(ids(&cache), ["2026-01-01-000000-kv"]);
        Ok(())
    }

    #[test]
    fn the_stats_points_are_kept_while_the_folder_is_unchanged() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::new(dir.path().to_path_buf());
        let mut done = transcript("2026-01-01-000000-kv");
        done.header.status = Status::Complete;
        store.save(&done)?;
        let mut index = SessionIndex::default();
        let mut cache = store.history_cache();
        store.refresh(&mut index)?;
        let first = store.history_of(&index, &mut cache);
        store.refresh(&mut index)?;
        let again = store.history_of(&index, &mut cache);
        assert_eq!(first.points.len(), 1);
        assert!(Arc::ptr_eq(&first.points, &again.points), "worked out once");
        let mut second = transcript("2026-01-02-000000-kv");
        second.header.status = Status::Complete;
        store.save(&second)?;
        store.refresh(&mut index)?;
        assert_eq!(store.history_of(&index, &mut cache).points.len(), 2);
        // The cache on disk learnt both, for the next start.
        let cold = store.history();
        assert_eq!(cold.points.len(), 2);
        // Unfinished sessions are cached too: an unchanged file is not even opened (the
        // cached kind shows through).
        store.save(&transcript("2026-01-03-000000-kv"))?;
        assert_eq!(store.history().activity.len(), 3);
        let cache_file = dir.path().join("cache/history.bin");
        edit(&cache_file, |c| {
            assert_eq!(c.entries.len(), 3);
            for (_, e) in &mut c.entries {
                assert_eq!(e.activity.kind, Kind::Interview);
                e.activity.kind = Kind::StepDrill;
            }
        });
        let kinds: Vec<_> = store.history().activity.iter().map(|a| a.kind).collect();
        assert_eq!(kinds, [Kind::StepDrill; 3]);
        Ok(())
    }
}
