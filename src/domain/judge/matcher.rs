//! Finding phrases in statements: stems, joined and split spellings, a few words in
//! between, and whether a mention is negated.

use super::lexicon;
use super::text::{Sym, Word, stem, words};

/// How many words may stand between two words of a phrase ("fan out the tweets on
/// write" is "fan out on write").
pub const MAX_GAP: usize = 2;

/// A phrase ready to look for.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    stems: Vec<Sym>,
    /// `joins[i]` holds the stems of words `i..i+2` and `i..i+3` written as one word, so
    /// the phrase "back pressure" finds "backpressure".
    joins: Vec<Vec<(usize, Sym)>>,
}

impl Phrase {
    pub fn new(text: &str) -> Phrase {
        let ws = words(text);
        let raws: Vec<&str> = ws.iter().map(|w| w.raw.as_str()).collect();
        let joins = (0..raws.len())
            .map(|i| {
                (2..=3)
                    .filter(|k| i + k <= raws.len())
                    .map(|k| (k, stem(&raws[i..i + k].concat())))
                    .collect()
            })
            .collect();
        Phrase {
            stems: ws.into_iter().map(|w| w.stem).collect(),
            joins,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// The keys a statement must hold (as a word's stem or joined stem) for the phrase to
    /// stand in it: its first word, alone or joined to the next ones.
    pub fn first_keys(&self) -> impl Iterator<Item = Sym> + '_ {
        self.stems
            .first()
            .copied()
            .into_iter()
            .chain(self.joins.first().into_iter().flatten().map(|&(_, j)| j))
    }

    /// Where the phrase ends when it starts at word `start` of `ws`.
    pub fn match_at(&self, ws: &[Word], start: usize) -> Option<usize> {
        self.at(0, ws, start, None)
    }

    /// Whether the phrase stands anywhere in `ws`.
    pub fn is_in(&self, ws: &[Word]) -> bool {
        self.places(ws).next().is_some()
    }

    /// The places the phrase stands in `ws`, found as they are asked for.
    pub fn places<'a>(&'a self, ws: &'a [Word]) -> impl Iterator<Item = (usize, usize)> + 'a {
        let first = self.stems.first().copied();
        let first_joins = self.joins.first();
        (0..ws.len())
            .filter(move |&i| {
                ws.get(i).is_some_and(|w| {
                    Some(w.stem) == first
                        || (w.joined.is_some() && w.joined == first)
                        || first_joins.is_some_and(|js| js.iter().any(|&(_, j)| j == w.stem))
                })
            })
            .filter_map(move |start| self.at(0, ws, start, None).map(|end| (start, end)))
    }

    /// Match the phrase from its word `pi` at text word `wi`; the end of the match.
    fn at(&self, pi: usize, ws: &[Word], wi: usize, clause: Option<usize>) -> Option<usize> {
        let Some(&want) = self.stems.get(pi) else {
            return Some(wi);
        };
        let gaps = if clause.is_some() { MAX_GAP } else { 0 };
        for gap in 0..=gaps {
            let w = wi + gap;
            let word = ws.get(w)?;
            if clause.is_some_and(|c| c != word.clause) {
                return None;
            }
            let here = Some(word.clause);
            if word.stem == want
                && let Some(end) = self.at(pi + 1, ws, w + 1, here)
            {
                return Some(end);
            }
            if word.joined == Some(want)
                && let Some(end) = self.at(pi + 1, ws, w + 2, here)
            {
                return Some(end);
            }
            for &(k, joined) in self.joins.get(pi).into_iter().flatten() {
                if word.stem == joined
                    && let Some(end) = self.at(pi + k, ws, w + 1, here)
                {
                    return Some(end);
                }
            }
        }
        None
    }
}

/// After "not" / "isn't": "not needed", "isn't a real risk", "doesn't matter".
const NEEDS: &[&str] = &[
    "need", "requir", "necessar", "worth", "help", "use", "matter", "risk", "problem", "concern",
    "issue", "worr",
];

/// How far back a negator reaches within a clause.
const NEGATION_REACH: usize = 4;

/// Whether the mention at `start..end` of `ws` is negated or dismissed.
pub fn negated(ws: &[Word], start: usize, end: usize) -> bool {
    let Some(first) = ws.get(start) else {
        return false;
    };
    let clause = first.clause;
    let from = start.saturating_sub(NEGATION_REACH);
    for i in (from..start).rev() {
        let Some(w) = ws.get(i) else { break };
        if w.clause != clause {
            break;
        }
        let next = ws.get(i + 1).map(|n| n.raw.as_str());
        let cue = match w.raw.as_str() {
            // "not only X but Y", "not just X" affirm X.
            "not" => !matches!(next, Some("only" | "just")),
            "instead" => next == Some("of"),
            "rather" => next == Some("than"),
            _ => w.flags & lexicon::NEGATOR != 0,
        };
        if cue {
            return true;
        }
    }
    let after: Vec<&Word> = ws
        .iter()
        .skip(end)
        .take(8)
        .take_while(|w| w.clause == clause)
        .collect();
    after.iter().enumerate().any(|(i, w)| {
        // "a cache is overkill": the dismissal follows its subject closely.
        (i < 3 && w.flags & lexicon::DISMISSAL != 0)
            || (matches!(
                w.raw.as_str(),
                "not" | "isnt" | "arent" | "dont" | "doesnt" | "wont" | "no"
            ) && after
                .iter()
                .skip(i + 1)
                .take(3)
                .any(|n| NEEDS.iter().any(|need| n.raw.starts_with(need))))
            || (w.raw == "out" && after.get(i + 2).is_some_and(|n| n.raw == "scope"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(phrase: &str, text: &str) -> bool {
        Phrase::new(phrase).is_in(&words(text))
    }

    fn negated_in(phrase: &str, text: &str) -> bool {
        let ws = words(text);
        let hits: Vec<(usize, usize)> = Phrase::new(phrase).places(&ws).collect();
        assert!(!hits.is_empty(), "{phrase:?} not in {text:?}");
        hits.iter().all(|&(s, e)| negated(&ws, s, e))
    }

    #[test]
    fn phrases_match_inflections_and_joined_or_split_forms() {
        assert!(found("account", "Do users need accounts?"));
        assert!(found("backpressure", "apply back pressure to producers"));
        assert!(found("back pressure", "we need backpressure"));
        assert!(found("fan-out on write", "fanout on write for most users"));
        assert!(found("fan out on write", "fan out the tweets on write"));
        assert!(found("new links", "How many new short links per month?"));
        assert!(found("load balancer", "an LB? no: a load-balancer"));
        assert!(!found("cdn", "load cdnjs from a script tag"));
        assert!(!found("shard", "reshard later"));
        assert!(!found("fan out on write", "fan out, and later we write"));
        assert!(!found("fan out on write", "fan out on read"));
    }

    #[test]
    fn negated_and_dismissed_mentions_are_told_apart() {
        assert!(negated_in("cdn", "no CDN"));
        assert!(negated_in(
            "replica",
            "no replicas, a nightly backup is enough"
        ));
        assert!(negated_in(
            "robots.txt",
            "ignore robots.txt, it slows us down"
        ));
        assert!(negated_in("cache", "we don't really need a cache"));
        assert!(negated_in("cache", "a cache is overkill here"));
        assert!(negated_in("cache", "cache not needed at this scale"));
        assert!(negated_in(
            "guess",
            "guessing the next code isn't a real risk"
        ));
        assert!(negated_in("mysql", "Cassandra instead of MySQL"));
        assert!(negated_in(
            "page number",
            "paginate by cursor, not page numbers"
        ));
        assert!(!negated_in("cassandra", "Cassandra instead of MySQL"));
        assert!(!negated_in("cache", "not only a cache but a queue"));
        assert!(!negated_in(
            "cache",
            "no SQL joins, so we put a cache in front"
        ));
        assert!(!negated_in("queue", "skip the cache and later use a queue"));
        // A plus between ideas ends the first one's clause.
        assert!(!negated_in(
            "presigned url",
            "upload only chunks whose hashes we don't have + presigned URLs"
        ));
        assert!(negated_in("cdn", "redis + no CDN"));
        assert!(!negated_in(
            "notification",
            "expire stale notifications since after an hour they are useless"
        ));
    }
}
