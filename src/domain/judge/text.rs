//! Words and statements: the units the judge reads notes in.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};

use super::lexicon;

/// A stem, interned: equal stems are equal numbers, so matching compares integers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(u32);

impl Sym {
    /// The stem as text.
    pub fn text(self) -> String {
        with_interner(|i| i.stems.get(self.0 as usize).cloned().unwrap_or_default())
    }
}

/// One word of a text, lowercased and stemmed, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Lowercase, apostrophes dropped: "don't" is "dont". Inline up to 24 bytes, so
    /// reading notes does not allocate once per word.
    pub raw: CompactString,
    /// Snowball English stem of `raw`; numbers and codes stay as they are.
    pub stem: Sym,
    /// Byte range in the text (or the line) it came from.
    pub start: usize,
    pub end: usize,
    /// The stem of this word joined to the next one in the same clause ("back pressure"
    /// → "backpressur"), so joined and split spellings meet.
    pub joined: Option<Sym>,
    /// Its [`lexicon`] flags.
    pub flags: u8,
    /// Counts clause breaks (`,` `;` `:` `(` `)` `.` ` + ` and "but") before this word, so
    /// negation and gaps never reach across one.
    pub clause: usize,
}

/// A fast hash for short keys (the Fx hash of rustc): stems and words are looked up
/// once per word of the notes, and SipHash's protection against crafted keys buys
/// nothing here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl std::hash::Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

/// A map keyed by the fast hash.
pub type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<FxHasher>>;

/// Stems by word, and interned stems: shared by every thread, since the vocabulary's
/// phrases are built once and matched anywhere. It only grows with distinct words.
#[derive(Default)]
struct Interner {
    by_word: FxMap<String, (Sym, u8)>,
    ids: FxMap<String, Sym>,
    stems: Vec<String>,
    stemmer: Option<Stemmer>,
}

impl Interner {
    fn intern(&mut self, stem: String) -> Sym {
        if let Some(&id) = self.ids.get(&stem) {
            return id;
        }
        let id = Sym(self.stems.len() as u32);
        self.stems.push(stem.clone());
        self.ids.insert(stem, id);
        id
    }

    fn stem(&mut self, word: &str) -> Sym {
        self.word(word).0
    }

    /// A word's stem and flags.
    fn word(&mut self, word: &str) -> (Sym, u8) {
        if let Some(&known) = self.by_word.get(word) {
            return known;
        }
        let text = if word.chars().any(|c| c.is_ascii_digit()) || word.chars().count() <= 2 {
            word.to_string()
        } else if let Some(singular) = word
            .strip_suffix('s')
            .filter(|w| !w.contains(['a', 'e', 'i', 'o', 'u', 'y']))
        {
            // Abbreviations have no vowel for the stemmer to see: "TTLs", "CDNs", "DLQs".
            singular.to_string()
        } else {
            let stemmer = self
                .stemmer
                .get_or_insert_with(|| Stemmer::create(Algorithm::English));
            stemmer.stem(word).into_owned()
        };
        let known = (self.intern(text), lexicon::flags(word));
        if self.by_word.len() > 1_000_000 {
            self.by_word.clear();
        }
        self.by_word.insert(word.to_string(), known);
        known
    }
}

fn with_interner<T>(f: impl FnOnce(&mut Interner) -> T) -> T {
    static INTERNER: OnceLock<Mutex<Interner>> = OnceLock::new();
    let mut guard = INTERNER
        .get_or_init(Mutex::default)
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    f(&mut guard)
}

/// The stem of one lowercase word.
pub fn stem(word: &str) -> Sym {
    with_interner(|i| i.stem(word))
}

/// The words of `text`, each stemmed, with clause numbers.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::with_capacity(text.len() / 5);
    let mut clause = 0;
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if !c.is_alphanumeric() {
            // "robots.txt" and "read:write" are one clause; "cache. Then" is two.
            let inside_word = i > 0
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
            // A plus between spaces joins two ideas ("dedupe + presigned URLs"); in
            // "C++" or "a+b" it is part of the name.
            let spaced = text[..i].ends_with(char::is_whitespace)
                && text[i + c.len_utf8()..].starts_with(char::is_whitespace);
            let breaks = match c {
                '.' | ':' => !inside_word,
                '+' => spaced,
                ',' | ';' | '(' | ')' | '!' | '?' | '[' | ']' => true,
                _ => false,
            };
            clause += usize::from(breaks);
            i += c.len_utf8();
            continue;
        }
        // A word: alphanumerics, with apostrophes inside it dropped ("don't" → "dont").
        let start = i;
        let mut end = i;
        let mut plain = true;
        while end < text.len() {
            let Some(c) = text[end..].chars().next() else {
                break;
            };
            if c.is_alphanumeric() {
                plain &= c.is_ascii() && !c.is_ascii_uppercase();
                end += c.len_utf8();
            } else if matches!(c, '\'' | '’')
                && text[end + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic)
            {
                plain = false;
                end += c.len_utf8();
            } else {
                break;
            }
        }
        let slice = &text[start..end];
        let raw = if plain {
            CompactString::new(slice)
        } else {
            slice
                .chars()
                .filter(|c| !matches!(c, '\'' | '’'))
                .flat_map(char::to_lowercase)
                .collect()
        };
        out.push(Word {
            raw,
            stem: Sym(0),
            start,
            end,
            joined: None,
            flags: 0,
            clause,
        });
        i = end;
    }
    with_interner(|interner| {
        // Clause words ("but", "whereas") break clauses like commas, from themselves on.
        let mut breaks = 0;
        for w in out.iter_mut() {
            (w.stem, w.flags) = interner.word(&w.raw);
            breaks += usize::from(w.flags & lexicon::CLAUSE != 0);
            w.clause += breaks;
        }
        join_neighbours(&mut out, interner);
    });
    out
}

/// Set each word's `joined` stem: itself and the next word written as one.
fn join_neighbours(out: &mut [Word], interner: &mut Interner) {
    let mut joined = String::new();
    for i in 1..out.len() {
        let (head, tail) = out.split_at_mut(i);
        if let (Some(prev), Some(next)) = (head.last_mut(), tail.first()) {
            let joinable = |w: &Word| {
                w.flags & lexicon::STOP == 0 && !w.raw.chars().any(|c| c.is_ascii_digit())
            };
            if prev.clause == next.clause && joinable(prev) && joinable(next) {
                joined.clear();
                joined.push_str(&prev.raw);
                joined.push_str(&next.raw);
                prev.joined = Some(interner.stem(&joined));
            }
        }
    }
}

/// A unit the judge credits points from: a bullet or line, or two sentences of a long one.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// As written (trimmed), for quoting as evidence.
    pub text: String,
    pub words: Vec<Word>,
    /// Which line of the notes it starts on (0-based), so lists can be told apart.
    pub line: usize,
}

/// A line at least this long that stops mid-phrase was probably wrapped by hand.
const WRAPPED_LINE: usize = 40;

/// Split notes into statements. A line is one statement, with its indented continuation
/// lines; a line of three or more sentences is read two sentences at a time, so a whole
/// paragraph typed on one line does not count as one statement.
pub fn statements(notes: &str) -> Vec<Statement> {
    // (line number, indent, text): a line and its indented continuations.
    let mut lines: Vec<(usize, usize, String)> = Vec::new();
    // The previous non-blank line: its number, length, whether it stops on a word that
    // cannot end a sentence, and whether it is a list of terms.
    let mut last_line: Option<(usize, usize, bool, bool)> = None;
    for (n, line) in notes.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        // A paragraph wrapped by hand: the line before is long and stops on a word that
        // cannot end a sentence ("adding Redis would"), and this one goes on in lower
        // case. Lines that merely start in lower case are items of their own. A long
        // list of terms wrapped over several lines is one list, however its lines start.
        let listy = is_term_list(trimmed);
        let wrapped = last_line.is_some_and(|(prev_n, len, dangling, prev_listy)| {
            prev_n + 1 == n
                && len >= WRAPPED_LINE
                && ((dangling && trimmed.starts_with(|c: char| c.is_lowercase()))
                    || (prev_listy && (listy || is_list_tail(trimmed))))
        });
        let last_word = trimmed
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or_default()
            .to_lowercase();
        let dangling = !last_word.is_empty()
            && lexicon::flags(&last_word) & (lexicon::STOP | lexicon::GLUE) != 0;
        last_line = Some((n, trimmed.chars().count(), dangling, listy));
        let continues = (indent > 0 || wrapped) && !starts_with_bullet(trimmed);
        match lines.last_mut() {
            Some((_, _, prev)) if continues => {
                prev.push(' ');
                prev.push_str(trimmed);
            }
            _ => lines.push((n, indent, trimmed.to_string())),
        }
    }
    // A sub-bullet elaborates its parent: read it with the parent too.
    let mut with_parents = Vec::with_capacity(lines.len());
    for (i, (n, indent, text)) in lines.iter().enumerate() {
        let parent = lines
            .get(..i)
            .unwrap_or_default()
            .iter()
            .rev()
            .find(|(_, other, _)| other < indent);
        if let Some((_, _, parent)) = parent.filter(|_| *indent > 0) {
            with_parents.push((*n, format!("{parent} {text}")));
        }
        with_parents.push((*n, text.clone()));
    }
    let mut out = Vec::new();
    for (line, text) in with_parents {
        let sentences = sentences(&text);
        let all = words(&text);
        if sentences.len() <= 2 {
            out.push(Statement {
                text,
                words: all,
                line,
            });
            continue;
        }
        // Each window is a slice of the line; its words are the line's words inside it.
        let offset = |s: &str| s.as_ptr() as usize - text.as_ptr() as usize;
        for pair in sentences.windows(2) {
            let (Some(a), Some(b)) = (pair.first(), pair.get(1)) else {
                continue;
            };
            let (start, end) = (offset(a), offset(b) + b.len());
            out.push(Statement {
                text: text.get(start..end).unwrap_or_default().to_string(),
                words: all
                    .iter()
                    .filter(|w| w.start >= start && w.end <= end)
                    .cloned()
                    .collect(),
                line,
            });
        }
    }
    out
}

fn starts_with_bullet(line: &str) -> bool {
    line.starts_with(['-', '*', '•', '+', '>'])
        || line
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Sentences of one line: split after `.`, `?`, `!` or `;` followed by a space, except
/// after a number's decimal point (there is no space there anyway) or "e.g.", "i.e.".
fn sentences(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, c) in line.char_indices() {
        if !matches!(c, '.' | '?' | '!' | ';') {
            continue;
        }
        let next_is_space = bytes.get(i + 1).is_some_and(|b| *b == b' ');
        let before = &line[start..i];
        let abbreviation = before.ends_with("e.g")
            || before.ends_with("i.e")
            || before.ends_with("etc")
            || before.ends_with("vs");
        if next_is_space && !abbreviation {
            let s = line[start..=i].trim();
            if !s.is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    let rest = line[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Whether a statement is a bare list of terms: several short items separated by commas,
/// slashes or pipes, or a run of words with almost no sentence glue.
/// An endpoint (`POST /v1/links {url, alias?} -> 201 {code}`) is neither: its slashes,
/// braces and commas are the shape of an API, not of a list of buzzwords.
pub fn is_bare_list(s: &Statement) -> bool {
    if is_endpoint(&s.text) {
        return false;
    }
    if is_term_list(&s.text) {
        return true;
    }
    let n = s.words.len();
    if n >= 8 {
        let glue = s
            .words
            .iter()
            .filter(|w| w.flags & lexicon::GLUE != 0)
            .count();
        return glue * 10 < n;
    }
    false
}

/// Whether text states an HTTP endpoint: a method in capitals followed by a path.
fn is_endpoint(text: &str) -> bool {
    const METHODS: [&str; 7] = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];
    let mut words = text
        .split_whitespace()
        .map(|w| w.trim_start_matches(['-', '*', '•', '`', '(', '[']));
    let mut prev = words.next();
    for word in words {
        if prev.is_some_and(|p| METHODS.contains(&p.trim_end_matches(':'))) && word.starts_with('/')
        {
            return true;
        }
        prev = Some(word);
    }
    false
}

/// Whether text is four or more separated items, nearly all of them three words or
/// fewer: "redis, kafka, cassandra, sharding".
fn is_term_list(text: &str) -> bool {
    let items: Vec<&str> = text
        .split([',', '|', '/', '·', '•'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    let short = items
        .iter()
        .filter(|i| i.split_whitespace().count() <= 3)
        .count();
    items.len() >= 4 && short * 4 >= items.len() * 3
}

/// Whether a line could be the last, shorter line of a wrapped list: two or more short
/// items with no sentence glue between them ("election, distributed lock").
fn is_list_tail(text: &str) -> bool {
    let items: Vec<&str> = text.split(',').map(str::trim).collect();
    items.len() >= 2
        && items.iter().all(|item| {
            let words: Vec<&str> = item
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty())
                .collect();
            (1..=3).contains(&words.len())
                && words
                    .iter()
                    .all(|w| lexicon::flags(&w.to_lowercase()) & lexicon::GLUE == 0)
        })
}

/// Whether a statement is only a few words with no sentence glue and no figure: the
/// shape of one line of a column of buzzwords.
pub fn is_bare_term(s: &Statement) -> bool {
    s.words.len() <= 4
        && !s.words.iter().any(|w| w.flags & lexicon::GLUE != 0)
        && !s.text.chars().any(|c| c.is_ascii_digit())
}

/// The normalised form of a statement, to spot text repeated across steps.
pub fn fingerprint(s: &Statement) -> Vec<Sym> {
    s.words.iter().map(|w| w.stem).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(text: &str) -> Vec<String> {
        words(text).into_iter().map(|w| w.stem.text()).collect()
    }

    #[test]
    fn words_are_lowercased_stemmed_and_keep_codes() {
        assert_eq!(stems("Accounts, caching"), ["account", "cach"]);
        assert_eq!(stems("p99 base62 S3"), ["p99", "base62", "s3"]);
        assert_eq!(stems("TTLs CDNs"), ["ttl", "cdn"]);
        assert_eq!(stems("We don't need it"), ["we", "dont", "need", "it"]);
        let w = words("a cache, but no CDN");
        assert_eq!(w[1].clause, 0);
        assert!(w[4].clause > w[1].clause, "comma and 'but' break clauses");
    }

    #[test]
    fn statements_are_lines_with_continuations_and_pairs_of_long_lines() {
        let notes = "- one thing\n  that continues\n- two\n\nA. B. C.\n- parent\n  - child\n\
                     No cache: the database keeps every link in RAM already, adding Redis would\n\
                     only add lag.\nshort item\nanother\n\
                     - publish a payment event to kafka so the order service marks it paid\n\
                     payouts: nightly";
        let s = statements(notes);
        let texts: Vec<&str> = s.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "- one thing that continues",
                "- two",
                "A. B.",
                "B. C.",
                "- parent",
                "- parent - child",
                "- child",
                "No cache: the database keeps every link in RAM already, adding Redis would only add lag.",
                "short item",
                "another",
                "- publish a payment event to kafka so the order service marks it paid",
                "payouts: nightly",
            ]
        );
        assert_eq!(s[1].line, 2);
    }

    #[test]
    fn a_list_of_terms_wrapped_over_lines_is_one_list() {
        let notes = "geohash, quadtree, WebSockets, Kafka, event streaming, pub/sub,\n\
                     Redis, in-memory cache, sharding, consistent hashing, partition\n\
                     election, distributed lock, compare-and-swap\n\
                     Drivers send pings, every 4 s, to the gateway, then Kafka.";
        let s = statements(notes);
        assert_eq!(s.len(), 2, "{s:?}");
        assert!(s[0].text.ends_with("compare-and-swap"));
        assert!(is_bare_list(&s[0]));
        // Separate short lists stay separate items.
        assert_eq!(
            statements("redis, kafka, s3, cdn\nlb, dns, api, db").len(),
            2
        );
    }

    #[test]
    fn lists_of_terms_are_told_from_sentences() {
        let list = &statements("redis, kafka, cassandra, sharding, cdn")[0];
        assert!(is_bare_list(list));
        let glue = &statements(
            "redis kafka cassandra sharding replication cdn load balancer microservices",
        )[0];
        assert!(is_bare_list(glue));
        let prose =
            &statements("Put Redis in front of the DB so hot links are served from memory")[0];
        assert!(!is_bare_list(prose));
        let short_list = &statements("users, links, clicks")[0];
        assert!(!is_bare_list(short_list));
        for endpoint in [
            "GET /v1/users/{id}/timeline?cursor=abc&limit=50 -> 200 {items, next_cursor}",
            "- POST /api/v1/rides {pickup, dropoff, rider_id, payment_id} returns 201 {ride_id, eta}",
            "`DELETE /v1/follows/{followee_id}` -> 204",
        ] {
            assert!(!is_bare_list(&statements(endpoint)[0]), "{endpoint}");
        }
        // A method word in a list of buzzwords does not make it an endpoint.
        assert!(is_bare_list(
            &statements("GET, POST, redis, kafka, cdn, sharding")[0]
        ));
        assert!(is_bare_term(&statements("consistent hashing")[0]));
        assert!(!is_bare_term(&statements("p99 < 100 ms")[0]));
    }
}
