//! Values the calculator works with: a number in SI base units plus its dimension.

use std::fmt;

/// Exponents of the two base dimensions interview estimates need.
///
/// Counts (users, requests, ...) are deliberately not a dimension: they only label a
/// number, so `500M users * 2 photos` is a plain number and `bytes/user` is bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Dim {
    /// Exponent of bytes (bits are 1/8 byte).
    pub bytes: i8,
    /// Exponent of seconds.
    pub seconds: i8,
}

/// Largest unit exponent we accept; keeps `s^100` style input from wrapping `i8`.
const MAX_EXP: i8 = 64;

impl Dim {
    /// A plain number.
    pub const NONE: Dim = Dim::new(0, 0);
    /// Bytes.
    pub const BYTES: Dim = Dim::new(1, 0);
    /// Seconds.
    pub const TIME: Dim = Dim::new(0, 1);
    /// Something per second (qps, `/day`, ...).
    pub const RATE: Dim = Dim::new(0, -1);
    /// Bytes per second (bandwidth).
    pub const BYTE_RATE: Dim = Dim::new(1, -1);

    /// Builds a dimension from its exponents.
    pub const fn new(bytes: i8, seconds: i8) -> Dim {
        Dim { bytes, seconds }
    }

    /// True for a plain number.
    pub fn is_none(self) -> bool {
        self == Dim::NONE
    }

    /// Dimension of a product; `None` when an exponent leaves the supported range.
    pub fn checked_mul(self, other: Dim) -> Option<Dim> {
        Dim::checked(
            i16::from(self.bytes) + i16::from(other.bytes),
            i16::from(self.seconds) + i16::from(other.seconds),
        )
    }

    /// Dimension of a quotient; `None` when an exponent leaves the supported range.
    pub fn checked_div(self, other: Dim) -> Option<Dim> {
        Dim::checked(
            i16::from(self.bytes) - i16::from(other.bytes),
            i16::from(self.seconds) - i16::from(other.seconds),
        )
    }

    /// Dimension raised to a whole power; `None` when out of range.
    pub fn checked_pow(self, n: i16) -> Option<Dim> {
        Dim::checked(
            i16::from(self.bytes).checked_mul(n)?,
            i16::from(self.seconds).checked_mul(n)?,
        )
    }

    fn checked(bytes: i16, seconds: i16) -> Option<Dim> {
        let max = i16::from(MAX_EXP);
        if bytes.abs() > max || seconds.abs() > max {
            return None;
        }
        Some(Dim::new(
            i8::try_from(bytes).ok()?,
            i8::try_from(seconds).ok()?,
        ))
    }

    /// Short symbol in base units (`B`, `s`, `B/s`, `/s`, `B·s`, `s^2`), used in error
    /// messages and for dimensions that have no nicer display unit.
    pub fn symbol(self) -> String {
        let mut out = String::new();
        let parts = [("B", self.bytes), ("s", self.seconds)];
        for (name, e) in parts {
            if e > 0 {
                if !out.is_empty() {
                    out.push('·');
                }
                push_power(&mut out, name, e);
            }
        }
        for (name, e) in parts {
            if e < 0 {
                out.push('/');
                push_power(&mut out, name, -e);
            }
        }
        out
    }

    /// What to call a value of this dimension in an error message.
    pub(crate) fn describe(self) -> String {
        if self.is_none() {
            "a plain number".to_string()
        } else {
            self.symbol()
        }
    }
}

fn push_power(out: &mut String, name: &str, e: i8) {
    out.push_str(name);
    if e != 1 {
        out.push('^');
        out.push_str(&e.to_string());
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.symbol())
    }
}

/// The unit a result was explicitly converted to with `to`, `in` or `->`.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    /// The unit as the user wrote it, tidied (`1/s` becomes `/s`).
    pub name: String,
    /// Size of one target unit in SI base units (bytes, seconds).
    pub scale: f64,
}

/// A calculator value.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The value in SI base units: bytes and seconds (a rate is per second).
    pub value: f64,
    /// Its dimension.
    pub dim: Dim,
    /// The unit to show it in, if the user asked for one.
    pub target: Option<Target>,
}

impl Quantity {
    /// A quantity with no display target.
    pub fn new(value: f64, dim: Dim) -> Quantity {
        Quantity {
            value,
            dim,
            target: None,
        }
    }

    /// Three significant figures in the best unit, `≈ ` in front when rounded
    /// (see the crate docs for the unit choice).
    pub fn display(&self) -> String {
        super::format::render(self).display()
    }

    /// Full precision (15 significant digits) in the same unit [`Quantity::display`] picks.
    pub fn exact(&self) -> String {
        super::format::render(self).exact()
    }

    /// The value in the displayed unit, not scaled by a K/M/B/T suffix, and that unit:
    /// `(11574.07.., "/s")` for `≈ 11.6K /s`. Plain numbers have the unit `""`.
    pub fn value_in_unit(&self) -> (f64, String) {
        let r = super::format::render(self);
        (r.value, r.unit.into_owned())
    }

    /// True when [`Quantity::display`] had to round.
    pub fn is_approx(&self) -> bool {
        super::format::render(self).approx
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.display())
    }
}
