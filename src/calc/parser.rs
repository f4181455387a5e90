//! A small Pratt parser that evaluates as it parses (no syntax tree to allocate).
//!
//! Binding powers, loosest first:
//!
//! | level | operators                          | associativity |
//! |-------|------------------------------------|---------------|
//! | 10    | `+` `-`                            | left          |
//! | 20    | `*` `/` `per`                      | left          |
//! | 30    | a unit after a value (`2 MB`)      | left          |
//! | 35    | unary `-` `+`                      | prefix        |
//! | 40    | `^` `**`                           | right         |
//! | 50    | `%`                                | postfix       |
//!
//! Conversions (`to`, `in`, `->`) and assignment (`name =`) are statements around
//! one expression, so they are the loosest of all.

use super::error::CalcError;
use super::eval::{self, Val};
use super::lexer::{Tok, Token};
use super::quantity::{Quantity, Target};
use super::units;

/// Deepest nesting accepted; well inside a 2 MiB thread stack.
pub(super) const MAX_DEPTH: u32 = 256;

const BP_SUM: u8 = 10;
const BP_PRODUCT: u8 = 20;
const BP_JUXTAPOSE: u8 = 30;
const BP_PREFIX: u8 = 35;
const BP_POWER: u8 = 40;
const BP_PERCENT: u8 = 50;

/// Variables and `ans` the expression may read.
#[derive(Clone, Copy)]
pub(super) struct Env<'e> {
    pub vars: &'e [(String, Quantity)],
    pub ans: Option<&'e Quantity>,
}

/// A parsed and evaluated statement.
pub(super) struct Stmt<'a> {
    pub value: Val,
    pub target: Option<Target>,
    pub assign: Option<&'a str>,
    /// Whether a unit with an estimate shortcut (day, month, GiB, ...) was used.
    pub used_shortcut: bool,
}

pub(super) struct Parser<'t, 'a, 'e> {
    src: &'a str,
    toks: &'t [Token<'a>],
    pos: usize,
    env: Env<'e>,
    /// Use interview shortcuts for unit sizes (estimate mode).
    shortcut: bool,
    /// Parsing a conversion target: only units and numbers, exact sizes.
    in_target: bool,
    depth: u32,
    used_shortcut: bool,
    eof: Token<'a>,
}

enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Percent,
    Juxtapose(&'static units::UnitDef),
}

impl<'t, 'a, 'e> Parser<'t, 'a, 'e> {
    pub fn new(src: &'a str, toks: &'t [Token<'a>], env: Env<'e>, shortcut: bool) -> Self {
        let eof = Token {
            tok: Tok::Eof,
            col: src.chars().count() + 1,
            start: src.len(),
            end: src.len(),
        };
        Parser {
            src,
            toks,
            pos: 0,
            env,
            shortcut,
            in_target: false,
            depth: 0,
            used_shortcut: false,
            eof,
        }
    }

    fn peek(&self) -> Token<'a> {
        self.toks.get(self.pos).copied().unwrap_or(self.eof)
    }

    fn peek_at(&self, ahead: usize) -> Token<'a> {
        self.toks.get(self.pos + ahead).copied().unwrap_or(self.eof)
    }

    fn bump(&mut self) -> Token<'a> {
        let t = self.peek();
        if self.pos < self.toks.len() {
            self.pos += 1;
        }
        t
    }

    fn text(&self, t: Token<'a>) -> &'a str {
        self.src.get(t.start..t.end).unwrap_or("")
    }

    /// Parses a whole statement: `[name =] expr [to|in|-> target]`.
    pub fn statement(mut self) -> Result<Stmt<'a>, CalcError> {
        if self.peek().tok == Tok::Eof {
            return Err(CalcError::new("nothing to evaluate", 1));
        }
        let mut assign = None;
        if let (Tok::Ident(name), Tok::Eq) = (self.peek().tok, self.peek_at(1).tok) {
            let col = self.peek().col;
            check_variable_name(name, col)?;
            assign = Some(name);
            self.pos += 2;
        }
        let value = self.expr(0)?;
        let mut target = None;
        let next = self.peek();
        let is_conversion = match next.tok {
            Tok::Ident(w) => w == "to" || w == "in",
            Tok::Arrow => true,
            _ => false,
        };
        if is_conversion {
            self.bump();
            target = Some(self.target(value, next)?);
        }
        self.expect_end()?;
        Ok(Stmt {
            value,
            target,
            assign,
            used_shortcut: self.used_shortcut,
        })
    }

    /// Parses the unit after `to`, checks the dimension, and names it as written.
    fn target(&mut self, value: Val, keyword: Token<'a>) -> Result<Target, CalcError> {
        self.in_target = true;
        let first = self.pos;
        let t = if self.peek().tok == Tok::Slash {
            // `to /s` means `to 1/s`.
            let slash = self.bump();
            let per = self.expr(BP_SUM + 1)?;
            eval::div(Val::num(1.0), per, slash.col)?
        } else {
            self.expr(BP_SUM + 1)?
        };
        self.in_target = false;
        let name = self.target_name(first, self.pos);
        if t.dim != value.dim {
            return Err(CalcError::new(
                format!("cannot convert {} to {}", value.describe(), name),
                keyword.col,
            ));
        }
        if t.v <= 0.0 {
            return Err(CalcError::new(
                "a conversion target must be a positive unit",
                keyword.col,
            ));
        }
        if !(value.v / t.v).is_finite() {
            return Err(CalcError::new("result is not a finite number", keyword.col));
        }
        Ok(Target { name, scale: t.v })
    }

    /// The target as written, spaces only between words: `MB / s` → `MB/s`, `1/s` → `/s`.
    fn target_name(&self, from: usize, to: usize) -> String {
        let mut name = String::new();
        let mut prev_word = false;
        for t in self.toks.get(from..to).unwrap_or(&[]) {
            let word = matches!(t.tok, Tok::Num(_) | Tok::Ident(_));
            if word && prev_word {
                name.push(' ');
            }
            name.push_str(self.text(*t));
            prev_word = word;
        }
        match name.strip_prefix("1/") {
            Some(rest) => format!("/{rest}"),
            None => name,
        }
    }

    fn expect_end(&self) -> Result<(), CalcError> {
        let t = self.peek();
        let text = self.text(t);
        let msg = match t.tok {
            Tok::Eof => return Ok(()),
            Tok::Num(_) | Tok::LParen => format!("expected an operator before '{text}'"),
            Tok::Ident(w) if w == "to" || w == "in" => {
                format!("only one conversion is allowed, found another '{text}'")
            }
            Tok::Ident(_) => format!("expected an operator before '{text}'"),
            Tok::Arrow => "only one conversion is allowed, found another '->'".to_string(),
            _ => format!("unexpected '{text}'"),
        };
        Err(CalcError::new(msg, t.col))
    }

    /// The Pratt loop: a prefix term, then operators binding at least `min_bp`.
    fn expr(&mut self, min_bp: u8) -> Result<Val, CalcError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(CalcError::new(
                format!("expression is nested too deeply (more than {MAX_DEPTH} levels)"),
                self.peek().col,
            ));
        }
        let mut lhs = self.prefix()?;
        loop {
            let t = self.peek();
            let (op, lbp) = match t.tok {
                Tok::Plus => (Op::Add, BP_SUM),
                Tok::Minus => (Op::Sub, BP_SUM),
                Tok::Star => (Op::Mul, BP_PRODUCT),
                Tok::Slash => (Op::Div, BP_PRODUCT),
                Tok::Caret => (Op::Pow, BP_POWER),
                Tok::Percent => (Op::Percent, BP_PERCENT),
                Tok::Ident("per") => (Op::Div, BP_PRODUCT),
                Tok::Ident(w) if w == "to" || w == "in" => break,
                Tok::Ident(w) => match self.juxtaposed_unit(w, t)? {
                    Some(def) => (Op::Juxtapose(def), BP_JUXTAPOSE),
                    None => break,
                },
                _ => break,
            };
            if lbp < min_bp {
                break;
            }
            self.bump();
            lhs = match op {
                Op::Add | Op::Sub => {
                    let rhs = self.expr(lbp + 1)?;
                    eval::add(lhs, rhs, matches!(op, Op::Sub), t.col)?
                }
                Op::Mul => {
                    let rhs = self.expr(lbp + 1)?;
                    eval::mul(lhs, rhs, t.col)?
                }
                Op::Div => {
                    let rhs = self.expr(lbp + 1)?;
                    eval::div(lhs, rhs, t.col)?
                }
                // Right-associative: `2^3^2` is `2^9`.
                Op::Pow => {
                    let rhs = self.expr(lbp)?;
                    eval::pow(lhs, rhs, t.col)?
                }
                Op::Percent => Val {
                    v: lhs.v / 100.0,
                    ..lhs
                },
                Op::Juxtapose(def) => {
                    // The unit may carry its own power (`5 s^2`), so parse it as a term.
                    let unit = self.unit_value(def);
                    let unit = self.postfix_power(unit)?;
                    eval::mul(lhs, unit, t.col)?
                }
            };
        }
        self.depth -= 1;
        Ok(lhs)
    }

    /// Applies `^` right after a juxtaposed unit (`5 s^2` is 5 square seconds).
    fn postfix_power(&mut self, unit: Val) -> Result<Val, CalcError> {
        let t = self.peek();
        if t.tok != Tok::Caret {
            return Ok(unit);
        }
        self.bump();
        let rhs = self.expr(BP_POWER)?;
        eval::pow(unit, rhs, t.col)
    }

    /// Decides whether the word `w` after a value is a unit to multiply by.
    /// `None` ends the expression (e.g. a function call the caller will reject).
    fn juxtaposed_unit(
        &self,
        w: &str,
        t: Token<'a>,
    ) -> Result<Option<&'static units::UnitDef>, CalcError> {
        if self.peek_at(1).tok == Tok::LParen && units::is_function(w) {
            return Ok(None);
        }
        if let Some(def) = units::lookup(w) {
            return Ok(Some(def));
        }
        if w == "ans" || self.var(w).is_some() {
            return Err(CalcError::new(
                format!("expected an operator before '{w}' (only units can follow a number)"),
                t.col,
            ));
        }
        if units::is_function(w) || units::is_keyword(w) {
            return Ok(None);
        }
        Err(unknown(w, t.col))
    }

    fn var(&self, name: &str) -> Option<&'e Quantity> {
        self.env
            .vars
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, q)| q)
    }

    fn unit_value(&mut self, def: &'static units::UnitDef) -> Val {
        let scale = match def.shortcut {
            // Targets always use exact sizes: the shortcut is in the question, not
            // in the unit the answer is read in.
            Some(short) if !self.in_target => {
                self.used_shortcut = true;
                if self.shortcut { short } else { def.scale }
            }
            Some(_) => def.scale,
            None => def.scale,
        };
        Val {
            v: scale,
            dim: def.dim,
            hint: Some(def.name),
        }
    }

    fn prefix(&mut self) -> Result<Val, CalcError> {
        let t = self.bump();
        match t.tok {
            Tok::Num(v) => Ok(Val::num(v)),
            Tok::Minus => Ok(eval::neg(self.expr(BP_PREFIX)?)),
            Tok::Plus => self.expr(BP_PREFIX),
            Tok::LParen => {
                let v = self.expr(0)?;
                self.close_paren(t)?;
                Ok(v)
            }
            Tok::Ident(w) => self.word(w, t),
            // `to %` shows a fraction as a percentage.
            Tok::Percent if self.in_target => Ok(Val::num(0.01)),
            Tok::Eof => Err(CalcError::new(
                if self.in_target {
                    "expected a unit at end of input"
                } else {
                    "expected a number or '(' at end of input"
                },
                t.col,
            )),
            _ => Err(CalcError::new(
                format!("unexpected '{}'", self.text(t)),
                t.col,
            )),
        }
    }

    fn close_paren(&mut self, open: Token<'a>) -> Result<(), CalcError> {
        let t = self.peek();
        match t.tok {
            Tok::RParen => {
                self.bump();
                Ok(())
            }
            Tok::Eof => Err(CalcError::new(
                format!(
                    "expected ')' at end of input (to close '(' at column {})",
                    open.col
                ),
                t.col,
            )),
            _ => Err(CalcError::new(
                format!("expected ')' but found '{}'", self.text(t)),
                t.col,
            )),
        }
    }

    /// A word in prefix position: function call, unit, `ans` or variable.
    fn word(&mut self, w: &'a str, t: Token<'a>) -> Result<Val, CalcError> {
        let call = self.peek().tok == Tok::LParen;
        if call && units::is_function(w) {
            return self.call(w, t);
        }
        if w == "to" || w == "in" || w == "per" {
            return Err(CalcError::new(format!("unexpected '{w}'"), t.col));
        }
        // A variable named like a count word wins where a value starts; after a number
        // (`2 photos`) the word is still only a label.
        if !self.in_target
            && units::is_count_word(w)
            && let Some(q) = self.var(w)
        {
            return Ok(quantity_val(q));
        }
        if let Some(def) = units::lookup(w) {
            return Ok(self.unit_value(def));
        }
        if self.in_target {
            let msg = if w == "ans" || self.var(w).is_some() {
                format!("'{w}' is a variable; convert to a unit such as MB or /s")
            } else {
                format!("unknown unit '{w}'")
            };
            return Err(CalcError::new(msg, t.col));
        }
        if w == "ans" {
            return match self.env.ans {
                Some(q) => Ok(quantity_val(q)),
                None => Err(CalcError::new("no previous result for 'ans' yet", t.col)),
            };
        }
        if let Some(q) = self.var(w) {
            return Ok(quantity_val(q));
        }
        if units::is_function(w) {
            return Err(CalcError::new(
                format!("'{w}' is a function: write {w}(...)"),
                t.col,
            ));
        }
        if call {
            return Err(CalcError::new(format!("unknown function '{w}'"), t.col));
        }
        Err(unknown(w, t.col))
    }

    /// `name(arg, ...)`; arguments are folded as they are parsed, so no allocation.
    fn call(&mut self, name: &'a str, t: Token<'a>) -> Result<Val, CalcError> {
        let open = self.bump();
        let mut count = 0usize;
        let mut acc: Option<Val> = None;
        if self.peek().tok != Tok::RParen {
            loop {
                let arg_col = self.peek().col;
                let x = self.expr(0)?;
                count += 1;
                acc = Some(match acc {
                    None => x,
                    Some(a) if name == "min" || name == "max" => {
                        eval::min_max(name, a, x, arg_col)?
                    }
                    Some(a) => a,
                });
                if self.peek().tok == Tok::Comma {
                    self.bump();
                } else {
                    break;
                }
            }
        }
        self.close_paren(open)?;
        let multi = name == "min" || name == "max";
        match acc {
            Some(a) if multi && count >= 2 => Ok(a),
            Some(a) if !multi && count == 1 => eval::call1(name, a, t.col),
            _ => {
                let want = if multi {
                    "at least 2 arguments"
                } else {
                    "1 argument"
                };
                let s = if count == 1 { "" } else { "s" };
                Err(CalcError::new(
                    format!("{name}() takes {want}, got {count} argument{s}"),
                    t.col,
                ))
            }
        }
    }
}

fn quantity_val(q: &Quantity) -> Val {
    Val {
        v: q.value,
        dim: q.dim,
        hint: None,
    }
}

fn unknown(w: &str, col: usize) -> CalcError {
    let msg = match units::suggest(w) {
        Some(s) => format!("unknown unit or variable '{w}' (did you mean '{s}'?)"),
        None => format!("unknown unit or variable '{w}'"),
    };
    CalcError::new(msg, col)
}

/// A variable name must be free: not a unit, count word, function or keyword.
pub(super) fn check_variable_name(name: &str, col: usize) -> Result<(), CalcError> {
    let clash = if units::is_keyword(name) {
        Some("a reserved word")
    } else if units::is_function(name) {
        Some("a function")
    } else if units::lookup(name).is_some() && !units::is_count_word(name) {
        Some("a unit")
    } else {
        None
    };
    match clash {
        Some(what) => Err(CalcError::new(
            format!("cannot assign to '{name}': it is {what}"),
            col,
        )),
        None => Ok(()),
    }
}
