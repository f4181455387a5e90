//! Reading a TOML file into a serde type and reporting every error in it, not only the
//! first.
//!
//! serde stops at the first unknown key or value of the wrong type. Callers keep their fast
//! path (`toml::from_str`, untouched for valid files) and come here only when it fails.
//! Here the file is parsed into a [`DeTable`], which collects every syntax error, and then
//! deserialised again and again: after each error the entry it is about is taken out (an
//! unknown key, a value of the wrong type, an array element or a table that lacks a key)
//! and the rest is tried again, until it reads. So one run reports every unknown key and
//! wrong type, and the caller's own validation still runs on what is left.
//!
//! A required key missing from the top-level table is filled with an empty string placed at
//! [`PLACEHOLDER`], so the file's other checks still run; callers drop whatever their
//! validation says about a value there (see [`located`]). A missing key that follows from
//! an entry taken out here (a wrong type on a required key) is not reported twice.

use std::ops::Range;

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeArray, DeTable, DeValue};

use super::diagnostic::{Diagnostic, Lines};

/// Where placeholder values are said to be: past the end of any file.
pub const PLACEHOLDER: usize = usize::MAX / 2;

/// Give up after this many errors in one file; the list is long enough to start fixing.
const MAX_ERRORS: usize = 100;

/// What could be read, and every error met on the way.
pub struct Recovered<T> {
    /// The file as `T` once every offending entry was taken out; `None` after syntax
    /// errors (what follows them would be guesswork) or when nothing readable is left.
    pub value: Option<T>,
    /// Syntax errors, or unknown keys and wrong types, in the order met.
    pub errors: Vec<Diagnostic>,
    /// Paths of what was taken out (`cards[2]`, `steps.apis.minutes`), so a check on
    /// what is left can tell "none written" from "none that read".
    pub removed: Vec<String>,
}

/// A diagnostic at `span` of the text of `lines`, or `None` for a placeholder's span.
pub fn located(
    file: &str,
    lines: &Lines,
    span: Range<usize>,
    message: String,
) -> Option<Diagnostic> {
    (span.start < PLACEHOLDER).then(|| lines.diagnostic(file, span.start, message))
}

/// One clean line from toml's messages, which end with a newline and may span lines.
pub fn tidy(message: &str) -> String {
    message.trim().replace('\n', "; ")
}

/// `text` read as a `T` with every syntax error, unknown key and wrong type reported.
/// Slow (one deserialisation per error): for files that failed the fast path.
pub fn read_all<T: DeserializeOwned>(file: &str, text: &str) -> Recovered<T> {
    let mut out = Recovered {
        value: None,
        errors: Vec::new(),
        removed: Vec::new(),
    };
    let (mut root, syntax) = DeTable::parse_recoverable(text);
    if !syntax.is_empty() {
        for e in syntax {
            let at = e.span().map_or(0, |s| s.start);
            out.errors
                .push(Diagnostic::at_offset(file, text, at, tidy(e.message())));
        }
        out.errors.sort_by_key(|d| (d.line, d.col));
        return out;
    }
    // Keys taken out, by the span of the table they were in: the "missing field" that
    // follows is the same error again.
    let mut taken: Vec<(Range<usize>, String)> = Vec::new();
    while out.errors.len() < MAX_ERRORS {
        let de = toml::de::Deserializer::from(root.clone());
        let e = match T::deserialize(de) {
            Ok(value) => {
                out.value = Some(value);
                return out;
            }
            Err(e) => e,
        };
        let Some(span) = e.span() else {
            out.errors
                .push(Diagnostic::at_offset(file, text, 0, tidy(e.message())));
            return out;
        };
        if span.start >= PLACEHOLDER {
            // A placeholder of the wrong type: nothing more to learn.
            return out;
        }
        let missing = missing_field(e.message());
        let (report, fixed) = match missing {
            Some(key) => {
                let repeat = taken.iter().any(|(s, k)| *s == span && k == key);
                let fixed = match find(&root, &span, true) {
                    // Top level: fill the key so the rest can be checked.
                    Some(found) if found.path.is_empty() => {
                        root.get_mut().insert(
                            Spanned::new(PLACEHOLDER..PLACEHOLDER, key.to_string().into()),
                            Spanned::new(PLACEHOLDER..PLACEHOLDER, DeValue::String("".into())),
                        );
                        true
                    }
                    Some(found) => {
                        out.removed.push(path_text(&found.path));
                        remove(root.get_mut(), &found.path)
                    }
                    None => false,
                };
                (!repeat, fixed)
            }
            None => {
                let fixed = match find(&root, &span, false) {
                    Some(found) if !found.path.is_empty() => {
                        if let Some(Seg::Key(key)) = found.path.last() {
                            taken.push((found.parent_span.clone(), key.clone()));
                        }
                        out.removed.push(path_text(&found.path));
                        remove(root.get_mut(), &found.path)
                    }
                    _ => false,
                };
                (true, fixed)
            }
        };
        if report {
            out.errors.push(Diagnostic::at_offset(
                file,
                text,
                span.start,
                tidy(e.message()),
            ));
        }
        if !fixed {
            return out;
        }
    }
    out
}

/// The key in serde's "missing field `key`".
fn missing_field(message: &str) -> Option<&str> {
    message
        .trim()
        .strip_prefix("missing field `")?
        .split('`')
        .next()
}

#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// A value found in the tree: its path, and the span of the table or array it is in.
struct Found {
    path: Vec<Seg>,
    parent_span: Range<usize>,
}

/// The value an error at `span` is about: the deepest whose key or value is exactly
/// `span`, else the deepest whose key or value holds its start (only tables, and the
/// document itself, when `tables`). One walk, copying a path only for a better match.
fn find(root: &Spanned<DeTable>, span: &Range<usize>, tables: bool) -> Option<Found> {
    struct Search<'s> {
        span: &'s Range<usize>,
        tables: bool,
        path: Vec<Seg>,
        exact: Option<Found>,
        holding: Option<Found>,
    }
    impl Search<'_> {
        fn visit(
            &mut self,
            value: &Spanned<DeValue>,
            key: Option<Range<usize>>,
            parent: &Range<usize>,
        ) {
            let value_span = value.span();
            if !self.tables || value.get_ref().is_table() {
                let exact = key.as_ref() == Some(self.span) || value_span == *self.span;
                let holds = value_span.contains(&self.span.start)
                    || key.as_ref().is_some_and(|k| k.contains(&self.span.start));
                let depth = self.path.len();
                let deeper =
                    |best: &Option<Found>| best.as_ref().is_none_or(|b| depth > b.path.len());
                let found = || Found {
                    path: self.path.clone(),
                    parent_span: parent.clone(),
                };
                if exact && deeper(&self.exact) {
                    self.exact = Some(found());
                } else if holds && deeper(&self.holding) {
                    self.holding = Some(found());
                }
            }
            match value.get_ref() {
                DeValue::Table(t) => {
                    for (k, v) in t {
                        self.path.push(Seg::Key(k.get_ref().to_string()));
                        self.visit(v, Some(k.span()), &value_span);
                        self.path.pop();
                    }
                }
                DeValue::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        self.path.push(Seg::Index(i));
                        self.visit(v, None, &value_span);
                        self.path.pop();
                    }
                }
                _ => {}
            }
        }
    }
    let mut search = Search {
        span,
        tables,
        path: Vec::new(),
        exact: None,
        holding: None,
    };
    let whole = root.span();
    // The document itself, then what is in it.
    let top = Spanned::new(whole.clone(), DeValue::Table(DeTable::new()));
    search.visit(&top, None, &whole);
    for (k, v) in root.get_ref() {
        search.path.push(Seg::Key(k.get_ref().to_string()));
        search.visit(v, Some(k.span()), &whole);
        search.path.pop();
    }
    search.exact.or(search.holding)
}

fn path_text(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Take the value at `path` out of the tree; false if there is none.
fn remove(table: &mut DeTable, path: &[Seg]) -> bool {
    match path {
        [] => false,
        [Seg::Key(k)] => table.remove(k.as_str()).is_some(),
        [Seg::Index(_)] => false,
        [Seg::Key(k), rest @ ..] => match table.get_mut(k.as_str()) {
            Some(v) => remove_in(v.get_mut(), rest),
            None => false,
        },
        [Seg::Index(_), ..] => false,
    }
}

fn remove_in(value: &mut DeValue, path: &[Seg]) -> bool {
    match (value, path) {
        (DeValue::Table(t), _) => remove(t, path),
        (DeValue::Array(items), [Seg::Index(i)]) => {
            if *i >= items.len() {
                return false;
            }
            let mut kept = DeArray::new();
            for (j, item) in items.iter().enumerate() {
                if j != *i {
                    kept.push(item.clone());
                }
            }
            *items = kept;
            true
        }
        (DeValue::Array(items), [Seg::Index(i), rest @ ..]) => match items.get_mut(*i) {
            Some(v) => remove_in(v.get_mut(), rest),
            None => false,
        },
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        name: String,
        size: Option<u32>,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        id: String,
        n: Option<i64>,
    }

    fn errors(text: &str) -> (Option<Doc>, Vec<String>) {
        let r = read_all::<Doc>("d.toml", text);
        (r.value, r.errors.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn every_unknown_key_and_wrong_type_is_reported_and_the_rest_reads() {
        let text = "name = \"x\"\ncolour = 1\nsize = \"big\"\n\n[[items]]\nid = \"a\"\nextra = true\n\
                    \n[[items]]\nid = 3\n\n[[items]]\nid = \"c\"\nn = 2\n";
        let (doc, mut errs) = errors(text);
        errs.sort();
        assert_eq!(errs.len(), 4, "{errs:#?}");
        assert!(
            errs[0].starts_with("d.toml:10:6: invalid type: integer `3`"),
            "{errs:#?}"
        );
        assert!(
            errs[1].starts_with("d.toml:2:1: unknown field `colour`"),
            "{errs:#?}"
        );
        assert!(
            errs[2].starts_with("d.toml:3:8: invalid type: string \"big\""),
            "{errs:#?}"
        );
        assert!(
            errs[3].starts_with("d.toml:7:1: unknown field `extra`"),
            "{errs:#?}"
        );
        // The item whose id was wrong is gone; the others stay.
        let doc = doc.unwrap_or_else(|| panic!("nothing read"));
        let ids: Vec<&str> = doc.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        assert_eq!(doc.size, None);
    }

    #[test]
    fn a_missing_top_level_key_is_reported_once_and_filled_for_the_rest() {
        let (doc, errs) = errors("size = 3\nwhat = 1\n");
        assert_eq!(errs.len(), 2, "{errs:#?}");
        assert!(
            errs.iter()
                .any(|e| e.starts_with("d.toml:1:1: missing field `name`"))
        );
        assert!(
            errs.iter()
                .any(|e| e.starts_with("d.toml:2:1: unknown field `what`"))
        );
        assert_eq!(doc.map(|d| d.size), Some(Some(3)));
        // A wrong type on a required key is one error, not that and "missing".
        let (_, errs) = errors("name = 5\n");
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert!(errs[0].starts_with("d.toml:1:8: invalid type"), "{errs:#?}");
    }

    #[test]
    fn a_file_of_nothing_but_errors_stops_at_the_limit() {
        let text: String = (0..MAX_ERRORS + 50)
            .map(|i| format!("key{i} = {i}\n"))
            .collect();
        let (doc, errs) = errors(&format!("name = \"x\"\n{text}"));
        assert_eq!(errs.len(), MAX_ERRORS);
        assert!(doc.is_none());
    }

    #[test]
    fn syntax_errors_are_all_reported_and_nothing_more() {
        let (doc, errs) = errors("name = \"x\nsize = = 2\nother = 3\n");
        assert!(doc.is_none());
        assert!(errs.len() >= 2, "{errs:#?}");
        assert!(errs[0].starts_with("d.toml:1:"), "{errs:#?}");
        assert!(errs.iter().any(|e| e.starts_with("d.toml:2:")), "{errs:#?}");
        assert!(
            !errs.iter().any(|e| e.contains("unknown field")),
            "{errs:#?}"
        );
    }
}
