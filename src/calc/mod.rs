//! The capacity calculator: back-of-the-envelope arithmetic with the units and
//! shorthand of system-design interviews.
//!
//! General unit calculators read `1B users` as one byte and `12K` as twelve kelvin;
//! this one reads them the way an interviewer does. It has no dependencies and no
//! knowledge of the rest of the app, so it can live anywhere as a module.
//!
//! # The B rule
//!
//! * `B` glued to a number with no space (`1B`, `2.5B`) is a **billion**.
//! * `B` as its own word (`200 B`, `10 B`) or inside a unit (`MB`, `B/s`) is **bytes**.
//! * `bn` is always a billion; `byte`/`bytes` are always bytes.
//!
//! So `1B users` is 1e9, `2 MB` is 2e6 bytes and `10 B` is ten bytes.
//!
//! # Values
//!
//! A value is an `f64` in SI base units (bytes, seconds) plus a [`Dim`]: exponents of
//! bytes and seconds. Counts (`users`, `requests`, ... see [`COUNT_WORDS`]) label a
//! number without changing it, so `500M users * 2 photos` is the plain number 1e9 and
//! `200 bytes/tweet` is 200 bytes. Bits are 1/8 byte. A month is 30 days, a year 365.
//!
//! # Output
//!
//! [`Quantity::display`] gives three significant figures, `≈ ` in front when that
//! rounded: plain numbers take K/M/B/T; bytes take B..EB (powers of 1000); byte rates
//! B/s..EB/s; other rates are always shown per second (`≈ 11.6K /s`); durations pick
//! ns..years. An explicit `to` target is honoured as written (`10 Gbps to MB/s` is
//! `1.25K MB/s`; without a target it is `1.25 GB/s`). [`Quantity::exact`] gives 15
//! significant digits in the same unit.
//!
//! # Estimate mode
//!
//! [`Calculator::estimate`] evaluates a second time with interview shortcuts for the
//! units written in the expression: a day is 1e5 s, a week 7e5 s, a month 2.5e6 s, a
//! year 3e7 s (12 shortcut months), and binary units are taken as decimal (1 GiB ≈
//! 1e9 B). Conversion targets and the displayed units keep their exact sizes, so the
//! two answers can be compared directly.
// No input may panic the calculator; tests are free to unwrap.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )
)]

pub mod cheatsheet;
mod error;
mod eval;
mod format;
mod lexer;
mod parser;
mod quantity;
pub mod sheet;
mod units;

#[cfg(test)]
mod tests;

pub use error::CalcError;
pub use quantity::{Dim, Quantity, Target};
pub use units::{COUNT_WORDS, unit_names};

/// Names the calculator defines as functions (`min` is also minutes without `(`).
pub use units::FUNCTIONS;

use parser::{Env, Parser};

/// The longest input the calculator reads, in characters. An estimate worth writing is a
/// line: the longest in the corpus and the docs is under 100 characters, and a chain of
/// every figure of a capacity sheet in one expression is a few hundred. 4,096 is ten times
/// that, still small enough that evaluating it (which the pane does on every frame for its
/// live preview) takes microseconds, and that the input box's horizontal scroll (columns
/// are `u16`) always keeps the cursor in view. Past it the input is pasted text, not an
/// expression, and is refused with a message rather than evaluated.
pub const MAX_INPUT: usize = 4096;

/// Whether `input` is longer than [`MAX_INPUT`] characters.
pub fn too_long(input: &str) -> bool {
    input.len() > MAX_INPUT && input.chars().count() > MAX_INPUT
}

/// The refusal for an input longer than [`MAX_INPUT`], pointing at the first character
/// past the limit.
fn refuse_long(input: &str) -> Result<(), CalcError> {
    if !too_long(input) {
        return Ok(());
    }
    Err(CalcError::new(
        format!(
            "this is {} characters; an expression can be at most {}",
            grouped(input.chars().count()),
            grouped(MAX_INPUT)
        ),
        MAX_INPUT + 1,
    ))
}

/// `n` with thousands separated by commas: `1,048,576`.
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// Calculator state: variables and the last result (`ans`).
#[derive(Clone, Debug, Default)]
pub struct Calculator {
    vars: Vec<(String, Quantity)>,
    ans: Option<Quantity>,
}

/// The result of one statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    /// The value, with the conversion target if one was given.
    pub quantity: Quantity,
    /// The variable this statement assigned, if it was `name = ...`.
    pub assigned: Option<String>,
    /// Short form for the UI: `≈ 11.6K /s`.
    pub display: String,
    /// True when `display` is rounded (it then starts with `≈ `).
    pub approx: bool,
}

impl Outcome {
    fn new(quantity: Quantity, assigned: Option<String>) -> Outcome {
        let r = format::render(&quantity);
        let display = r.display();
        let approx = r.approx;
        Outcome {
            quantity,
            assigned,
            display,
            approx,
        }
    }

    /// Full precision in the displayed unit: `11574.0740740741 /s`.
    pub fn exact(&self) -> String {
        self.quantity.exact()
    }

    /// The number in the displayed unit without any K/M/B/T suffix, and the unit:
    /// `(11574.07.., "/s")`. Feeds machine-readable output.
    pub fn value_in_unit(&self) -> (f64, String) {
        self.quantity.value_in_unit()
    }
}

/// An answer computed twice: exactly and with the interview shortcuts.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    /// The exact answer (same as [`Calculator::preview`]).
    pub exact: Outcome,
    /// The answer with shortcut unit sizes; `None` when no unit in the input has one.
    pub shortcut: Option<Outcome>,
}

impl Estimate {
    /// How far the shortcut answer is from the exact one, in percent
    /// (negative when the shortcut is low). `None` without a shortcut or for zero.
    pub fn off_percent(&self) -> Option<f64> {
        let s = self.shortcut.as_ref()?;
        let exact = self.exact.quantity.value;
        if exact == 0.0 {
            return None;
        }
        Some((s.quantity.value - exact) / exact.abs() * 100.0)
    }

    /// One line for the UI: `≈ 11.6K /s (shortcut 10K /s, 13.6% low)`.
    pub fn summary(&self) -> String {
        let (Some(s), Some(off)) = (&self.shortcut, self.off_percent()) else {
            return self.exact.display.clone();
        };
        let how = if off.abs() < 0.05 {
            "same".to_string()
        } else {
            let dir = if off < 0.0 { "low" } else { "high" };
            format!(
                "{}% {dir}",
                format::short_number(format::round_sig(off.abs(), 3), false)
            )
        };
        format!("{} (shortcut {}, {how})", self.exact.display, s.display)
    }
}

impl Calculator {
    /// An empty calculator: no variables, no `ans`.
    pub fn new() -> Calculator {
        Calculator::default()
    }

    /// Evaluates one statement (expression, `name = expression`, or either with
    /// `to UNIT`). On success `ans` becomes the result and an assignment is stored.
    pub fn eval(&mut self, input: &str) -> Result<Outcome, CalcError> {
        let outcome = self.preview(input)?;
        if let Some(name) = &outcome.assigned {
            let q = outcome.quantity.clone();
            match self.vars.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = q,
                None => self.vars.push((name.clone(), q)),
            }
        }
        self.ans = Some(outcome.quantity.clone());
        Ok(outcome)
    }

    /// Evaluates without changing any state: for a live preview while typing.
    pub fn preview(&self, input: &str) -> Result<Outcome, CalcError> {
        refuse_long(input)?;
        let toks = lexer::tokenize(input)?;
        let stmt = Parser::new(input, &toks, self.env(), false).statement()?;
        Ok(finish(stmt))
    }

    /// Evaluates exactly and again with interview shortcuts (see the crate docs).
    /// Changes no state.
    pub fn estimate(&self, input: &str) -> Result<Estimate, CalcError> {
        refuse_long(input)?;
        let toks = lexer::tokenize(input)?;
        let stmt = Parser::new(input, &toks, self.env(), false).statement()?;
        let used = stmt.used_shortcut;
        let exact = finish(stmt);
        // The shortcut pass can only fail where the exact one did not by overflowing;
        // then there is simply no shortcut answer to show.
        let shortcut = if used {
            Parser::new(input, &toks, self.env(), true)
                .statement()
                .ok()
                .map(finish)
        } else {
            None
        };
        Ok(Estimate { exact, shortcut })
    }

    /// Variables in the order they were first assigned.
    pub fn variables(&self) -> impl Iterator<Item = (&str, &Quantity)> {
        self.vars.iter().map(|(n, q)| (n.as_str(), q))
    }

    /// The last successful result.
    pub fn ans(&self) -> Option<&Quantity> {
        self.ans.as_ref()
    }

    /// Forgets all variables and `ans`.
    pub fn clear(&mut self) {
        self.vars.clear();
        self.ans = None;
    }

    fn env(&self) -> Env<'_> {
        Env {
            vars: &self.vars,
            ans: self.ans.as_ref(),
        }
    }
}

fn finish(stmt: parser::Stmt<'_>) -> Outcome {
    let quantity = Quantity {
        value: stmt.value.v,
        dim: stmt.value.dim,
        target: stmt.target,
    };
    Outcome::new(quantity, stmt.assign.map(str::to_string))
}
