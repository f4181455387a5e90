//! Turning a quantity into text: three significant figures with a K/M/B/T suffix
//! and a sensible unit for the short form, fifteen digits for the exact form.

use std::borrow::Cow;

use super::quantity::{Dim, Quantity};
use super::units::{DAY, YEAR};

/// A quantity resolved to the unit it will be shown in.
pub(super) struct Rendered<'q> {
    /// The value in `unit`, full precision.
    pub value: f64,
    /// `value` rounded to three significant figures.
    pub shown: f64,
    pub unit: Cow<'q, str>,
    /// Whether the short form may use K/M/B/T (not for `to million`-style targets).
    pub suffixes: bool,
    /// Rounding changed the value.
    pub approx: bool,
}

impl Rendered<'_> {
    /// `≈ 11.6K /s`, `365 TB`, `8.76 hours`, `1B`.
    pub fn display(&self) -> String {
        let mut out = String::with_capacity(24);
        if self.approx {
            out.push_str("≈ ");
        }
        out.push_str(&short_number(self.shown, self.suffixes));
        push_unit(&mut out, &self.unit);
        out
    }

    /// `11574.0740740741 /s`.
    pub fn exact(&self) -> String {
        let mut out = exact_number(self.value);
        push_unit(&mut out, &self.unit);
        out
    }
}

fn push_unit(out: &mut String, unit: &str) {
    if unit.is_empty() {
        return;
    }
    if unit != "%" {
        out.push(' ');
    }
    out.push_str(unit);
}

const BYTE_UNITS: &[(f64, &str)] = &[
    (1.0, "B"),
    (1e3, "KB"),
    (1e6, "MB"),
    (1e9, "GB"),
    (1e12, "TB"),
    (1e15, "PB"),
    (1e18, "EB"),
];

const BYTE_RATE_UNITS: &[(f64, &str)] = &[
    (1.0, "B/s"),
    (1e3, "KB/s"),
    (1e6, "MB/s"),
    (1e9, "GB/s"),
    (1e12, "TB/s"),
    (1e15, "PB/s"),
    (1e18, "EB/s"),
];

/// (size, singular, plural).
const TIME_UNITS: &[(f64, &str, &str)] = &[
    (1e-9, "ns", "ns"),
    (1e-6, "µs", "µs"),
    (1e-3, "ms", "ms"),
    (1.0, "s", "s"),
    (60.0, "min", "min"),
    (3600.0, "hour", "hours"),
    (DAY, "day", "days"),
    (YEAR, "year", "years"),
];

const SUFFIXES: &[(f64, &str)] = &[(1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")];

/// Picks the largest unit not bigger than `size` (the smallest one for tiny values).
fn pick<T: Copy>(table: &[T], size: f64, scale: impl Fn(T) -> f64) -> Option<T> {
    let first = table.first().copied();
    table
        .iter()
        .rev()
        .find(|u| size >= scale(**u))
        .copied()
        .or(first)
}

/// Resolves the display unit: the conversion target if any, else by dimension.
pub(super) fn render(q: &Quantity) -> Rendered<'_> {
    // Choose on the rounded value so 999.96 KB shows as `≈ 1 MB`, not `≈ 1000 KB`.
    let size = round_sig(q.value, 3).abs().max(q.value.abs());
    let (scale, unit, suffixes): (f64, Cow<'_, str>, bool) = match &q.target {
        Some(t) => (
            t.scale,
            Cow::Borrowed(t.name.as_str()),
            !(q.dim.is_none() && t.scale != 1.0),
        ),
        None => match q.dim {
            Dim::NONE => (1.0, Cow::Borrowed(""), true),
            Dim::RATE => (1.0, Cow::Borrowed("/s"), true),
            Dim::BYTES => {
                let (s, n) = pick(BYTE_UNITS, size, |u| u.0).unwrap_or((1.0, "B"));
                (s, Cow::Borrowed(n), true)
            }
            Dim::BYTE_RATE => {
                let (s, n) = pick(BYTE_RATE_UNITS, size, |u| u.0).unwrap_or((1.0, "B/s"));
                (s, Cow::Borrowed(n), true)
            }
            Dim::TIME => {
                let (s, one, many) = if size == 0.0 {
                    (1.0, "s", "s")
                } else {
                    pick(TIME_UNITS, size, |u| u.0).unwrap_or((1.0, "s", "s"))
                };
                let shown = round_sig(q.value / s, 3);
                let name = if shown.abs() == 1.0 { one } else { many };
                (s, Cow::Borrowed(name), true)
            }
            other => (1.0, Cow::Owned(other.symbol()), true),
        },
    };
    let value = q.value / scale;
    let shown = round_sig(value, 3);
    Rendered {
        value,
        shown,
        unit,
        suffixes,
        approx: !close(shown, value),
    }
}

/// Equal up to floating-point noise, so `8.760000000000002` is not "approximately" 8.76.
fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// floor(log10(a)) for a > 0, corrected for `log10` rounding at powers of ten.
fn exp10(a: f64) -> i32 {
    let mut e = a.log10().floor() as i32;
    if 10f64.powi(e) > a {
        e -= 1;
    } else if 10f64.powi(e + 1) <= a {
        e += 1;
    }
    e
}

/// Rounds to `n` significant figures.
pub(super) fn round_sig(x: f64, n: i32) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let p = n - 1 - exp10(x.abs());
    if p > 300 {
        return x; // subnormal territory: nothing useful to round
    }
    let r = if p >= 0 {
        let f = 10f64.powi(p);
        (x * f).round() / f
    } else {
        // Divide by an exact power of ten rather than multiply by an inexact 10^-k.
        let f = 10f64.powi(-p);
        (x / f).round() * f
    };
    if r.is_finite() { r } else { x }
}

/// Three significant figures, K/M/B/T when allowed, scientific outside 1e-3..1e15.
pub(super) fn short_number(m: f64, suffixes: bool) -> String {
    if m == 0.0 {
        return "0".to_string();
    }
    if !m.is_finite() {
        return m.to_string();
    }
    let a = m.abs();
    if !(1e-3..1e15).contains(&a) {
        return scientific(m);
    }
    if suffixes
        && a >= 1e3
        && let Some((s, name)) = SUFFIXES.iter().find(|(s, _)| a >= *s)
    {
        let mut out = fixed3(m / s);
        out.push_str(name);
        return out;
    }
    fixed3(m)
}

/// A number already rounded to three figures, without trailing zeros.
fn fixed3(x: f64) -> String {
    let decimals = (2 - exp10(x.abs())).max(0) as usize;
    trim_zeros(format!("{x:.decimals$}"))
}

fn scientific(x: f64) -> String {
    let s = format!("{x:.2e}");
    match s.split_once('e') {
        Some((mant, exp)) => format!("{}e{exp}", trim_zeros(mant.to_string())),
        None => s,
    }
}

fn trim_zeros(mut s: String) -> String {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    s
}

/// Up to 15 significant digits, plain decimal notation for 1e-9 <= |x| < 1e21.
pub(super) fn exact_number(x: f64) -> String {
    if x == 0.0 {
        return "0".to_string();
    }
    if !x.is_finite() {
        return x.to_string();
    }
    let a = x.abs();
    // Snap floating-point noise: if 12 significant digits already give a short number
    // (two or more trailing zeros), `1 - 99.9%` shows 0.001, not 0.000999999999999889.
    let short = format!("{a:.11e}");
    let s = match short.split_once('e') {
        Some((mant, _)) if mant.trim_end_matches('0').len() <= 11 => short,
        _ => format!("{a:.14e}"),
    };
    let Some((mant, exp)) = s.split_once('e') else {
        return s;
    };
    let Ok(exp) = exp.parse::<i32>() else {
        return s;
    };
    let sign = if x < 0.0 { "-" } else { "" };
    if !(1e-9..1e21).contains(&a) {
        return format!("{sign}{}e{exp}", trim_zeros(mant.to_string()));
    }
    let mut digits: String = mant.chars().filter(|c| *c != '.').collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let mut out = String::from(sign);
    if exp >= 0 {
        let int_len = exp as usize + 1;
        if digits.len() <= int_len {
            out.push_str(&digits);
            out.extend(std::iter::repeat_n('0', int_len - digits.len()));
        } else {
            out.push_str(digits.get(..int_len).unwrap_or(""));
            out.push('.');
            out.push_str(digits.get(int_len..).unwrap_or(""));
        }
    } else {
        out.push_str("0.");
        out.extend(std::iter::repeat_n('0', (-exp - 1) as usize));
        out.push_str(&digits);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding() {
        assert_eq!(round_sig(11574.074, 3), 11600.0);
        assert_eq!(round_sig(8.760000000000002, 3), 8.76);
        assert_eq!(round_sig(999.96, 3), 1000.0);
        assert_eq!(round_sig(-0.012345, 3), -0.0123);
        assert_eq!(round_sig(1000.0, 3), 1000.0);
    }

    #[test]
    fn short_numbers() {
        assert_eq!(short_number(11600.0, true), "11.6K");
        assert_eq!(short_number(1e9, true), "1B");
        assert_eq!(short_number(2.59e6, true), "2.59M");
        assert_eq!(short_number(1.25e12, true), "1.25T");
        assert_eq!(short_number(1000.0, false), "1000");
        assert_eq!(short_number(8.76, true), "8.76");
        assert_eq!(short_number(0.5, true), "0.5");
        assert_eq!(short_number(-11600.0, true), "-11.6K");
        assert_eq!(short_number(1.16e-5, true), "1.16e-5");
        assert_eq!(short_number(2e18, true), "2e18");
    }

    #[test]
    fn exact_numbers() {
        assert_eq!(exact_number(11574.074074074075), "11574.0740740741");
        assert_eq!(exact_number(1e9), "1000000000");
        assert_eq!(exact_number(1e20), "100000000000000000000");
        assert_eq!(exact_number(1e21), "1e21");
        assert_eq!(exact_number(0.001), "0.001");
        assert_eq!(exact_number(-2.5), "-2.5");
        assert_eq!(exact_number(1.0 / 3.0), "0.333333333333333");
        assert_eq!(exact_number(8.760000000000002), "8.76");
        assert_eq!(exact_number(8.759999999999035), "8.76");
        assert_eq!(exact_number(1.23456789012345), "1.23456789012345");
    }

    #[test]
    fn unit_choice() {
        let show = |v: f64, dim: Dim| render(&Quantity::new(v, dim)).display();
        assert_eq!(show(3.65e14, Dim::BYTES), "365 TB");
        assert_eq!(show(999_960.0, Dim::BYTES), "≈ 1 MB");
        assert_eq!(show(500.0, Dim::BYTES), "500 B");
        assert_eq!(show(0.5, Dim::BYTES), "0.5 B");
        assert_eq!(show(2.4e6, Dim::BYTE_RATE), "2.4 MB/s");
        assert_eq!(show(90.0, Dim::TIME), "1.5 min");
        assert_eq!(show(3600.0, Dim::TIME), "1 hour");
        assert_eq!(show(DAY * 30.0, Dim::TIME), "30 days");
        assert_eq!(show(YEAR * 5.0, Dim::TIME), "5 years");
        assert_eq!(show(0.0002, Dim::TIME), "200 µs");
        assert_eq!(show(0.0, Dim::TIME), "0 s");
        assert_eq!(show(3.0, Dim::new(0, 2)), "3 s^2");
        assert_eq!(show(3.0, Dim::new(1, 1)), "3 B·s");
        assert_eq!(show(1.0, Dim::new(-1, 0)), "1 /B");
    }
}
