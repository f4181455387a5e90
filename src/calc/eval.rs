//! Arithmetic on dimensioned values: every operation checks dimensions and finiteness
//! so an error can name the operator's column.

use super::error::CalcError;
use super::quantity::Dim;

/// A working value: SI magnitude, dimension, and the unit the user wrote (if it is
/// still a single unit) so errors can say `cannot add MB and s` rather than `B and s`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Val {
    pub v: f64,
    pub dim: Dim,
    pub hint: Option<&'static str>,
}

impl Val {
    pub fn num(v: f64) -> Val {
        Val {
            v,
            dim: Dim::NONE,
            hint: None,
        }
    }

    /// How to name this value's unit in an error message.
    pub fn describe(&self) -> String {
        match self.hint {
            Some(h) if !h.is_empty() && !self.dim.is_none() => h.to_string(),
            _ => self.dim.describe(),
        }
    }
}

/// Largest exponent accepted on a value with units (`s^64`).
const MAX_UNIT_POWER: f64 = 64.0;

fn finite(v: f64, col: usize) -> Result<f64, CalcError> {
    if v.is_finite() {
        Ok(v)
    } else {
        Err(CalcError::new("result is not a finite number", col))
    }
}

fn exponent_error(col: usize) -> CalcError {
    CalcError::new("unit exponent is too large", col)
}

/// `l + r` or `l - r`; both sides must have the same dimension.
pub(super) fn add(l: Val, r: Val, subtract: bool, col: usize) -> Result<Val, CalcError> {
    if l.dim != r.dim {
        let msg = if subtract {
            format!("cannot subtract {} from {}", r.describe(), l.describe())
        } else {
            format!("cannot add {} and {}", l.describe(), r.describe())
        };
        return Err(CalcError::new(msg, col));
    }
    let v = if subtract { l.v - r.v } else { l.v + r.v };
    Ok(Val {
        v: finite(v, col)?,
        dim: l.dim,
        hint: l.hint.or(r.hint),
    })
}

pub(super) fn mul(l: Val, r: Val, col: usize) -> Result<Val, CalcError> {
    let dim = l
        .dim
        .checked_mul(r.dim)
        .ok_or_else(|| exponent_error(col))?;
    let hint = match (l.dim.is_none(), r.dim.is_none()) {
        (true, _) => r.hint,
        (false, true) => l.hint,
        _ => None,
    };
    Ok(Val {
        v: finite(l.v * r.v, col)?,
        dim,
        hint,
    })
}

pub(super) fn div(l: Val, r: Val, col: usize) -> Result<Val, CalcError> {
    if r.v == 0.0 {
        return Err(CalcError::new("division by zero", col));
    }
    let dim = l
        .dim
        .checked_div(r.dim)
        .ok_or_else(|| exponent_error(col))?;
    let hint = if r.dim.is_none() { l.hint } else { None };
    Ok(Val {
        v: finite(l.v / r.v, col)?,
        dim,
        hint,
    })
}

/// `l ^ r`: the exponent is a plain number, and a whole one when `l` has units.
pub(super) fn pow(l: Val, r: Val, col: usize) -> Result<Val, CalcError> {
    if !r.dim.is_none() {
        return Err(CalcError::new(
            format!("an exponent must be a plain number, not {}", r.describe()),
            col,
        ));
    }
    let dim = if l.dim.is_none() {
        Dim::NONE
    } else {
        if r.v.fract() != 0.0 {
            return Err(CalcError::new(
                format!("cannot raise {} to a fractional power", l.describe()),
                col,
            ));
        }
        if r.v.abs() > MAX_UNIT_POWER {
            return Err(exponent_error(col));
        }
        // In range by the check above, so the cast is exact.
        l.dim
            .checked_pow(r.v as i16)
            .ok_or_else(|| exponent_error(col))?
    };
    if l.v < 0.0 && r.v.fract() != 0.0 {
        return Err(CalcError::new(
            "cannot raise a negative number to a fractional power",
            col,
        ));
    }
    if l.v == 0.0 && r.v < 0.0 {
        return Err(CalcError::new("division by zero", col));
    }
    let v = l.v.powf(r.v);
    Ok(Val {
        v: finite(v, col)?,
        dim,
        hint: None,
    })
}

pub(super) fn neg(x: Val) -> Val {
    Val { v: -x.v, ..x }
}

/// Applies a one-argument function.
pub(super) fn call1(name: &str, x: Val, col: usize) -> Result<Val, CalcError> {
    let plain = |what: &str| -> Result<f64, CalcError> {
        if x.dim.is_none() {
            Ok(x.v)
        } else {
            Err(CalcError::new(
                format!("{what} needs a plain number, not {}", x.describe()),
                col,
            ))
        }
    };
    let v = match name {
        // Rounding works on the SI value (bytes, seconds, per second).
        "ceil" => x.v.ceil(),
        "floor" => x.v.floor(),
        "round" => x.v.round(),
        "abs" => x.v.abs(),
        "sqrt" => {
            let v = plain("sqrt")?;
            if v < 0.0 {
                return Err(CalcError::new("square root of a negative number", col));
            }
            return Ok(Val::num(v.sqrt()));
        }
        "log2" | "log10" => {
            let v = plain(name)?;
            if v <= 0.0 {
                return Err(CalcError::new(
                    format!("{name} needs a number above zero"),
                    col,
                ));
            }
            let r = if name == "log2" { v.log2() } else { v.log10() };
            return Ok(Val::num(r));
        }
        _ => return Err(CalcError::new(format!("unknown function '{name}'"), col)),
    };
    Ok(Val {
        v: finite(v, col)?,
        ..x
    })
}

/// Folds one more argument into `min` / `max`.
pub(super) fn min_max(name: &str, acc: Val, x: Val, col: usize) -> Result<Val, CalcError> {
    if acc.dim != x.dim {
        return Err(CalcError::new(
            format!("cannot compare {} and {}", acc.describe(), x.describe()),
            col,
        ));
    }
    let pick_x = if name == "min" {
        x.v < acc.v
    } else {
        x.v > acc.v
    };
    Ok(if pick_x { x } else { acc })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn q(v: f64, dim: Dim, hint: &'static str) -> Val {
        Val {
            v,
            dim,
            hint: Some(hint),
        }
    }

    #[test]
    fn add_names_both_units() {
        let e = add(q(12e6, Dim::BYTES, "MB"), q(3.0, Dim::TIME, "s"), false, 4).unwrap_err();
        assert_eq!(e.message, "cannot add MB and s");
        assert_eq!(e.column, 4);
        let e = add(q(1.0, Dim::BYTES, "GB"), Val::num(1.0), true, 2).unwrap_err();
        assert_eq!(e.message, "cannot subtract a plain number from GB");
    }

    #[test]
    fn pow_rules() {
        let s = q(1.0, Dim::TIME, "s");
        assert_eq!(pow(s, Val::num(2.0), 1).unwrap().dim, Dim::new(0, 2));
        assert!(pow(s, Val::num(0.5), 1).is_err());
        assert!(pow(s, Val::num(1000.0), 1).is_err());
        assert!(pow(Val::num(10.0), Val::num(400.0), 1).is_err());
        assert!(pow(Val::num(0.0), Val::num(-1.0), 1).is_err());
        assert!(pow(Val::num(-8.0), Val::num(1.0 / 3.0), 1).is_err());
        assert_eq!(pow(Val::num(-2.0), Val::num(3.0), 1).unwrap().v, -8.0);
        assert_eq!(
            pow(Val::num(2.0), Val::num(30.0), 1).unwrap().v,
            1_073_741_824.0
        );
    }

    #[test]
    fn functions() {
        assert_eq!(call1("ceil", Val::num(11574.07), 1).unwrap().v, 11575.0);
        assert_eq!(call1("log2", Val::num(1024.0), 1).unwrap().v, 10.0);
        assert!(call1("log10", Val::num(0.0), 1).is_err());
        assert!(call1("sqrt", Val::num(-1.0), 1).is_err());
        assert!(call1("sqrt", q(4.0, Dim::BYTES, "B"), 1).is_err());
        let a = q(1.0, Dim::BYTES, "B");
        let b = q(2.0, Dim::BYTES, "B");
        assert_eq!(min_max("max", a, b, 1).unwrap().v, 2.0);
        assert_eq!(min_max("min", a, b, 1).unwrap().v, 1.0);
        assert!(min_max("min", a, Val::num(1.0), 1).is_err());
    }
}
