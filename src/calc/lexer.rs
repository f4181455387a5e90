//! Hand-written lexer over `&str`: no regex, one `Vec` of small `Copy` tokens.
//!
//! Numbers are where the interview shorthand lives, so the lexer settles it:
//! digit separators (`1_000`, `1,000,000`), exponents (`1e9`) and the glued `B`
//! (`1B` is a billion; see the crate docs for the B rule).

use super::error::CalcError;

/// One token kind. Words (`to`, `per`, units, names) all come out as `Ident`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Tok<'a> {
    Num(f64),
    Ident(&'a str),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    Eq,
    Arrow,
    Percent,
    Eof,
}

/// A token and where it came from (for error columns and for echoing conversion targets).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Token<'a> {
    pub tok: Tok<'a>,
    /// 1-based character column of the first character.
    pub col: usize,
    /// Byte range in the source.
    pub start: usize,
    pub end: usize,
}

/// A glued `B` multiplies by this: `1B` is one billion.
const GLUED_B: f64 = 1e9;

/// Splits `src` into tokens; the last one is always `Eof`.
pub(super) fn tokenize<'a>(src: &'a str) -> Result<Vec<Token<'a>>, CalcError> {
    let bytes = src.as_bytes();
    let mut out = Vec::with_capacity(16);
    let mut i = 0;
    let mut col = 1;
    while i < bytes.len() {
        let c = at(bytes, i);
        let start = i;
        let start_col = col;
        let push = |out: &mut Vec<Token<'a>>, tok, end| {
            out.push(Token {
                tok,
                col: start_col,
                start,
                end,
            })
        };
        if c.is_ascii_digit() || (c == b'.' && at(bytes, i + 1).is_ascii_digit()) {
            let (value, end) = lex_number(src, i, start_col)?;
            col += end - i; // numbers are ASCII
            i = end;
            push(&mut out, Tok::Num(value), end);
            continue;
        }
        if c < 0x80 {
            let single = match c {
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => {
                    i += 1;
                    col += 1;
                    continue;
                }
                b'+' => Some((Tok::Plus, 1)),
                b'-' if at(bytes, i + 1) == b'>' => Some((Tok::Arrow, 2)),
                b'-' => Some((Tok::Minus, 1)),
                b'*' if at(bytes, i + 1) == b'*' => Some((Tok::Caret, 2)),
                b'*' => Some((Tok::Star, 1)),
                b'/' => Some((Tok::Slash, 1)),
                b'^' => Some((Tok::Caret, 1)),
                b'(' => Some((Tok::LParen, 1)),
                b')' => Some((Tok::RParen, 1)),
                b',' => Some((Tok::Comma, 1)),
                b'=' => Some((Tok::Eq, 1)),
                b'%' => Some((Tok::Percent, 1)),
                _ => None,
            };
            if let Some((tok, len)) = single {
                i += len;
                col += len;
                push(&mut out, tok, i);
                continue;
            }
        }
        let Some(ch) = char_at(src, i) else {
            return Err(CalcError::new("input is not valid text", col));
        };
        if is_ident_start(ch) {
            let mut end = i;
            let mut chars = 0;
            while let Some(ch) = char_at(src, end) {
                if !is_ident_continue(ch) {
                    break;
                }
                end += ch.len_utf8();
                chars += 1;
            }
            let name = src.get(i..end).unwrap_or("");
            i = end;
            col += chars;
            push(&mut out, Tok::Ident(name), end);
            continue;
        }
        let tok = match ch {
            c if c.is_whitespace() => None,
            '×' | '·' | '⋅' => Some(Tok::Star),
            '÷' => Some(Tok::Slash),
            '−' => Some(Tok::Minus),
            '→' => Some(Tok::Arrow),
            _ => return Err(CalcError::new(format!("unexpected character '{ch}'"), col)),
        };
        i += ch.len_utf8();
        col += 1;
        if let Some(tok) = tok {
            push(&mut out, tok, i);
        }
    }
    out.push(Token {
        tok: Tok::Eof,
        col,
        start: src.len(),
        end: src.len(),
    });
    Ok(out)
}

/// Lexes the number starting at byte `i`; returns its value and the end byte.
fn lex_number(src: &str, i: usize, col: usize) -> Result<(f64, usize), CalcError> {
    let b = src.as_bytes();
    let mut j = i;
    let mut has_sep = false;
    // Integer part, with `_` between digits and `,ddd` groups as separators.
    while j < b.len() {
        let c = at(b, j);
        if c.is_ascii_digit() {
            j += 1;
        } else if c == b'_' && j > i && at(b, j + 1).is_ascii_digit() {
            has_sep = true;
            j += 1;
        } else if c == b','
            && j > i
            && at(b, j + 1).is_ascii_digit()
            && at(b, j + 2).is_ascii_digit()
            && at(b, j + 3).is_ascii_digit()
            && !at(b, j + 4).is_ascii_digit()
        {
            // `1,000` is a thousand; `max(1,2)` and `max(1, 200)` keep their commas.
            has_sep = true;
            j += 1;
        } else {
            break;
        }
    }
    if at(b, j) == b'.' {
        j += 1;
        while j < b.len() {
            let c = at(b, j);
            if c.is_ascii_digit() {
                j += 1;
            } else if c == b'_' && at(b, j - 1).is_ascii_digit() && at(b, j + 1).is_ascii_digit() {
                has_sep = true;
                j += 1;
            } else {
                break;
            }
        }
    }
    // Exponent only when digits follow, so `1EB` stays one exabyte.
    if matches!(at(b, j), b'e' | b'E') {
        let sign = matches!(at(b, j + 1), b'+' | b'-');
        let first = if sign { j + 2 } else { j + 1 };
        if at(b, first).is_ascii_digit() {
            j = first;
            while at(b, j).is_ascii_digit() {
                j += 1;
            }
        }
    }
    let text = src.get(i..j).unwrap_or("");
    // A glued `%` is folded into the number as an exponent so `99.9%` is the double
    // nearest 0.999 (dividing by 100 would be one ulp off and show up in exact output).
    let percent = at(b, j) == b'%' && !text.contains(['e', 'E']);
    let parsed = if has_sep || percent {
        let mut clean: String = text.chars().filter(|c| *c != '_' && *c != ',').collect();
        if percent {
            clean.push_str("e-2");
            j += 1;
        }
        clean.parse::<f64>()
    } else {
        text.parse::<f64>()
    };
    let Ok(mut value) = parsed else {
        return Err(CalcError::new(format!("invalid number '{text}'"), col));
    };
    // The B rule: a `B` glued to the number (and not starting a longer word) is a billion.
    if !percent && at(b, j) == b'B' && !char_at(src, j + 1).is_some_and(is_ident_continue) {
        value *= GLUED_B;
        j += 1;
    }
    if !value.is_finite() {
        return Err(CalcError::new("number is too large", col));
    }
    Ok((value, j))
}

/// Byte at `i`, or 0 past the end (0 never starts or continues a token).
fn at(b: &[u8], i: usize) -> u8 {
    b.get(i).copied().unwrap_or(0)
}

fn char_at(src: &str, i: usize) -> Option<char> {
    src.get(i..).and_then(|s| s.chars().next())
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
    use super::*;

    fn kinds(src: &str) -> Vec<Tok<'_>> {
        tokenize(src).unwrap().into_iter().map(|t| t.tok).collect()
    }

    fn num(src: &str) -> f64 {
        match kinds(src)[0] {
            Tok::Num(v) => v,
            other => panic!("not a number: {other:?}"),
        }
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(num("42"), 42.0);
        assert_eq!(num("3.5"), 3.5);
        assert_eq!(num(".5"), 0.5);
        assert_eq!(num("1e9"), 1e9);
        assert_eq!(num("2.5E-3"), 2.5e-3);
        assert_eq!(num("1e+3"), 1e3);
        assert_eq!(num("99.9%"), 0.999);
        assert_eq!(num("1,000%"), 10.0);
        assert_eq!(kinds("5e1%"), vec![Tok::Num(50.0), Tok::Percent, Tok::Eof]);
    }

    #[test]
    fn separators() {
        assert_eq!(num("1_000"), 1000.0);
        assert_eq!(num("1,000,000"), 1e6);
        assert_eq!(num("1,000.5"), 1000.5);
        assert_eq!(
            kinds("1,2"),
            vec![Tok::Num(1.0), Tok::Comma, Tok::Num(2.0), Tok::Eof]
        );
        assert_eq!(
            kinds("1,0000"),
            vec![Tok::Num(1.0), Tok::Comma, Tok::Num(0.0), Tok::Eof]
        );
        assert_eq!(
            kinds("1, 200"),
            vec![Tok::Num(1.0), Tok::Comma, Tok::Num(200.0), Tok::Eof]
        );
    }

    #[test]
    fn glued_b_is_billion_but_spaced_b_is_a_word() {
        assert_eq!(num("1B"), 1e9);
        assert_eq!(num("2.5B"), 2.5e9);
        assert_eq!(
            kinds("10 B"),
            vec![Tok::Num(10.0), Tok::Ident("B"), Tok::Eof]
        );
        assert_eq!(
            kinds("2MB"),
            vec![Tok::Num(2.0), Tok::Ident("MB"), Tok::Eof]
        );
        assert_eq!(
            kinds("1Bytes"),
            vec![Tok::Num(1.0), Tok::Ident("Bytes"), Tok::Eof]
        );
        assert_eq!(
            kinds("1EB"),
            vec![Tok::Num(1.0), Tok::Ident("EB"), Tok::Eof]
        );
    }

    #[test]
    fn operators_and_columns() {
        let toks = tokenize("µs -> 2**3 × 4").unwrap();
        let got: Vec<_> = toks.iter().map(|t| (t.tok, t.col)).collect();
        assert_eq!(
            got,
            vec![
                (Tok::Ident("µs"), 1),
                (Tok::Arrow, 4),
                (Tok::Num(2.0), 7),
                (Tok::Caret, 8),
                (Tok::Num(3.0), 10),
                (Tok::Star, 12),
                (Tok::Num(4.0), 14),
                (Tok::Eof, 15),
            ]
        );
    }

    #[test]
    fn bad_input() {
        assert_eq!(tokenize("2 $ 3").unwrap_err().column, 3);
        assert_eq!(
            tokenize("1e999").unwrap_err().message,
            "number is too large"
        );
    }
}
