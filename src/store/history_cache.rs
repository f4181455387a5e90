//! What each session adds to the stats (when it happened and, once finished, its point),
//! kept between runs so the launcher and `stats` open no transcript that has not changed
//! (reading a finished one in full costs about 60 µs, its summary alone about 6 µs).
//!
//! The cache is only a copy: each entry is trusted while its session file keeps the size
//! and modification time it had when the entry was made, and the whole cache is rebuilt
//! when it is missing, unreadable or from another version. It is written atomically, so
//! a crash leaves the old cache or the new one, never half of one.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::domain::progress::SessionPoint;
use crate::domain::stats::Activity;

/// Bumped when an entry changes meaning; an older cache is then rebuilt.
const VERSION: u32 = 2;

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct HistoryCache {
    version: u32,
    entries: HashMap<String, Entry>,
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
            .and_then(|bytes| serde_json::from_slice::<HistoryCache>(&bytes).ok())
            .filter(|c| c.version == VERSION)
            .unwrap_or_default()
    }

    /// What session `id` adds, if it was worked out from the file as it is now.
    pub fn fresh(&self, id: &str, now: Stamp) -> Option<&Entry> {
        self.entries.get(id).filter(|e| e.stamp == now)
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

    pub fn put(&mut self, id: &str, at: Stamp, activity: Activity, point: Option<SessionPoint>) {
        self.entries.insert(
            id.to_string(),
            Entry {
                stamp: at,
                activity,
                point,
            },
        );
    }

    /// Forget sessions not in `keep` (deleted files); whether any were forgotten.
    pub fn retain(&mut self, keep: &std::collections::HashSet<String>) -> bool {
        let before = self.entries.len();
        self.entries.retain(|id, _| keep.contains(id));
        self.entries.len() != before
    }

    /// Note that `n` entries were learnt (and maybe some forgotten).
    pub fn learnt(&mut self, n: usize) {
        self.unwritten += n;
        self.dirty = true;
    }

    pub fn unwritten(&self) -> usize {
        self.unwritten
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    pub fn write(&mut self, path: &Path) -> std::io::Result<()> {
        self.version = VERSION;
        let bytes = serde_json::to_vec(self).map_err(std::io::Error::other)?;
        if let Some(dir) = path.parent() {
            super::create_private_dir(dir)?;
        }
        super::write_atomic(path, &bytes)?;
        self.unwritten = 0;
        self.dirty = false;
        Ok(())
    }
}
