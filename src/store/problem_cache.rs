//! The built-in problems as this very binary parsed them, kept in `DATA/cache/problems.bin`
//! so a start reads them back instead of parsing their TOML again: what the first frame
//! of `practice ID` shows of its problem in one read and well under 0.1 ms instead of
//! 1.2 ms of parsing, and all of them, right after the first frame, in a few ms instead
//! of some 20 (BENCHMARKS.md, start-up).
//!
//! The cache is only a copy, made by the binary that reads it: it holds the stamp (size,
//! modification time, inode) of the executable that parsed the problems, and any other
//! binary (a rebuild, an upgrade, another install) parses them afresh and writes its own.
//! So what a start reads is exactly what parsing would give, whatever changed in the
//! problems or the code. It is written atomically; anything missing, unreadable or not
//! this binary's is simply parsed again, and a file that claims more than it can hold is
//! not believed: at most [`MAX_FILE`] is ever read. User problem files are always parsed.

use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::history_cache::Stamp;
use crate::domain::packed_problem::{pack, unpack, unpack_front};
use crate::domain::problem::Problem;

/// The file: the length of its header (u32, little-endian), the header, then each
/// problem packed, in the header's order. A start wants one problem of the twelve, so it
/// reads the header and that problem alone.
#[derive(Serialize, Deserialize)]
struct Header {
    /// The executable that parsed the problems.
    binary: Stamp,
    /// Each built-in's file name and the length of its packed problem.
    problems: Vec<(String, u32)>,
}

/// Enough for the header (about 500 bytes) and the first problem (url-shortener, 26 KB)
/// in one read; a problem found within it is taken from there, else read on its own.
const FIRST_READ: usize = 32 * 1024;

/// No cache is bigger (the built-ins take about 0.6 MB): a longer file, or a header that
/// says so, is damaged and is not read.
pub const MAX_FILE: u64 = 16 * 1024 * 1024;

/// The cache of parsed built-ins for one binary.
#[derive(Debug, Clone)]
pub struct BuiltinCache {
    path: PathBuf,
    /// The reading binary's stamp; without one nothing is read or written.
    binary: Option<Stamp>,
}

impl BuiltinCache {
    /// The cache at `path`, for the binary with stamp `binary`.
    pub fn new(path: PathBuf, binary: Option<Stamp>) -> Self {
        BuiltinCache { path, binary }
    }

    /// The cache at `path`, for the running binary.
    pub fn for_running_binary(path: PathBuf) -> Self {
        BuiltinCache::new(path, running_binary())
    }

    /// Built-in `name` (its file name) as this binary parsed it, if cached.
    pub fn get(&self, name: &str) -> Option<Problem> {
        self.read(name, unpack)
    }

    /// What the first frame of a practice session of built-in `name` shows of it
    /// ([`crate::domain::packed_problem::unpack_front`]), if cached.
    pub fn get_front(&self, name: &str) -> Option<Problem> {
        self.read(name, unpack_front)
    }

    /// Built-in `name` through `decode`: from the first read when what it holds of the
    /// problem is enough (a problem's front often is), else from the whole of it.
    fn read(&self, name: &str, decode: fn(&[u8]) -> Option<Problem>) -> Option<Problem> {
        self.binary?;
        let mut file = File::open(&self.path).ok()?;
        let bytes = read_at_most(&mut file, FIRST_READ).ok()?;
        let (header, body) = self.header(&bytes)?;
        let mut start = body;
        for (n, len) in header.problems {
            let len = usize::try_from(len).ok()?;
            if n != name {
                start = start.checked_add(len)?;
                continue;
            }
            let end = start.checked_add(len)?;
            if let Some(packed) = bytes.get(start..end) {
                return decode(packed);
            }
            // Cut short, a problem does not decode; its front may.
            if let Some(problem) = bytes.get(start..).and_then(decode) {
                return Some(problem);
            }
            if u64::try_from(end).ok()? > MAX_FILE {
                return None;
            }
            file.seek(SeekFrom::Start(u64::try_from(start).ok()?))
                .ok()?;
            let packed = read_at_most(&mut file, len).ok()?;
            return (packed.len() == len).then(|| decode(&packed)).flatten();
        }
        None
    }

    /// Every built-in of `names`, in that order, if all are cached.
    pub fn get_all<'n>(&self, names: impl IntoIterator<Item = &'n str>) -> Option<Vec<Problem>> {
        self.binary?;
        let mut bytes = Vec::new();
        File::open(&self.path)
            .ok()?
            .take(MAX_FILE + 1)
            .read_to_end(&mut bytes)
            .ok()?;
        if u64::try_from(bytes.len()).ok()? > MAX_FILE {
            return None;
        }
        let (header, mut start) = self.header(&bytes)?;
        let mut packed = Vec::with_capacity(header.problems.len());
        for (name, len) in &header.problems {
            let end = start.checked_add(usize::try_from(*len).ok()?)?;
            packed.push((name.as_str(), bytes.get(start..end)?));
            start = end;
        }
        names
            .into_iter()
            .map(|name| {
                let (_, p) = packed.iter().find(|(n, _)| *n == name)?;
                unpack(p)
            })
            .collect()
    }

    /// Keep `problems` (file name, problem) for the next start. A failure only means the
    /// next start parses them again.
    pub fn put_all(&self, problems: &[(&str, &Problem)]) -> std::io::Result<()> {
        let Some(binary) = self.binary else {
            return Ok(());
        };
        let packed = problems
            .iter()
            .map(|(name, p)| pack(p).map(|bytes| (*name, bytes)))
            .collect::<Result<Vec<_>, _>>()
            .map_err(std::io::Error::other)?;
        let header = Header {
            binary,
            problems: packed
                .iter()
                .map(|(n, b)| Ok((n.to_string(), u32::try_from(b.len())?)))
                .collect::<Result<_, std::num::TryFromIntError>>()
                .map_err(std::io::Error::other)?,
        };
        let header = postcard::to_stdvec(&header).map_err(std::io::Error::other)?;
        let header_len = u32::try_from(header.len()).map_err(std::io::Error::other)?;
        let mut bytes = header_len.to_le_bytes().to_vec();
        bytes.extend_from_slice(&header);
        for (_, b) in &packed {
            bytes.extend_from_slice(b);
        }
        if let Some(dir) = self.path.parent() {
            super::create_private_dir(dir)?;
        }
        super::write_atomic(&self.path, &bytes)
    }

    /// The header at the start of `bytes`, when it is this binary's, and where the
    /// problems start.
    fn header(&self, bytes: &[u8]) -> Option<(Header, usize)> {
        let len = u32::from_le_bytes(bytes.get(..4)?.try_into().ok()?);
        let end = usize::try_from(len).ok()?.checked_add(4)?;
        let header: Header = postcard::from_bytes(bytes.get(4..end)?).ok()?;
        (Some(header.binary) == self.binary).then_some((header, end))
    }
}

/// Up to `limit` bytes (at most [`MAX_FILE`]) from where `file` is, in as few reads as
/// the file allows (one, for a cache on a local disk). The buffer is zeroed memory, of
/// which only what is read gets touched in a large one.
fn read_at_most(file: &mut File, limit: usize) -> std::io::Result<Vec<u8>> {
    let max = usize::try_from(MAX_FILE).unwrap_or(usize::MAX);
    let mut bytes = vec![0; limit.min(max)];
    let mut got = 0;
    while got < bytes.len() {
        match file.read(&mut bytes[got..])? {
            0 => break,
            n => got += n,
        }
    }
    bytes.truncate(got);
    Ok(bytes)
}

/// The stamp of the executable this process runs. On Linux `/proc/self/exe` is the file
/// actually running, even when a rebuild has since replaced it at its path.
fn running_binary() -> Option<Stamp> {
    #[cfg(target_os = "linux")]
    let meta = std::fs::metadata("/proc/self/exe");
    #[cfg(not(target_os = "linux"))]
    let meta = std::env::current_exe().and_then(std::fs::metadata);
    Stamp::of(&meta.ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::problem::{Origin, parse_problem};
    use crate::store::problems::BUILTIN;

    fn parsed(name: &str) -> Problem {
        let (_, text) = BUILTIN
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name}"));
        parse_problem(
            &format!("problems/{name}"),
            text.as_bytes(),
            Origin::Builtin,
        )
        .unwrap_or_else(|e| panic!("{e:?}"))
    }

    /// Two stamps, as two different binaries would have.
    fn stamps(dir: &std::path::Path) -> (Stamp, Stamp) {
        let stamp = |name: &str, len: usize| {
            let path = dir.join(name);
            std::fs::write(&path, vec![b'x'; len]).unwrap_or_else(|e| panic!("{e}"));
            let meta = std::fs::metadata(&path).unwrap_or_else(|e| panic!("{e}"));
            Stamp::of(&meta).unwrap_or_else(|| panic!("no stamp"))
        };
        (stamp("a", 1), stamp("b", 2))
    }

    #[test]
    fn what_is_put_comes_back_for_the_same_binary_only() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (this, other) = stamps(dir.path());
        let path = dir.path().join("cache").join("problems.bin");
        let cache = BuiltinCache::new(path.clone(), Some(this));
        assert_eq!(cache.get("url-shortener.toml"), None, "nothing yet");

        let (a, b) = (parsed("url-shortener.toml"), parsed("chat.toml"));
        cache
            .put_all(&[("url-shortener.toml", &a), ("chat.toml", &b)])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("url-shortener.toml").as_ref(), Some(&a));
        assert_eq!(
            cache.get_all(["chat.toml", "url-shortener.toml"]),
            Some(vec![b.clone(), a.clone()])
        );
        assert_eq!(cache.get("twitter.toml"), None);
        assert_eq!(cache.get_all(["chat.toml", "twitter.toml"]), None);

        // Another binary may parse differently: it reads nothing of this one's.
        let theirs = BuiltinCache::new(path.clone(), Some(other));
        assert_eq!(theirs.get("url-shortener.toml"), None);
        // Without a stamp nothing is read or written.
        let unknown = BuiltinCache::new(path, None);
        assert_eq!(unknown.get("url-shortener.toml"), None);
        unknown
            .put_all(&[("chat.toml", &b)])
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("url-shortener.toml"), Some(a), "left alone");
    }

    #[test]
    fn a_problem_within_the_first_read_or_after_it_comes_back() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (this, _) = stamps(dir.path());
        let cache = BuiltinCache::new(dir.path().join("problems.bin"), Some(this));
        let tiny = parse_problem(
            "problems/tiny.toml",
            b"id = \"tiny\"\ntitle = \"T\"\ndifficulty = \"easy\"\nstatement = \"s\"\n",
            Origin::Builtin,
        )
        .unwrap_or_else(|e| panic!("{e:?}"));
        let (a, b) = (parsed("url-shortener.toml"), parsed("chat.toml"));
        cache
            .put_all(&[
                ("tiny.toml", &tiny),
                ("url-shortener.toml", &a),
                ("chat.toml", &b),
            ])
            .unwrap_or_else(|e| panic!("{e}"));
        // The front alone too, read within the first read or past it.
        let front = |p: &Problem| pack(p).ok().and_then(|bytes| unpack_front(&bytes));
        for (name, p) in [
            ("tiny.toml", &tiny),
            ("url-shortener.toml", &a),
            ("chat.toml", &b),
        ] {
            assert_eq!(cache.get_front(name), front(p), "{name}");
            assert!(cache.get_front(name).is_some(), "{name}");
        }
        assert_eq!(cache.get("tiny.toml"), Some(tiny));
        assert_eq!(cache.get("url-shortener.toml"), Some(a));
        assert_eq!(cache.get("chat.toml"), Some(b));
    }

    /// A cache in a temp dir (kept alive by the first value) holding url-shortener, with
    /// the stamp it was written for and its path.
    fn cache_of_url_shortener() -> (tempfile::TempDir, Stamp, std::path::PathBuf, BuiltinCache) {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let (this, _) = stamps(dir.path());
        let path = dir.path().join("problems.bin");
        let cache = BuiltinCache::new(path.clone(), Some(this));
        cache
            .put_all(&[("url-shortener.toml", &parsed("url-shortener.toml"))])
            .unwrap_or_else(|e| panic!("{e}"));
        (dir, this, path, cache)
    }

    #[test]
    fn a_damaged_cache_reads_as_none() {
        let (_dir, _, path, cache) = cache_of_url_shortener();
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("url-shortener.toml"), None);
        std::fs::write(&path, b"junk").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("url-shortener.toml"), None);
    }

    /// A header or a file that claims more than a cache can hold is damaged: nothing of
    /// that size is allocated or read.
    #[test]
    fn a_cache_claiming_more_than_any_can_hold_reads_as_none() {
        let (_dir, this, path, cache) = cache_of_url_shortener();
        // Good contents followed by junk, past the largest a cache may be.
        let good = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let mut long = good.clone();
        long.resize(usize::try_from(MAX_FILE).unwrap_or(usize::MAX) + 1, b'x');
        std::fs::write(&path, &long).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get_all(["url-shortener.toml"]), None);
        // A header giving the problem four gigabytes.
        let header = Header {
            binary: this,
            problems: vec![("url-shortener.toml".into(), u32::MAX)],
        };
        let header = postcard::to_stdvec(&header).unwrap_or_else(|e| panic!("{e}"));
        let mut bytes = u32::try_from(header.len())
            .unwrap_or_else(|e| panic!("{e}"))
            .to_le_bytes()
            .to_vec();
        bytes.extend_from_slice(&header);
        bytes.extend_from_slice(&good);
        std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cache.get("url-shortener.toml"), None);
        assert_eq!(cache.get_all(["url-shortener.toml"]), None);
    }

    #[test]
    fn the_running_binary_has_a_stamp() {
        assert!(running_binary().is_some());
    }
}
