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
    /// Each file's stamp when its entry in `listed` was read.
    stamps: HashMap<String, Option<Stamp>>,
    /// Every entry, newest first (ids descending); shared with whoever shows the list.
    listed: Arc<Vec<Listed>>,
    /// Changes whenever anything in the index does (unique across indexes).
    generation: u64,
}

impl SessionIndex {
    /// Whether `id` still has the stamp it had when it was read.
    pub(super) fn unchanged(&self, id: &str, stamp: Option<Stamp>) -> bool {
        stamp.is_some() && self.stamps.get(id).is_some_and(|s| *s == stamp)
    }

    /// Bring the index to this look at the folder: `found` is every id there with its
    /// stamp, `read` what was read afresh (the ids `unchanged` did not vouch for).
    pub(super) fn update(
        &mut self,
        found: &[(String, Option<Stamp>)],
        read: Vec<(Option<Stamp>, Listed)>,
    ) {
        let gone = self.stamps.len() + read.len() > found.len();
        if read.is_empty() && !gone && self.generation != 0 {
            return;
        }
        // Copies the list only while someone else still shows the old one.
        let list = Arc::make_mut(&mut self.listed);
        for (stamp, listed) in &read {
            self.stamps.insert(listed.id().to_string(), *stamp);
        }
        if read.len() > 64 {
            // Many changes (a first look): out with the old, in with the new, one sort.
            let fresh: std::collections::HashSet<&str> = read.iter().map(|(_, l)| l.id()).collect();
            list.retain(|l| !fresh.contains(l.id()));
            list.extend(read.into_iter().map(|(_, l)| l));
            // Ids start with the start time: a name sort is a time sort.
            list.sort_unstable_by(|a, b| b.id().cmp(a.id()));
        } else {
            // A few go in place.
            for (_, listed) in read {
                match list.binary_search_by(|l| listed.id().cmp(l.id())) {
                    Ok(i) => list[i] = listed,
                    Err(i) => list.insert(i, listed),
                }
            }
        }
        if self.stamps.len() != found.len() {
            let here: std::collections::HashSet<&str> =
                found.iter().map(|(id, _)| id.as_str()).collect();
            self.stamps.retain(|id, _| here.contains(id.as_str()));
            list.retain(|l| here.contains(l.id()));
        }
        static NEXT: AtomicU64 = AtomicU64::new(1);
        self.generation = NEXT.fetch_add(1, Ordering::Relaxed);
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
        self.stamps.get(id).copied().flatten()
    }

    /// Equal between two looks exactly when nothing changed in between.
    pub fn generation(&self) -> u64 {
        self.generation
    }
}
