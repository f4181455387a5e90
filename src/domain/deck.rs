//! Concept-card decks: the TOML format users write, its validation, and the catalogue.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::diagnostic::{Diagnostic, reflow};
use super::recover;
use super::sanitize::sanitize;

/// One flashcard.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Card {
    pub id: String,
    pub front: String,
    pub back: String,
    pub tags: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deck {
    pub id: String,
    pub title: String,
    pub description: Option<String>,
    pub cards: Vec<Card>,
    pub file: String,
}

impl Deck {
    /// The key a card's schedule is saved under: `deck/card`.
    pub fn card_key(&self, card: &Card) -> String {
        format!("{}/{}", self.id, card.id)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeck {
    id: Spanned<String>,
    title: Spanned<String>,
    description: Option<String>,
    #[serde(default)]
    cards: Vec<RawCard>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCard {
    id: Spanned<String>,
    front: Spanned<String>,
    back: Spanned<String>,
    #[serde(default)]
    tags: Vec<String>,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// Parse and validate one deck file; every error is reported with its location, sorted
/// by place: syntax errors, or else unknown keys and wrong types together with what
/// validation finds in the rest (see [`super::recover`]; a valid file takes one pass).
pub fn parse_deck(file: &str, bytes: &[u8]) -> Result<Deck, Vec<Diagnostic>> {
    let text = super::problem::utf8_text(file, bytes)?;
    let (deck, mut errors) = match toml::from_str::<RawDeck>(text) {
        Ok(raw) => {
            let (deck, errors) = validate(file, text, raw, &[]);
            (Some(deck), errors)
        }
        Err(_) => {
            let read = recover::read_all::<RawDeck>(file, text);
            let mut errors = read.errors;
            let deck = read.value.map(|raw| {
                let (deck, more) = validate(file, text, raw, &read.removed);
                errors.extend(more);
                deck
            });
            (deck, errors)
        }
    };
    // Messages about a value the recovery filled in say nothing about the file.
    errors.retain(|d| d.line > 0);
    errors.sort_by_key(|d| (d.line, d.col));
    match deck {
        Some(deck) if errors.is_empty() => Ok(deck),
        _ => Err(errors),
    }
}

/// The deck as read and what is wrong with it; `removed` is what the recovery took out.
fn validate(file: &str, text: &str, raw: RawDeck, removed: &[String]) -> (Deck, Vec<Diagnostic>) {
    let lines = super::diagnostic::Lines::new(text);
    let at = |span: std::ops::Range<usize>, msg: String| {
        // A placeholder (see `recover`) is no place in the file: line 0, dropped later.
        recover::located(file, &lines, span, msg).unwrap_or_else(|| Diagnostic {
            file: file.to_string(),
            line: 0,
            col: 0,
            message: String::new(),
        })
    };
    let mut errors = Vec::new();
    if !valid_id(raw.id.get_ref()) {
        errors.push(at(
            raw.id.span(),
            format!(
                "invalid deck id {:?}: use lowercase letters, digits and '-'",
                raw.id.get_ref()
            ),
        ));
    }
    let title = sanitize(raw.title.get_ref().trim(), true);
    if title.is_empty() {
        errors.push(at(raw.title.span(), "title is empty".into()));
    }
    // Cards that did not read are reported already; the deck is not empty.
    if raw.cards.is_empty() && !removed.iter().any(|r| r.starts_with("cards")) {
        errors.push(at(
            raw.id.span(),
            "a deck needs at least one [[cards]] entry".into(),
        ));
    }
    let mut seen: BTreeMap<String, ()> = BTreeMap::new();
    let cards = raw
        .cards
        .into_iter()
        .map(|c| {
            let id = c.id.get_ref().clone();
            if !valid_id(&id) {
                errors.push(at(
                    c.id.span(),
                    format!("invalid card id {id:?}: use lowercase letters, digits and '-'"),
                ));
            } else if seen.insert(id.clone(), ()).is_some() {
                errors.push(at(
                    c.id.span(),
                    format!("card id {id:?} is used twice in this deck"),
                ));
            }
            for (name, value) in [("front", &c.front), ("back", &c.back)] {
                if value.get_ref().trim().is_empty() {
                    errors.push(at(value.span(), format!("card {id:?} has an empty {name}")));
                }
            }
            Card {
                id,
                front: reflow(&sanitize(c.front.get_ref().trim(), false)),
                back: reflow(&sanitize(c.back.get_ref().trim(), false)),
                tags: c.tags.iter().map(|t| sanitize(t.trim(), true)).collect(),
            }
        })
        .collect();
    let deck = Deck {
        id: raw.id.get_ref().clone(),
        title,
        description: raw
            .description
            .map(|d| sanitize(d.trim(), true))
            .filter(|d| !d.is_empty()),
        cards,
        file: file.to_string(),
    };
    (deck, errors)
}

/// Every deck that loaded, and why the others did not.
#[derive(Debug, Default, Clone)]
pub struct Decks {
    pub decks: Vec<Deck>,
    pub warnings: Vec<Diagnostic>,
}

impl Decks {
    /// Add one file; a bad file or a repeated id adds a warning and nothing else.
    pub fn add(&mut self, file: &str, bytes: &[u8]) {
        match parse_deck(file, bytes) {
            Ok(deck) => match self.decks.iter().find(|d| d.id == deck.id) {
                Some(first) => {
                    let message = format!(
                        "duplicate deck id {:?}: already defined in {}",
                        deck.id, first.file
                    );
                    self.warnings
                        .push(super::problem::at_id(file, bytes, message));
                }
                None => self.decks.push(deck),
            },
            Err(diags) => self.warnings.extend(diags),
        }
    }

    pub fn card_count(&self) -> usize {
        self.decks.iter().map(|d| d.cards.len()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
id = "caching"
title = "Caching"

[[cards]]
id = "cache-aside"
front = "What is cache-aside?"
back = """
The app reads the cache,
then the database on a miss.
"""
"#;

    #[test]
    fn a_good_deck_parses_and_text_reflows() {
        let d = parse_deck("c.toml", GOOD.as_bytes()).unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(d.cards.len(), 1);
        assert_eq!(
            d.cards[0].back,
            "The app reads the cache, then the database on a miss."
        );
        assert_eq!(d.card_key(&d.cards[0]), "caching/cache-aside");
    }

    #[test]
    fn bad_decks_are_reported_where_the_problem_is() {
        let msgs = |src: &str| -> Vec<String> {
            parse_deck("d.toml", src.as_bytes())
                .err()
                .unwrap_or_default()
                .iter()
                .map(|d| d.to_string())
                .collect()
        };
        let dup = format!("{GOOD}\n[[cards]]\nid = \"cache-aside\"\nfront = \"x\"\nback = \"y\"\n");
        assert_eq!(
            msgs(&dup),
            ["d.toml:14:6: card id \"cache-aside\" is used twice in this deck"]
        );
        // The typo, and the card it leaves without a front (at the card's header).
        let typo = GOOD.replace("front =", "frnt =");
        assert_eq!(
            msgs(&typo),
            [
                "d.toml:5:1: missing field `front`",
                "d.toml:7:1: unknown field `frnt`, expected one of `id`, `front`, `back`, `tags`"
            ]
        );
        assert_eq!(
            msgs("id = \"x\"\ntitle = \"X\"\n"),
            ["d.toml:1:6: a deck needs at least one [[cards]] entry"]
        );
        let mut decks = Decks::default();
        decks.add("a.toml", GOOD.as_bytes());
        decks.add("b.toml", GOOD.as_bytes());
        assert_eq!(decks.decks.len(), 1);
        assert_eq!(
            decks.warnings[0].message,
            "duplicate deck id \"caching\": already defined in a.toml"
        );
    }
}
