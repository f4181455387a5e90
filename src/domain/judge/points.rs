//! Rubric points read against a whole interview's notes: which statement earns each
//! point, and which mention was read as negated.

use super::figures::{Figure, figures, given_not_derived, ratio};
use super::lexicon;
use super::matcher::{Phrase, negated};
use super::text::{FxMap, Statement, Sym, fingerprint, is_bare_list, is_bare_term, statements};
use super::vocabulary::{Expanded, Vocabulary};
use crate::calc::{Calculator, Quantity};
use crate::domain::coaching::RubricPoint;
use crate::domain::framework::Step;

/// How a phrase's mentions must read.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Polarity {
    /// Not negated (the default).
    Affirmed,
    /// Either way (`~`, or a concept that names a problem).
    Any,
    /// Negated (`!`): "cursor, not page numbers".
    Negated,
}

#[derive(Debug, Clone)]
struct Alternative {
    expanded: Expanded,
    polarity: Polarity,
}

/// A rubric point ready to look for.
#[derive(Debug, Clone)]
pub struct Compiled {
    groups: Vec<Vec<Alternative>>,
    figure: Option<Quantity>,
    reason: bool,
}

impl Compiled {
    pub fn new(point: &RubricPoint, vocabulary: &Vocabulary) -> Compiled {
        let groups = point
            .all
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|alt| alternative(alt, vocabulary))
                    .collect()
            })
            .collect();
        let figure = point
            .figure
            .as_deref()
            .and_then(|f| Calculator::new().preview(f).ok())
            .map(|o| o.quantity);
        Compiled {
            groups,
            figure,
            reason: point.reason,
        }
    }
}

fn alternative(text: &str, vocabulary: &Vocabulary) -> Alternative {
    let (mut polarity, phrase) = match text.trim() {
        t if t.starts_with('~') => (Polarity::Any, &t[1..]),
        t if t.starts_with('!') => (Polarity::Negated, &t[1..]),
        t => (Polarity::Affirmed, t),
    };
    let expanded = vocabulary.expand(phrase);
    if expanded.problem && polarity == Polarity::Affirmed {
        polarity = Polarity::Any;
    }
    Alternative { expanded, polarity }
}

/// One statement of the notes, with what the judge needs to know about it.
#[derive(Debug, Clone)]
pub struct Noted {
    pub step: Step,
    pub statement: Statement,
    pub figures: Vec<Figure>,
    /// Statements of one bare list share an id; a list earns at most one point.
    pub list: Option<usize>,
}

/// A run of this many one-term lines is read as one list.
const TERM_COLUMN: usize = 8;

/// The interview's notes as statements, in step order, each said once: text repeated
/// (in the same or another step) counts only where it first appears.
pub fn read_notes<'a>(steps: impl IntoIterator<Item = (Step, &'a str)>) -> Vec<Noted> {
    let mut seen: std::collections::HashSet<
        _,
        std::hash::BuildHasherDefault<super::text::FxHasher>,
    > = Default::default();
    let mut out: Vec<Noted> = Vec::new();
    let mut lists = 0;
    for (step, notes) in steps {
        let first = out.len();
        for statement in statements(notes) {
            let print = fingerprint(&statement);
            if print.is_empty() || !seen.insert(print) {
                continue;
            }
            let figures = figures(&statement.text);
            // Working with numbers ("200M tweets/day / 86400 ≈ 2.3K/s") is no list of
            // terms; a buzzword list with "99.99%" in it still is.
            let working = figures
                .iter()
                .any(|f| f.meaningful && !f.quantity.dim.is_none())
                || (figures.iter().any(|f| f.meaningful)
                    && statement.text.contains(['=', '≈', '×', '*', '→', '>']));
            let list = (!working && is_bare_list(&statement)).then(|| {
                lists += 1;
                lists
            });
            out.push(Noted {
                step,
                figures,
                statement,
                list,
            });
        }
        // A column of one-term lines is one list too.
        let mut run: Vec<usize> = Vec::new();
        let mut flush = |run: &mut Vec<usize>, out: &mut Vec<Noted>| {
            if run.len() >= TERM_COLUMN {
                lists += 1;
                for &i in run.iter() {
                    if let Some(n) = out.get_mut(i) {
                        n.list = Some(lists);
                    }
                }
            }
            run.clear();
        };
        for i in first..out.len() {
            if out.get(i).is_some_and(|n| is_bare_term(&n.statement)) {
                run.push(i);
            } else {
                flush(&mut run, &mut out);
            }
        }
        flush(&mut run, &mut out);
    }
    out
}

/// Which statements hold which words: a phrase is only looked for in statements that
/// hold its first word, which keeps scoring a long interview fast.
pub struct Index {
    /// For each key, where it stands: (statement, word).
    by_key: FxMap<Sym, Vec<(usize, usize)>>,
}

impl Index {
    pub fn new(notes: &[Noted]) -> Index {
        let mut by_key: FxMap<Sym, Vec<(usize, usize)>> = FxMap::default();
        for (n, noted) in notes.iter().enumerate() {
            for (i, w) in noted.statement.words.iter().enumerate() {
                for key in std::iter::once(w.stem).chain(w.joined) {
                    by_key.entry(key).or_default().push((n, i));
                }
            }
        }
        Index { by_key }
    }

    /// Where a phrase may start: every (statement, word) holding its first key.
    fn starts<'a>(&'a self, phrase: &'a Phrase) -> impl Iterator<Item = (usize, usize)> + 'a {
        phrase
            .first_keys()
            .filter_map(|k| self.by_key.get(&k))
            .flatten()
            .copied()
    }
}

/// What one statement shows of a point.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Reading {
    Met,
    /// Every part is mentioned, but some only in a negated or dismissed clause.
    Negated,
}

/// How far one group of a point is shown in a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Shown {
    Not,
    /// Mentioned, but only negated (or not negated where `!` wants it so).
    Dismissed,
    Met,
}

/// Every statement that shows something of `point`, and what.
fn readings(point: &Compiled, notes: &[Noted], index: &Index) -> Vec<(usize, Reading)> {
    // shown[g][n]: how group g shows in statement n.
    let mut shown: Vec<Vec<Shown>> = Vec::with_capacity(point.groups.len());
    for group in &point.groups {
        let mut here = vec![Shown::Not; notes.len()];
        for alt in group {
            for phrase in alt.expanded.phrases() {
                for (n, start) in index.starts(phrase) {
                    let (Some(noted), Some(state)) = (notes.get(n), here.get_mut(n)) else {
                        continue;
                    };
                    if *state == Shown::Met {
                        continue;
                    }
                    let ws = &noted.statement.words;
                    let Some(end) = phrase.match_at(ws, start) else {
                        continue;
                    };
                    let neg = negated(ws, start, end);
                    let ok = match alt.polarity {
                        Polarity::Affirmed => !neg,
                        Polarity::Any => true,
                        Polarity::Negated => neg,
                    };
                    *state = match (ok, alt.polarity) {
                        (true, _) => Shown::Met,
                        // An affirmative mention where the point wants it negated
                        // ("page numbers" for "!page number") is no dismissal.
                        (false, Polarity::Negated) => *state,
                        (false, _) => Shown::Dismissed,
                    };
                }
            }
        }
        shown.push(here);
    }
    let Some(first) = shown.first() else {
        return Vec::new();
    };
    (0..first.len())
        .filter_map(|n| {
            let least = shown
                .iter()
                .map(|g| g.get(n).copied().unwrap_or(Shown::Not))
                .fold(Shown::Met, |a, b| if b < a { b } else { a });
            match least {
                Shown::Not => return None,
                Shown::Dismissed => return Some((n, Reading::Negated)),
                Shown::Met => {}
            }
            let noted = notes.get(n)?;
            if let Some(want) = &point.figure {
                let stated = noted.figures.iter().any(|f| {
                    f.quantity.dim == want.dim
                        && ratio(f.quantity.value, want.value) <= 2.0
                        && !given_not_derived(f.per, want.dim)
                });
                if !stated {
                    return None;
                }
            }
            if point.reason && !gives_reason(&noted.statement) {
                return None;
            }
            Some((n, Reading::Met))
        })
        .collect()
}

/// Whether a statement gives a reason or a trade-off.
pub fn gives_reason(s: &Statement) -> bool {
    s.words.iter().any(|w| w.flags & lexicon::REASON != 0)
        || ["->", "=>", "→", "b/c", "w/o"]
            .iter()
            .any(|a| s.text.contains(a))
}

/// Where a point was found, or where it was mentioned only negated.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub index: usize,
    pub negated: bool,
}

/// For each point (in order), the statement that earns it. Statements that are not bare
/// lists are placed first, heaviest points first, each point preferring its own step.
/// Then what is left may take a bare list, lightest points first: a list only names
/// things, so it earns at most one point, and the least one it shows.
pub fn place(points: &[(Step, u8, Compiled)], notes: &[Noted]) -> Vec<Option<Found>> {
    let index = Index::new(notes);
    let found: Vec<Vec<(usize, Reading)>> = points
        .iter()
        .map(|(_, _, point)| readings(point, notes, &index))
        .collect();
    let mut out: Vec<Option<Found>> = vec![None; points.len()];
    let weight = |i: &usize| points.get(*i).map_or(0, |p| p.1);
    let mut order: Vec<usize> = (0..points.len()).collect();

    // Prose: heaviest first; own step, then the earliest statement.
    order.sort_by_key(|i| std::cmp::Reverse(weight(i)));
    for &i in &order {
        let (Some((step, _, _)), Some(readings)) = (points.get(i), found.get(i)) else {
            continue;
        };
        let best = readings
            .iter()
            .filter(|(n, r)| *r == Reading::Met && notes.get(*n).is_some_and(|x| x.list.is_none()))
            .min_by_key(|(n, _)| (notes.get(*n).is_some_and(|x| x.step != *step), *n));
        if let (Some(&(n, _)), Some(slot)) = (best, out.get_mut(i)) {
            *slot = Some(Found {
                index: n,
                negated: false,
            });
        }
    }

    // Bare lists: lightest first, one point per list.
    let mut used_lists = std::collections::HashSet::new();
    order.sort_by_key(weight);
    for &i in &order {
        if out.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let Some(readings) = found.get(i) else {
            continue;
        };
        let list = readings.iter().find_map(|&(n, r)| {
            let l = notes.get(n)?.list?;
            (r == Reading::Met && !used_lists.contains(&l)).then_some((n, l))
        });
        let negated = readings
            .iter()
            .find(|(_, r)| *r == Reading::Negated)
            .map(|&(n, _)| n);
        let Some(slot) = out.get_mut(i) else { continue };
        *slot = match (list, negated) {
            (Some((n, l)), _) => {
                used_lists.insert(l);
                Some(Found {
                    index: n,
                    negated: false,
                })
            }
            (None, Some(n)) => Some(Found {
                index: n,
                negated: true,
            }),
            (None, None) => None,
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_are_found() {
        let s = |t: &str| statements(t).remove(0);
        assert!(gives_reason(&s("302 so clicks are counted")));
        assert!(gives_reason(&s("Redis in front -> DB sees 1% of reads")));
        assert!(!gives_reason(&s("Redis in front of the DB")));
    }

    #[test]
    fn lists_are_found_but_working_with_numbers_is_not_a_list() {
        let notes = read_notes([
            (
                Step::Capacity,
                "200M tweets/day / 86400 ≈ 2.3K tweets/sec, peak 3x",
            ),
            (Step::Architecture, "redis, kafka, cassandra, cdn, sharding"),
        ]);
        assert_eq!(notes.len(), 2);
        assert_eq!(notes[0].list, None);
        assert!(notes[1].list.is_some());
    }

    #[test]
    fn a_buzzword_list_with_a_percentage_is_still_a_list() {
        let notes = read_notes([(
            Step::Architecture,
            "redis, kafka, 99.99%, cassandra, cdn, sharding",
        )]);
        assert!(notes[0].list.is_some());
    }

    #[test]
    fn a_column_of_single_terms_is_one_list_but_a_few_short_bullets_are_not() {
        let column =
            "redis\nkafka\ncassandra\ncdn\nsharding\nreplication\nconsistent hashing\nbloom filter";
        let notes = read_notes([(Step::Architecture, column)]);
        let ids: std::collections::HashSet<_> = notes.iter().map(|n| n.list).collect();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert!(notes.iter().all(|n| n.list.is_some()));
        let bullets = "- shorten a URL\n- redirect\n- custom alias\n- expiry";
        assert!(
            read_notes([(Step::Requirements, bullets)])
                .iter()
                .all(|n| n.list.is_none())
        );
    }

    #[test]
    fn text_repeated_across_steps_counts_once() {
        let notes = read_notes([
            (Step::Architecture, "Cache hot links in Redis."),
            (
                Step::Bottlenecks,
                "cache hot link in redis\nreplicate the DB",
            ),
        ]);
        let texts: Vec<&str> = notes.iter().map(|n| n.statement.text.as_str()).collect();
        assert_eq!(texts, ["Cache hot links in Redis.", "replicate the DB"]);
    }
}
