//! The unit table: every word the calculator knows, its size in SI base units,
//! and the interview shortcut (if any) used by estimate mode.
//!
//! Lookup is a binary search over a sorted index built once, so a typical estimate
//! pays a handful of string comparisons per word instead of a scan of the table.

use std::sync::OnceLock;

use super::quantity::Dim;

/// What a word is, for documentation and display decisions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// `K`, `M`, `bn`, `million`: a plain multiplier.
    Multiplier,
    /// Byte and bit sizes and bandwidths.
    Data,
    /// Durations.
    Time,
    /// `qps`, `rps`: one per second.
    Rate,
    /// Labels such as `users` or `requests`: scale 1, no dimension.
    Count,
}

/// One known word.
#[derive(Clone, Copy, Debug)]
pub(super) struct UnitDef {
    pub name: &'static str,
    /// Size in SI base units.
    pub scale: f64,
    pub dim: Dim,
    pub kind: Kind,
    /// Estimate mode uses this size instead (a day ≈ 1e5 s, ...).
    pub shortcut: Option<f64>,
}

const fn u(name: &'static str, scale: f64, dim: Dim, kind: Kind) -> UnitDef {
    UnitDef {
        name,
        scale,
        dim,
        kind,
        shortcut: None,
    }
}

const fn sc(name: &'static str, scale: f64, dim: Dim, kind: Kind, shortcut: f64) -> UnitDef {
    UnitDef {
        name,
        scale,
        dim,
        kind,
        shortcut: Some(shortcut),
    }
}

const N: Dim = Dim::NONE;
const BY: Dim = Dim::BYTES;
const T: Dim = Dim::TIME;
const R: Dim = Dim::RATE;
const BR: Dim = Dim::BYTE_RATE;
use Kind::{Count, Data, Multiplier, Rate, Time};

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
/// 86,400 s; shortcut 1e5 s (+15.7%).
pub(super) const DAY: f64 = 86_400.0;
const DAY_SHORT: f64 = 1e5;
const WEEK: f64 = 7.0 * DAY;
/// A month is 30 days (what interview figures use, not 30.44); shortcut 2.5e6 s (−3.5%).
pub(super) const MONTH: f64 = 30.0 * DAY;
const MONTH_SHORT: f64 = 2.5e6;
/// A year is 365 days; shortcut 3e7 s (−4.9%), i.e. 12 shortcut months.
pub(super) const YEAR: f64 = 365.0 * DAY;
const YEAR_SHORT: f64 = 3e7;

const KI: f64 = 1024.0;
const MI: f64 = KI * KI;
const GI: f64 = MI * KI;
const TI: f64 = GI * KI;
const PI: f64 = TI * KI;
const EI: f64 = PI * KI;

/// Count words: labels with no dimension and no effect on the value.
/// `500M users * 2 photos` is the plain number 1e9; `200 bytes/tweet` is 200 bytes.
pub const COUNT_WORDS: &[&str] = &[
    "account",
    "accounts",
    "block",
    "blocks",
    "call",
    "calls",
    "char",
    "character",
    "characters",
    "chars",
    "chunk",
    "chunks",
    "click",
    "clicks",
    "comment",
    "comments",
    "connection",
    "connections",
    "customer",
    "customers",
    "device",
    "devices",
    "doc",
    "docs",
    "document",
    "documents",
    "download",
    "downloads",
    "driver",
    "drivers",
    "email",
    "emails",
    "entries",
    "entry",
    "event",
    "events",
    "file",
    "files",
    "follower",
    "followers",
    "hit",
    "hits",
    "host",
    "hosts",
    "image",
    "images",
    "instance",
    "instances",
    "item",
    "items",
    "key",
    "keys",
    "like",
    "likes",
    "link",
    "links",
    "machine",
    "machines",
    "message",
    "messages",
    "msg",
    "msgs",
    "node",
    "nodes",
    "notification",
    "notifications",
    "object",
    "objects",
    "op",
    "operation",
    "operations",
    "ops",
    "order",
    "orders",
    "page",
    "pages",
    "partition",
    "partitions",
    "people",
    "person",
    "photo",
    "photos",
    "post",
    "posts",
    "queries",
    "query",
    "read",
    "reads",
    "record",
    "records",
    "replica",
    "replicas",
    "req",
    "reqs",
    "request",
    "requests",
    "ride",
    "rides",
    "rider",
    "riders",
    "row",
    "rows",
    "server",
    "servers",
    "session",
    "sessions",
    "shard",
    "shards",
    "song",
    "songs",
    "stream",
    "streams",
    "transaction",
    "transactions",
    "trip",
    "trips",
    "tweet",
    "tweets",
    "upload",
    "uploads",
    "url",
    "urls",
    "user",
    "users",
    "video",
    "videos",
    "view",
    "views",
    "visit",
    "visitor",
    "visitors",
    "visits",
    "write",
    "writes",
];

/// Every unit and multiplier except the count words. Names in lowercase that are
/// whole words also match in any case (`Hours`, `Million`); abbreviations are exact
/// (`MB` bytes, `Mbps` bits per second, `M` million).
static UNITS: &[UnitDef] = &[
    // Multipliers. `B` is not here: glued to a number the lexer makes it a billion.
    u("K", 1e3, N, Multiplier),
    u("k", 1e3, N, Multiplier),
    u("M", 1e6, N, Multiplier),
    u("bn", 1e9, N, Multiplier),
    u("T", 1e12, N, Multiplier),
    u("thousand", 1e3, N, Multiplier),
    u("million", 1e6, N, Multiplier),
    u("billion", 1e9, N, Multiplier),
    u("trillion", 1e12, N, Multiplier),
    // Bytes: SI powers of 1000.
    u("B", 1.0, BY, Data),
    u("byte", 1.0, BY, Data),
    u("bytes", 1.0, BY, Data),
    u("KB", 1e3, BY, Data),
    u("kB", 1e3, BY, Data),
    u("MB", 1e6, BY, Data),
    u("GB", 1e9, BY, Data),
    u("TB", 1e12, BY, Data),
    u("PB", 1e15, BY, Data),
    u("EB", 1e18, BY, Data),
    u("kilobyte", 1e3, BY, Data),
    u("kilobytes", 1e3, BY, Data),
    u("megabyte", 1e6, BY, Data),
    u("megabytes", 1e6, BY, Data),
    u("gigabyte", 1e9, BY, Data),
    u("gigabytes", 1e9, BY, Data),
    u("terabyte", 1e12, BY, Data),
    u("terabytes", 1e12, BY, Data),
    u("petabyte", 1e15, BY, Data),
    u("petabytes", 1e15, BY, Data),
    u("exabyte", 1e18, BY, Data),
    u("exabytes", 1e18, BY, Data),
    // Bytes: binary powers of 1024; the shortcut treats 2^10 as 10^3.
    sc("KiB", KI, BY, Data, 1e3),
    sc("MiB", MI, BY, Data, 1e6),
    sc("GiB", GI, BY, Data, 1e9),
    sc("TiB", TI, BY, Data, 1e12),
    sc("PiB", PI, BY, Data, 1e15),
    sc("EiB", EI, BY, Data, 1e18),
    sc("kibibyte", KI, BY, Data, 1e3),
    sc("kibibytes", KI, BY, Data, 1e3),
    sc("mebibyte", MI, BY, Data, 1e6),
    sc("mebibytes", MI, BY, Data, 1e6),
    sc("gibibyte", GI, BY, Data, 1e9),
    sc("gibibytes", GI, BY, Data, 1e9),
    sc("tebibyte", TI, BY, Data, 1e12),
    sc("tebibytes", TI, BY, Data, 1e12),
    sc("pebibyte", PI, BY, Data, 1e15),
    sc("pebibytes", PI, BY, Data, 1e15),
    sc("exbibyte", EI, BY, Data, 1e18),
    sc("exbibytes", EI, BY, Data, 1e18),
    // Bits: 8 to a byte.
    u("bit", 0.125, BY, Data),
    u("bits", 0.125, BY, Data),
    u("Kbit", 125.0, BY, Data),
    u("kbit", 125.0, BY, Data),
    u("Mbit", 125e3, BY, Data),
    u("Gbit", 125e6, BY, Data),
    u("Tbit", 125e9, BY, Data),
    u("kilobit", 125.0, BY, Data),
    u("kilobits", 125.0, BY, Data),
    u("megabit", 125e3, BY, Data),
    u("megabits", 125e3, BY, Data),
    u("gigabit", 125e6, BY, Data),
    u("gigabits", 125e6, BY, Data),
    u("terabit", 125e9, BY, Data),
    u("terabits", 125e9, BY, Data),
    // Bits per second.
    u("bps", 0.125, BR, Data),
    u("Kbps", 125.0, BR, Data),
    u("kbps", 125.0, BR, Data),
    u("Mbps", 125e3, BR, Data),
    u("mbps", 125e3, BR, Data),
    u("Gbps", 125e6, BR, Data),
    u("gbps", 125e6, BR, Data),
    u("Tbps", 125e9, BR, Data),
    u("tbps", 125e9, BR, Data),
    // Time.
    u("ns", 1e-9, T, Time),
    u("nanosecond", 1e-9, T, Time),
    u("nanoseconds", 1e-9, T, Time),
    u("us", 1e-6, T, Time),
    u("µs", 1e-6, T, Time),
    u("μs", 1e-6, T, Time),
    u("microsecond", 1e-6, T, Time),
    u("microseconds", 1e-6, T, Time),
    u("ms", 1e-3, T, Time),
    u("msec", 1e-3, T, Time),
    u("millisecond", 1e-3, T, Time),
    u("milliseconds", 1e-3, T, Time),
    u("s", 1.0, T, Time),
    u("sec", 1.0, T, Time),
    u("secs", 1.0, T, Time),
    u("second", 1.0, T, Time),
    u("seconds", 1.0, T, Time),
    u("min", MINUTE, T, Time),
    u("mins", MINUTE, T, Time),
    u("minute", MINUTE, T, Time),
    u("minutes", MINUTE, T, Time),
    u("h", HOUR, T, Time),
    u("hr", HOUR, T, Time),
    u("hrs", HOUR, T, Time),
    u("hour", HOUR, T, Time),
    u("hours", HOUR, T, Time),
    sc("day", DAY, T, Time, DAY_SHORT),
    sc("days", DAY, T, Time, DAY_SHORT),
    sc("week", WEEK, T, Time, 7.0 * DAY_SHORT),
    sc("weeks", WEEK, T, Time, 7.0 * DAY_SHORT),
    sc("month", MONTH, T, Time, MONTH_SHORT),
    sc("months", MONTH, T, Time, MONTH_SHORT),
    sc("year", YEAR, T, Time, YEAR_SHORT),
    sc("years", YEAR, T, Time, YEAR_SHORT),
    sc("yr", YEAR, T, Time, YEAR_SHORT),
    sc("yrs", YEAR, T, Time, YEAR_SHORT),
    // Rates.
    u("qps", 1.0, R, Rate),
    u("QPS", 1.0, R, Rate),
    u("rps", 1.0, R, Rate),
    u("RPS", 1.0, R, Rate),
];

/// Stand-in definition for every count word.
const COUNT_DEF: UnitDef = u("", 1.0, N, Count);

/// Functions callable as `name(args)`. `min` is also minutes when not followed by `(`.
pub const FUNCTIONS: &[&str] = &[
    "abs", "ceil", "floor", "log10", "log2", "max", "min", "round", "sqrt",
];

/// Whether `w` is a count word (a label such as `users` or `photo`). Count words may
/// also name variables: `uploads = dau * 2` is natural to write.
pub(super) fn is_count_word(w: &str) -> bool {
    let lower = w.to_ascii_lowercase();
    let known = |x: &str| COUNT_WORDS.contains(&x);
    known(&lower) || lower.strip_suffix('s').is_some_and(known)
}

/// Words with a grammatical job; they cannot be units or variable names.
pub(super) const KEYWORDS: &[&str] = &["ans", "in", "per", "to"];

/// Sorted `(name, definition)` pairs over both tables, built on first use.
fn index() -> &'static [(&'static str, UnitDef)] {
    static INDEX: OnceLock<Vec<(&'static str, UnitDef)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut v: Vec<(&'static str, UnitDef)> = UNITS
            .iter()
            .map(|d| (d.name, *d))
            .chain(COUNT_WORDS.iter().map(|w| (*w, COUNT_DEF)))
            .collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    })
}

fn exact(name: &str) -> Option<&'static UnitDef> {
    let idx = index();
    idx.binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .and_then(|i| idx.get(i))
        .map(|(_, d)| d)
}

/// Finds a unit, multiplier or count word. Abbreviations match exactly; whole words
/// (three or more letters, all lowercase in the table) match in any case.
pub(super) fn lookup(name: &str) -> Option<&'static UnitDef> {
    if let Some(d) = exact(name) {
        return Some(d);
    }
    if name.len() < 3 || name.len() > 32 || !name.bytes().any(|b| b.is_ascii_uppercase()) {
        return None;
    }
    let mut buf = [0u8; 32];
    let lower = buf.get_mut(..name.len())?;
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    let lower = std::str::from_utf8(lower).ok()?;
    exact(lower).filter(|d| is_word(d))
}

/// Long names and count words; excludes abbreviations such as `kbps`, `msec`, `bps`.
fn is_word(d: &UnitDef) -> bool {
    match d.kind {
        Kind::Count => true,
        Kind::Rate => false,
        _ => {
            d.name.len() >= 3
                && !matches!(
                    d.name,
                    "bps"
                        | "kbps"
                        | "mbps"
                        | "gbps"
                        | "tbps"
                        | "kbit"
                        | "msec"
                        | "sec"
                        | "secs"
                        | "min"
                        | "mins"
                        | "hrs"
                )
        }
    }
}

/// A case-only near miss for an unknown word, to suggest in the error (`gb` → `GB`).
pub(super) fn suggest(name: &str) -> Option<&'static str> {
    index()
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(n, _)| *n)
}

pub(super) fn is_function(name: &str) -> bool {
    FUNCTIONS.contains(&name)
}

pub(super) fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// All unit names (not count words), for docs and tests.
pub fn unit_names() -> impl Iterator<Item = &'static str> {
    UNITS.iter().map(|d| d.name)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;

    #[test]
    fn names_are_unique_and_not_functions_or_keywords() {
        let idx = index();
        for w in idx.windows(2) {
            assert_ne!(w[0].0, w[1].0, "duplicate unit name");
        }
        for (name, _) in idx {
            assert!(!is_keyword(name), "{name} is a keyword");
            if *name != "min" {
                assert!(!is_function(name), "{name} is a function");
            }
        }
    }

    #[test]
    fn lookup_cases() {
        assert_eq!(lookup("MB").unwrap().scale, 1e6);
        assert_eq!(lookup("Hours").unwrap().scale, 3600.0);
        assert_eq!(lookup("USERS").unwrap().kind, Kind::Count);
        assert!(lookup("mb").is_none());
        assert!(lookup("Ms").is_none());
        assert!(lookup("MSEC").is_none());
        assert!(lookup("xyz").is_none());
        assert_eq!(suggest("gb"), Some("GB"));
    }

    #[test]
    fn byte_and_bit_sizes() {
        assert_eq!(lookup("GiB").unwrap().scale, 1_073_741_824.0);
        assert_eq!(lookup("Gbps").unwrap().scale * 8.0, 1e9);
        assert_eq!(lookup("Gbps").unwrap().dim, Dim::BYTE_RATE);
        assert_eq!(lookup("month").unwrap().scale, 30.0 * 86_400.0);
        assert_eq!(lookup("yr").unwrap().scale, 365.0 * 86_400.0);
    }
}
