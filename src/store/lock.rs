//! One process per session: an OS lock on `sessions/.locks/ID.lock`.
//!
//! The lock is the kernel's (`flock` on Unix, `LockFileEx` on Windows), so it is released
//! when the process exits for any reason, kill -9 included; a lock file left on disk
//! holds nothing. The holder writes its pid into the file so the other window can say
//! who has the session. Lock files are removed on release; a waiter that locked a file
//! just removed checks that its file is still the one at the path, and tries again if not.

use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// A held session lock; dropping it releases the session.
#[derive(Debug)]
pub struct SessionLock {
    id: String,
    path: PathBuf,
    file: File,
}

/// Why a session could not be locked.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process has the session open.
    #[error("session {id} is open in another sdcoach window{}", holder_text(*.pid))]
    Held { id: String, pid: Option<u32> },
    #[error("cannot lock session {id}: {source}")]
    Io {
        id: String,
        #[source]
        source: std::io::Error,
    },
}

fn holder_text(pid: Option<u32>) -> String {
    pid.map(|p| format!(" (process {p})")).unwrap_or_default()
}

impl SessionLock {
    /// Lock session `id` whose lock lives in `dir`. Fails at once with
    /// [`LockError::Held`] when another process holds it.
    pub fn acquire(dir: &Path, id: &str) -> Result<SessionLock, LockError> {
        let io = |source| LockError::Io {
            id: id.to_string(),
            source,
        };
        super::create_private_dir(dir).map_err(io)?;
        let path = dir.join(format!("{id}.lock"));
        // A holder may remove the file between our open and our lock; retry then.
        for _ in 0..8 {
            let mut file = OpenOptions::new()
                .read(true)
                .write(true)
                .create(true)
                .truncate(false)
                .open(&path)
                .map_err(io)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    return Err(LockError::Held {
                        id: id.to_string(),
                        pid: read_pid(&mut file),
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
            if !same_file(&file, &path) {
                continue;
            }
            file.set_len(0).map_err(io)?;
            file.rewind().map_err(io)?;
            write!(file, "{}", std::process::id()).map_err(io)?;
            return Ok(SessionLock {
                id: id.to_string(),
                path,
                file,
            });
        }
        Err(io(std::io::Error::other(
            "the lock file keeps being replaced",
        )))
    }

    /// Lock a new session id: taken only if neither the session file nor its lock exists,
    /// so two processes starting in the same second never share an id.
    pub fn reserve(dir: &Path, id: &str, session_file: &Path) -> std::io::Result<Option<Self>> {
        super::create_private_dir(dir)?;
        if session_file.exists() {
            return Ok(None);
        }
        let path = dir.join(format!("{id}.lock"));
        let file = match OpenOptions::new()
            .read(true)
            .write(true)
            .create_new(true)
            .open(&path)
        {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut lock = match file.try_lock() {
            Ok(()) => SessionLock {
                id: id.to_string(),
                path,
                file,
            },
            Err(TryLockError::WouldBlock) => return Ok(None),
            Err(TryLockError::Error(e)) => return Err(e),
        };
        write!(lock.file, "{}", std::process::id())?;
        // The file may have appeared between the first check and the lock.
        if session_file.exists() {
            return Ok(None);
        }
        Ok(Some(lock))
    }

    pub fn id(&self) -> &str {
        &self.id
    }
}

impl Drop for SessionLock {
    fn drop(&mut self) {
        // Remove first, then let the close release the lock: a waiter that locks the
        // removed file sees it is no longer at the path and opens the new one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether session `id`'s lock is held by a process (this one included). Used before
/// deleting or rewriting a session outside a practice screen.
pub fn is_held(dir: &Path, id: &str) -> Option<Option<u32>> {
    let mut file = File::open(dir.join(format!("{id}.lock"))).ok()?;
    match file.try_lock_shared() {
        Ok(()) => {
            let _ = file.unlock();
            None
        }
        Err(_) => Some(read_pid(&mut file)),
    }
}

fn read_pid(file: &mut File) -> Option<u32> {
    let mut text = String::new();
    file.rewind().ok()?;
    file.take(32).read_to_string(&mut text).ok()?;
    text.trim().parse().ok()
}

#[cfg(unix)]
fn same_file(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_file: &File, path: &Path) -> bool {
    path.exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_held_by_one_lock_at_a_time_and_released_on_drop() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let locks = dir.path().join(".locks");
        let first = SessionLock::acquire(&locks, "s1")?;
        // Another open file description is another holder, as another process would be.
        match SessionLock::acquire(&locks, "s1") {
            Err(LockError::Held { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected Held, got {other:?}"),
        }
        assert_eq!(is_held(&locks, "s1"), Some(Some(std::process::id())));
        drop(first);
        assert_eq!(is_held(&locks, "s1"), None);
        let again = SessionLock::acquire(&locks, "s1")?;
        assert_eq!(again.id(), "s1");
        Ok(())
    }

    #[test]
    fn reserving_an_id_fails_when_the_session_or_its_lock_exists() -> anyhow::Result<()> {
        let dir = tempfile::tempdir()?;
        let locks = dir.path().join(".locks");
        let file = dir.path().join("a.toml");
        let held = SessionLock::reserve(&locks, "a", &file)?;
        assert!(held.is_some());
        assert!(SessionLock::reserve(&locks, "a", &file)?.is_none());
        drop(held);
        fs::write(&file, "x")?;
        assert!(SessionLock::reserve(&locks, "a", &file)?.is_none());
        Ok(())
    }
}
