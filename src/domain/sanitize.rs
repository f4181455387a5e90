//! The one sanitiser for text that reaches a terminal.
//!
//! Problem files, deck files, transcripts, drill records and file names are written by
//! people other than the one reading the screen (a shared problem, a hand-edited session,
//! a file name from a download). Printed raw, such text can carry escape sequences that
//! move the cursor, retitle the window (OSC 0), write to the clipboard (OSC 52) or clear
//! the screen, and invisible characters that reorder what is shown (bidi overrides) or
//! hide part of it (zero-width characters). Everything sdcoach prints or draws goes
//! through this module: [`sanitize`] for text, [`escape_json`] and [`escape_toml`] for
//! documents tools read back, which must keep every character.
//!
//! What [`sanitize`] does, character by character:
//! - C0 and C1 control characters (ESC, BEL, DEL, the 8-bit CSI 0x9b, ...) are dropped,
//!   so a sequence can never start; its printable tail (`[31m`) stays visible, which
//!   also shows that something was there.
//! - Line breaks (`\n`, `\r\n`, NEL, U+2028, U+2029) become `\n`, or a space in
//!   single-line text; a tab becomes a space.
//! - Bidi controls (U+202A-U+202E, U+2066-U+2069, U+200E, U+200F, U+061C) and invisible
//!   format characters (U+200B, U+2060-U+2064 and the rest of U+2060-U+206F, U+FEFF,
//!   U+180E, U+FFF9-U+FFFB, tag characters) are dropped. So is the soft hyphen U+00AD:
//!   a terminal never hyphenates, and terminals disagree on whether it takes a cell,
//!   which breaks alignment.
//! - ZWJ and ZWNJ (U+200D, U+200C) are kept between two visible non-ASCII characters,
//!   where they join an emoji sequence (👩‍💻) or shape Indic, Persian or Arabic text, and
//!   dropped anywhere else (`ad\u{200C}min` shows as `admin`). Tag characters are kept
//!   only in the run right after U+1F3F4, where they spell a subdivision flag.
//! - Everything else, accents, CJK, emoji, combining marks, variation selectors, is kept
//!   as it is.

/// True for characters that are never printed as themselves: control characters, line
/// and paragraph separators, bidi controls and invisible format characters.
pub fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{00AD}'
                | '\u{061C}'
                | '\u{180E}'
                | '\u{200B}'..='\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2060}'..='\u{206F}'
                | '\u{FEFF}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
const BLACK_FLAG: char = '\u{1F3F4}';
const TAGS: std::ops::RangeInclusive<char> = '\u{E0020}'..='\u{E007F}';
const CANCEL_TAG: char = '\u{E007F}';

/// What a joiner may sit between: a visible character outside ASCII.
fn joinable(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && !is_invisible(c)
}

/// Text made safe to print or draw (see the module documentation). Newlines stay unless
/// `single_line` is set, when they become spaces. Idempotent.
pub fn sanitize(text: &str, single_line: bool) -> String {
    let break_with = if single_line { ' ' } else { '\n' };
    // Printable ASCII (and kept newlines) is copied a run at a time: nearly all text is.
    let plain = |b: u8| (0x20..0x7f).contains(&b) || (b == b'\n' && !single_line);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // The last character kept, for the joiner and flag rules.
    let mut prev: Option<char> = None;
    while !rest.is_empty() {
        let run = rest.bytes().position(|b| !plain(b)).unwrap_or(rest.len());
        if run > 0 {
            let (head, tail) = rest.split_at(run);
            out.push_str(head);
            prev = head.chars().next_back();
            rest = tail;
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        let next = chars.next();
        rest = &rest[c.len_utf8()..];
        let kept = match c {
            '\n' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some(break_with),
            '\t' => Some(' '),
            ZWJ | ZWNJ if prev.is_some_and(joinable) && next.is_some_and(joinable) => Some(c),
            c if TAGS.contains(&c)
                && prev
                    .is_some_and(|p| p == BLACK_FLAG || TAGS.contains(&p) && p != CANCEL_TAG) =>
            {
                Some(c)
            }
            c if is_invisible(c) => None,
            c => Some(c),
        };
        if let Some(k) = kept {
            out.push(k);
            prev = Some(k);
        }
    }
    out
}

/// `c` as a JSON string escape: `\u200E`, or a surrogate pair beyond U+FFFF.
fn push_json_escape(out: &mut String, c: char) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{unit:04X}"));
    }
}

/// A JSON document safe to print, with every character kept. serde_json escapes C0
/// controls but writes DEL, C1 controls (CSI 0x9b), bidi and zero-width characters
/// raw; this escapes those too (`\u202E`), so a tool reading the output gets exactly the
/// original strings and a terminal showing it gets nothing to act on. Outside strings
/// JSON has only ASCII punctuation, digits, spaces and newlines, so every such character
/// is inside a string, where an escape means the same character.
pub fn escape_json(json: &str) -> String {
    if !json.chars().any(|c| c != '\n' && is_invisible(c)) {
        return json.to_string();
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if c != '\n' && is_invisible(c) {
            push_json_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// What must be escaped in TOML output: invisible characters other than the newlines
/// and tabs TOML strings may hold raw (both are harmless on a terminal).
fn toml_unsafe(c: char) -> bool {
    is_invisible(c) && c != '\n' && c != '\t'
}

/// `c` as a TOML basic-string escape: `\u202E` or `\U000E0041`.
fn push_toml_escape(out: &mut String, c: char) {
    let n = u32::from(c);
    if n <= 0xFFFF {
        out.push_str(&format!("\\u{n:04X}"));
    } else {
        out.push_str(&format!("\\U{n:08X}"));
    }
}

/// Literal-string content written as basic-string content: the same characters.
fn push_as_basic(out: &mut String, content: &str) {
    for c in content.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if toml_unsafe(c) => push_toml_escape(out, c),
            c => out.push(c),
        }
    }
}

/// A TOML document (as the `toml` crate writes it) safe to print, with every value
/// kept: invisible characters in basic strings become `\uXXXX` escapes, and a literal
/// string holding one (literal strings have no escapes) is rewritten as the basic
/// string with the same value. Comments lose such characters. Valid TOML in, valid
/// TOML with the same values out.
pub fn escape_toml(doc: &str) -> String {
    if !doc.chars().any(toml_unsafe) {
        return doc.to_string();
    }
    let mut out = String::with_capacity(doc.len() + 16);
    let mut rest = doc;
    while let Some(c) = rest.chars().next() {
        rest = if let Some(body) = rest.strip_prefix("\"\"\"") {
            toml_basic(body, &mut out, true)
        } else if c == '"' {
            toml_basic(&rest[1..], &mut out, false)
        } else if let Some(body) = rest.strip_prefix("'''") {
            toml_literal(body, &mut out, true)
        } else if c == '\'' {
            toml_literal(&rest[1..], &mut out, false)
        } else if c == '#' {
            let end = rest.find('\n').unwrap_or(rest.len());
            out.extend(rest[..end].chars().filter(|&c| !toml_unsafe(c)));
            &rest[end..]
        } else {
            // Bare keys, numbers, dates and punctuation are ASCII.
            if !toml_unsafe(c) {
                out.push(c);
            }
            &rest[c.len_utf8()..]
        };
    }
    out
}

/// Copy a basic (or multi-line basic) string's body and its closing quotes, escaping
/// what must be; returns the text after it.
fn toml_basic<'a>(body: &'a str, out: &mut String, multi: bool) -> &'a str {
    out.push_str(if multi { "\"\"\"" } else { "\"" });
    let mut chars = body.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                out.push('\\');
                if let Some((_, next)) = chars.next() {
                    out.push(next);
                }
            }
            '"' if !multi => {
                out.push('"');
                return &body[i + 1..];
            }
            '"' => {
                // One or two quotes are content; three or more end the string, the
                // last three being the delimiter.
                let run = body[i..].chars().take_while(|&q| q == '"').count();
                out.push_str(&body[i..i + run]);
                if run >= 3 {
                    return &body[i + run..];
                }
                for _ in 1..run {
                    chars.next();
                }
            }
            c if toml_unsafe(c) => push_toml_escape(out, c),
            c => out.push(c),
        }
    }
    ""
}

/// Copy a literal (or multi-line literal) string, rewriting it as a basic string when
/// it holds a character that must be escaped; returns the text after it.
fn toml_literal<'a>(body: &'a str, out: &mut String, multi: bool) -> &'a str {
    let (content, after) = if multi {
        // One or two quotes may end the content; the first run of three or more
        // closes the string, the last three being the delimiter.
        match body.find("'''") {
            Some(start) => {
                let run = body[start..].chars().take_while(|&q| q == '\'').count();
                (&body[..start + run - 3], &body[start + run..])
            }
            None => (body, ""),
        }
    } else {
        let end = body.find('\'').unwrap_or(body.len());
        (&body[..end], body.get(end + 1..).unwrap_or(""))
    };
    let quote = if multi { "'''" } else { "'" };
    if content.chars().any(toml_unsafe) {
        let quote = if multi { "\"\"\"" } else { "\"" };
        out.push_str(quote);
        push_as_basic(out, content);
        out.push_str(quote);
    } else {
        out.push_str(quote);
        out.push_str(content);
        out.push_str(quote);
    }
    after
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The characters that must never reach a terminal, listed independently of
    /// `is_invisible` so a mistake there shows here.
    fn dangerous(c: char) -> bool {
        let n = u32::from(c);
        n < 0x20 && c != '\n'
            || (0x7F..=0x9F).contains(&n)
            || (0x202A..=0x202E).contains(&n)
            || (0x2066..=0x2069).contains(&n)
            || matches!(
                n,
                0x200E | 0x200F | 0x061C | 0x200B | 0xFEFF | 0x2028 | 0x2029
            )
            || (0x2060..=0x2064).contains(&n)
    }

    #[test]
    fn escape_sequences_lose_their_escape_and_keep_a_visible_tail() {
        assert_eq!(sanitize("red\x1b[31m text\x07", false), "red[31m text");
        assert_eq!(
            sanitize("t\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07x", true),
            "t]0;owned]52;c;ZXZpbA==x"
        );
        assert_eq!(sanitize("a\u{9b}31mb\u{7f}\u{85}c", true), "a31mb c");
        assert_eq!(sanitize("a\tb\nc", true), "a b c");
        assert_eq!(sanitize("a\r\nb", false), "a\nb");
        assert_eq!(sanitize("a\u{2028}b\u{2029}c", false), "a\nb\nc");
        assert_eq!(sanitize("a\u{2028}b", true), "a b");
    }

    #[test]
    fn bidi_and_invisible_characters_are_dropped() {
        assert_eq!(
            sanitize(
                "evil\u{202E}txt.exe\u{202C} \u{2066}x\u{2069}\u{200E}\u{200F}\u{61C}",
                true
            ),
            "eviltxt.exe x"
        );
        assert_eq!(
            sanitize("\u{FEFF}a\u{200B}d\u{2060}m\u{2063}i\u{AD}n", true),
            "admin"
        );
        assert_eq!(sanitize("ad\u{200C}min\u{200D}", true), "admin");
        assert_eq!(sanitize("\u{E0041}tag", true), "tag", "tag smuggling");
    }

    #[test]
    fn ordinary_unicode_is_kept_and_joiners_stay_inside_words_and_emoji() {
        for s in [
            "Café naïve résumé",
            "日本語のテキスト, 한국어, 中文",
            "emoji 🚀 ✅ 👍🏽 ❤️",
            "family 👨\u{200D}👩\u{200D}👧 coder 👩\u{200D}💻",
            "می\u{200C}خواهم",
            "क्\u{200D}ष",
            "Scotland 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
            "e\u{301} combining",
        ] {
            assert_eq!(sanitize(s, true), s);
            assert_eq!(sanitize(s, false), s);
        }
    }

    #[test]
    fn json_keeps_every_character_and_escapes_the_invisible_ones() -> serde_json::Result<()> {
        let s = "t\u{1b}]0;x\u{7}\u{9b}\u{7f}\u{202E}\u{200B}\u{200D}\u{2028}\u{E0041}é😀\n";
        let json = escape_json(&serde_json::to_string_pretty(&vec![s])?);
        assert!(
            !json.chars().any(|c| c != '\n' && is_invisible(c)),
            "{json}"
        );
        assert!(
            json.contains("\\u202E") && json.contains("\\uDB40\\uDC41"),
            "{json}"
        );
        assert!(json.contains("é😀"));
        let back: Vec<String> = serde_json::from_str(&json)?;
        assert_eq!(back, [s]);
        Ok(())
    }

    #[test]
    fn toml_keeps_every_character_in_every_kind_of_string() -> anyhow::Result<()> {
        #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
        struct Doc {
            basic: String,
            literal: String,
            multi: String,
            multi_literal: String,
            map: std::collections::BTreeMap<String, String>,
        }
        let doc = Doc {
            basic: "plain \u{202E}".into(),
            literal: "has \"quotes\" \\ and \u{200B}".into(),
            multi: "line\u{2066} one\nline two \"\"".into(),
            multi_literal: "a \\ back\u{9b}slash\nand 'quotes' \"\"\" ''".into(),
            map: [("k\u{202E}ey".to_string(), "v".to_string())].into(),
        };
        let text = escape_toml(&toml::to_string(&doc)?);
        assert!(!text.chars().any(toml_unsafe), "{text}");
        assert_eq!(toml::from_str::<Doc>(&text)?, doc, "{text}");
        Ok(())
    }

    /// Strings that mix ordinary text with everything awkward.
    fn awkward() -> impl Strategy<Value = String> {
        let special = prop::sample::select(vec![
            '\x1b',
            '\x07',
            '\u{9b}',
            '\u{7f}',
            '\u{85}',
            '\r',
            '\n',
            '\t',
            '\'',
            '"',
            '\\',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{200B}',
            '\u{200C}',
            '\u{200D}',
            '\u{200E}',
            '\u{2028}',
            '\u{2029}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{E0041}',
            '\u{1F3F4}',
            '😀',
            'é',
            '[',
            ']',
            '#',
            '=',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), special], 0..40)
            .prop_map(String::from_iter)
    }

    proptest! {
        #[test]
        fn nothing_dangerous_survives(s in awkward()) {
            let multi = sanitize(&s, false);
            let single = sanitize(&s, true);
            prop_assert!(!multi.chars().any(dangerous), "{:?}", multi);
            prop_assert!(!single.chars().any(|c| dangerous(c) || c == '\n'), "{:?}", single);
            prop_assert_eq!(sanitize(&multi, false), multi.clone());
            prop_assert_eq!(sanitize(&single, true), single);
        }

        #[test]
        fn printable_text_passes_unchanged(s in "[\\PC&&[^\\u{2028}\\u{2029}]]*") {
            prop_assert_eq!(sanitize(&s, true), s.clone());
            prop_assert_eq!(sanitize(&s, false), s);
        }

        #[test]
        fn json_and_toml_round_trip_anything(key in awkward(), value in awkward(), list in prop::collection::vec(awkward(), 0..3)) {
            let mut map = std::collections::BTreeMap::new();
            map.insert(key, (value, list));
            let json = escape_json(&serde_json::to_string_pretty(&map).map_err(|e| TestCaseError::fail(e.to_string()))?);
            prop_assert!(!json.chars().any(|c| c != '\n' && is_invisible(c)), "{}", json);
            let back: std::collections::BTreeMap<String, (String, Vec<String>)> =
                serde_json::from_str(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&back, &map);

            #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
            struct Doc { map: std::collections::BTreeMap<String, (String, Vec<String>)> }
            let doc = Doc { map };
            let raw = toml::to_string(&doc).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let text = escape_toml(&raw);
            prop_assert!(!text.chars().any(toml_unsafe), "{}", text);
            let back: Doc = toml::from_str(&text).map_err(|e| TestCaseError::fail(format!("{e}\n{raw}\n{text}")))?;
            prop_assert_eq!(back, doc);
        }
    }
}
