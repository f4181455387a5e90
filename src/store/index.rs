//! The sessions folder as last read, kept by a running app so that a second look (every
//! return to the launcher) reads in full only the files that changed since the first:
//! at 10,000 sessions a first listing reads 10,000 summaries, a second one only stats
//! the files.

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use super::Listed;
use super::history_cache::Stamp;

#[derive(Debug, Default)]
pub struct SessionIndex {
    entries: HashMap<String, Indexed>,
    /// Every entry, newest first; shared with whoever shows the list.
    listed: Arc<Vec<Listed>>,
    /// Changes whenever anything in the index does (unique across indexes).
    generation: u64,
}

#[derive(Debug)]
struct Indexed {
    /// The file as it was when `listed` was read from it.
    stamp: Option<Stamp>,
    listed: Listed,
}

impl SessionIndex {
    /// What was read from `id` when its file had `stamp`, if it still has it.
    pub(super) fn unchanged(&self, id: &str, stamp: Option<Stamp>) -> bool {
        stamp.is_some() && self.entries.get(id).is_some_and(|e| e.stamp == stamp)
    }

    /// Bring the index to this look at the folder: `found` is every id there with its
    /// stamp, `read` what was read afresh (the ids `unchanged` did not vouch for).
    pub(super) fn update(
        &mut self,
        found: &[(String, Option<Stamp>)],
        read: Vec<(Option<Stamp>, Listed)>,
    ) {
        let mut changed = !read.is_empty();
        for (stamp, listed) in read {
            self.entries
                .insert(listed.id().to_string(), Indexed { stamp, listed });
        }
        if self.entries.len() != found.len() {
            let here: std::collections::HashSet<&str> =
                found.iter().map(|(id, _)| id.as_str()).collect();
            self.entries.retain(|id, _| here.contains(id.as_str()));
            changed = true;
        }
        if changed || self.generation == 0 {
            let mut listed: Vec<Listed> = self.entries.values().map(|e| e.listed.clone()).collect();
            // Ids start with the start time: a name sort is a time sort.
            listed.sort_unstable_by(|a, b| b.id().cmp(a.id()));
            self.listed = Arc::new(listed);
            static NEXT: AtomicU64 = AtomicU64::new(1);
            self.generation = NEXT.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// The list alone, for a one-off look.
    pub fn into_listed(self) -> Vec<Listed> {
        Arc::try_unwrap(self.listed).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Every session, newest first.
    pub fn listed(&self) -> Arc<Vec<Listed>> {
        Arc::clone(&self.listed)
    }

    pub fn iter(&self) -> impl Iterator<Item = &Listed> {
        self.listed.iter()
    }

    /// The stamp session `id`'s file had when it was last looked at.
    pub fn stamp(&self, id: &str) -> Option<Stamp> {
        self.entries.get(id).and_then(|e| e.stamp)
    }

    /// Equal between two looks exactly when nothing changed in between.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}
