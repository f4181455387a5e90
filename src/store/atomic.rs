//! Crash-safe file writes: a file on disk is always a whole old or a whole new version.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically: temp file in the same folder (mode 0600), fsync,
/// rename over the target, fsync the folder. On any error the temp file is removed and the
/// old file is untouched.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = open_private(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        fs::rename(&tmp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// The pid in a temp file name `write_atomic` makes (`.NAME.PID.tmp`), if it is one.
pub fn temp_file_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, pid) = inner.rsplit_once('.')?;
    pid.parse().ok()
}

#[cfg(unix)]
fn open_private(path: &Path) -> std::io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> std::io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Create a folder (and parents) readable only by the user.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
    }
    #[cfg(not(unix))]
    {
        fs::create_dir_all(dir)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_with_private_mode_and_leaves_no_temp() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.toml");
        write_atomic(&path, b"old")?;
        write_atomic(&path, b"new contents")?;
        assert_eq!(fs::read(&path)?, b"new contents");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(fs::metadata(&path)?.permissions().mode() & 0o777, 0o600);
        }
        assert_eq!(fs::read_dir(dir.path())?.count(), 1);
        Ok(())
    }

    #[test]
    fn failure_keeps_the_old_file_and_cleans_up() -> std::io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("s.toml");
        write_atomic(&path, b"good")?;
        // A folder where the temp file must go makes the write fail, even for root.
        let tmp = dir
            .path()
            .join(format!(".s.toml.{}.tmp", std::process::id()));
        fs::create_dir(&tmp)?;
        assert!(write_atomic(&path, b"new").is_err());
        assert_eq!(fs::read(&path)?, b"good");
        fs::remove_dir(&tmp)?;
        // A rename onto a non-empty folder fails after the temp file was written.
        let target = dir.path().join("busy");
        fs::create_dir(&target)?;
        fs::write(target.join("x"), b"x")?;
        assert!(write_atomic(&target, b"new").is_err());
        assert_eq!(
            fs::read_dir(dir.path())?.count(),
            2,
            "temp file left behind"
        );
        Ok(())
    }
}
