//! The shared vocabulary of system-design concepts (`vocabulary/concepts.toml`, built
//! in), plus the concepts a problem adds: a phrase that names a concept also finds every
//! way people write it.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::matcher::Phrase;
use super::text::{Sym, stem, words};

/// The vocabulary file, built into the binary.
pub const BUILTIN: &str = include_str!("../../../vocabulary/concepts.toml");

/// One idea and the ways it is written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Concept {
    pub name: String,
    #[serde(default)]
    pub terms: Vec<String>,
    /// A failure people say they avoid ("no single point of failure"): a negated mention
    /// still shows the idea, so negation does not cancel it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub problem: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    concept: Vec<Concept>,
}

/// A concept ready to match: its name and terms as phrases.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: String,
    /// Shared, so vocabularies extended per problem clone cheaply.
    pub phrases: Arc<Vec<Phrase>>,
    pub problem: bool,
}

/// A phrase ready to look for, with every other way of writing it when it names a
/// concept. Rubric alternatives and clarification keywords are both read this way.
#[derive(Debug, Clone)]
pub struct Expanded {
    phrase: Phrase,
    concept: Option<Arc<Vec<Phrase>>>,
    /// It names a concept marked `problem`: negation does not cancel it.
    pub problem: bool,
}

impl Expanded {
    /// The phrase itself, then the concept's phrases.
    pub fn phrases(&self) -> impl Iterator<Item = &Phrase> {
        std::iter::once(&self.phrase)
            .chain(self.concept.iter().flat_map(|c| c.iter()))
            .filter(|p| !p.is_empty())
    }

    /// Whether any way of writing it stands in `ws`.
    pub fn is_in(&self, ws: &[super::text::Word]) -> bool {
        self.phrases().any(|p| p.is_in(ws))
    }
}

/// Concepts by the normalised form of their name.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    entries: Vec<Entry>,
    by_name: HashMap<Sym, usize>,
}

/// The key a phrase is looked up by: its stems, joined, so "load-balancer",
/// "load balancers" and "loadbalancer" agree.
pub fn key(phrase: &str) -> Sym {
    let joined: String = words(phrase).iter().map(|w| w.raw.as_str()).collect();
    stem(&joined)
}

impl Vocabulary {
    /// Parse a vocabulary file.
    pub fn parse(text: &str) -> Result<Vocabulary, toml::de::Error> {
        let file: File = toml::from_str(text)?;
        let mut v = Vocabulary::default();
        v.extend(&file.concept);
        Ok(v)
    }

    /// The built-in vocabulary, parsed once. A test keeps the file valid; were it not,
    /// the judge would still work on literal phrases.
    pub fn builtin() -> &'static Vocabulary {
        static V: OnceLock<Vocabulary> = OnceLock::new();
        V.get_or_init(|| Vocabulary::parse(BUILTIN).unwrap_or_default())
    }

    /// Add concepts; one with a name already known adds its terms to that concept.
    pub fn extend(&mut self, concepts: &[Concept]) {
        for c in concepts {
            let phrases: Vec<Phrase> = std::iter::once(&c.name)
                .chain(&c.terms)
                .map(|t| Phrase::new(t))
                .filter(|p| !p.is_empty())
                .collect();
            if words(&c.name).is_empty() {
                continue;
            }
            let k = key(&c.name);
            match self.by_name.get(&k).and_then(|&i| self.entries.get_mut(i)) {
                Some(entry) => {
                    Arc::make_mut(&mut entry.phrases).extend(phrases.into_iter().skip(1));
                    entry.problem |= c.problem;
                }
                None => {
                    self.by_name.insert(k, self.entries.len());
                    self.entries.push(Entry {
                        name: c.name.clone(),
                        phrases: Arc::new(phrases),
                        problem: c.problem,
                    });
                }
            }
        }
    }

    /// The concept a phrase names, if any.
    pub fn concept(&self, phrase: &str) -> Option<&Entry> {
        self.by_name
            .get(&key(phrase))
            .and_then(|&i| self.entries.get(i))
    }

    /// `phrase` with the other names of the concept it names, if any.
    pub fn expand(&self, phrase: &str) -> Expanded {
        let entry = self.concept(phrase);
        Expanded {
            phrase: Phrase::new(phrase),
            concept: entry.map(|c| c.phrases.clone()),
            problem: entry.is_some_and(|c| c.problem),
        }
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_parses_and_names_each_concept_once() {
        let v = Vocabulary::parse(BUILTIN).unwrap_or_else(|e| panic!("{e}"));
        assert!(v.len() >= 100, "{} concepts", v.len());
        let file: File = toml::from_str(BUILTIN).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(file.concept.len(), v.len(), "a name is repeated");
        let mut seen = HashMap::new();
        for c in &file.concept {
            for t in std::iter::once(&c.name).chain(&c.terms) {
                if let Some(other) = seen.insert(key(t), c.name.clone()) {
                    assert_eq!(other, c.name, "{t:?} is in two concepts");
                }
            }
        }
    }

    #[test]
    fn a_concept_is_found_by_any_spelling_of_its_name_and_extended_by_problems() {
        let mut v = Vocabulary::parse(
            "[[concept]]\nname = \"load balancer\"\nterms = [\"lb\", \"haproxy\"]\n",
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let entry = v.concept("Load-Balancers").map(|e| e.phrases.len());
        assert_eq!(entry, Some(3));
        assert!(v.concept("lb").is_none(), "terms do not name the concept");
        v.extend(&[Concept {
            name: "load balancer".into(),
            terms: vec!["front door".into()],
            problem: false,
        }]);
        assert_eq!(v.concept("load balancer").map(|e| e.phrases.len()), Some(4));
    }
}
