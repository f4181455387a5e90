//! Behaviour tests for the whole calculator, kept inside the module so they travel with it.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use super::*;

fn eval(input: &str) -> Outcome {
    Calculator::new()
        .eval(input)
        .unwrap_or_else(|e| panic!("{input:?} failed: {e}"))
}

fn show(input: &str) -> String {
    eval(input).display
}

fn err(input: &str) -> CalcError {
    match Calculator::new().eval(input) {
        Ok(o) => panic!("{input:?} should fail, got {}", o.display),
        Err(e) => e,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

#[track_caller]
fn assert_si(input: &str, expected: f64, expected_dim: Dim) {
    let o = eval(input);
    assert!(
        close(o.quantity.value, expected),
        "{input:?}: got {} want {expected}",
        o.quantity.value
    );
    assert_eq!(o.quantity.dim, expected_dim, "{input:?}");
}

// ---------------------------------------------------------------- numbers

#[test]
fn numbers_decimals_and_exponents() {
    assert_si("3.25", 3.25, Dim::NONE);
    assert_si(".5", 0.5, Dim::NONE);
    assert_si("1e9", 1e9, Dim::NONE);
    assert_si("10^9", 1e9, Dim::NONE);
    assert_si("2^30", 1_073_741_824.0, Dim::NONE);
    assert_si("2**10", 1024.0, Dim::NONE);
    assert_si("1.5e-3", 0.0015, Dim::NONE);
}

#[test]
fn numbers_digit_separators() {
    assert_si("1,000,000", 1e6, Dim::NONE);
    assert_si("1_000", 1000.0, Dim::NONE);
    assert_si("12,345.5", 12345.5, Dim::NONE);
    // A comma followed by other than exactly three digits is an argument separator.
    assert_si("max(1,2)", 2.0, Dim::NONE);
    assert_si("max(1, 200)", 200.0, Dim::NONE);
    assert_si("min(10,2000)", 10.0, Dim::NONE);
    // The accepted ambiguity: `1,000` inside a call is one thousand.
    assert!(err("max(1,000)").message.contains("at least 2 arguments"));
}

#[test]
fn numbers_percent() {
    assert_si("99.9%", 0.999, Dim::NONE);
    assert_si("50 %", 0.5, Dim::NONE);
    assert_si("(1 - 99.9%) * 1000", 1.0, Dim::NONE);
    assert_eq!(show("99.99%"), "≈ 1");
    assert_eq!(eval("99.99%").exact(), "0.9999");
}

#[test]
fn numbers_suffixes_glued_and_separate() {
    for (input, want) in [
        ("12K", 12e3),
        ("12k", 12e3),
        ("12 K", 12e3),
        ("500M", 500e6),
        ("500 M", 500e6),
        ("1B", 1e9),
        ("2.5B", 2.5e9),
        ("3bn", 3e9),
        ("3 bn", 3e9),
        ("2T", 2e12),
        ("2 T", 2e12),
        ("5 thousand", 5e3),
        ("5 million", 5e6),
        ("5 billion", 5e9),
        ("5 trillion", 5e12),
        ("5 Million", 5e6),
    ] {
        assert_si(input, want, Dim::NONE);
    }
}

// ---------------------------------------------------------------- the B rule

#[test]
fn b_rule() {
    assert_si("1B users", 1e9, Dim::NONE);
    assert_si("1B", 1e9, Dim::NONE);
    assert_si("200 bytes", 200.0, Dim::BYTES);
    assert_si("200 B", 200.0, Dim::BYTES);
    assert_si("10 B", 10.0, Dim::BYTES);
    assert_si("1 B users", 1.0, Dim::BYTES);
    assert_si("2 MB", 2e6, Dim::BYTES);
    assert_si("2MB", 2e6, Dim::BYTES);
    assert_si("1.5 GiB", 1.5 * 1024.0 * 1024.0 * 1024.0, Dim::BYTES);
    assert_si("1bn bytes", 1e9, Dim::BYTES);
    assert_si("1B B", 1e9, Dim::BYTES);
    assert_si("1B/s", 1e9, Dim::RATE);
    assert_si("1 B/s", 1.0, Dim::BYTE_RATE);
    assert_si("1 byte", 1.0, Dim::BYTES);
}

// ---------------------------------------------------------------- units

#[test]
fn byte_units_si_and_binary() {
    let si_units = [
        ("KB", 1e3),
        ("kB", 1e3),
        ("MB", 1e6),
        ("GB", 1e9),
        ("TB", 1e12),
    ];
    for (u, s) in si_units.into_iter().chain([("PB", 1e15), ("EB", 1e18)]) {
        assert_si(&format!("3 {u}"), 3.0 * s, Dim::BYTES);
    }
    for (i, u) in ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        .iter()
        .enumerate()
    {
        let s = 1024f64.powi(i as i32 + 1);
        assert_si(&format!("3 {u}"), 3.0 * s, Dim::BYTES);
    }
    for (u, s) in [
        ("kilobytes", 1e3),
        ("megabyte", 1e6),
        ("gigabytes", 1e9),
        ("terabyte", 1e12),
        ("petabytes", 1e15),
        ("exabyte", 1e18),
        ("Gigabytes", 1e9),
    ] {
        assert_si(&format!("2 {u}"), 2.0 * s, Dim::BYTES);
    }
}

#[test]
fn bits_are_an_eighth_of_a_byte() {
    assert_si("8 bits", 1.0, Dim::BYTES);
    assert_si("1 bit", 0.125, Dim::BYTES);
    assert_si("8 Kbit", 1e3, Dim::BYTES);
    assert_si("8 Mbit", 1e6, Dim::BYTES);
    assert_si("8 Gbit", 1e9, Dim::BYTES);
    assert_si("8 Tbit", 1e12, Dim::BYTES);
    assert_si("8 bps", 1.0, Dim::BYTE_RATE);
    assert_si("8 Kbps", 1e3, Dim::BYTE_RATE);
    assert_si("8 Mbps", 1e6, Dim::BYTE_RATE);
    assert_si("10 Gbps", 1.25e9, Dim::BYTE_RATE);
    assert_si("8 Tbps", 1e12, Dim::BYTE_RATE);
    assert_eq!(show("10 Gbps"), "1.25 GB/s");
    assert_eq!(show("1 GB to bits"), "8B bits");
}

#[test]
fn time_units() {
    for (u, s) in [
        ("ms", 1e-3),
        ("s", 1.0),
        ("sec", 1.0),
        ("second", 1.0),
        ("seconds", 1.0),
        ("min", 60.0),
        ("minute", 60.0),
        ("minutes", 60.0),
        ("h", 3600.0),
        ("hr", 3600.0),
        ("hour", 3600.0),
        ("hours", 3600.0),
        ("day", 86400.0),
        ("days", 86400.0),
        ("week", 604_800.0),
        ("weeks", 604_800.0),
        ("month", 2_592_000.0),
        ("months", 2_592_000.0),
        ("year", 31_536_000.0),
        ("years", 31_536_000.0),
        ("yr", 31_536_000.0),
        ("ns", 1e-9),
        ("µs", 1e-6),
        ("us", 1e-6),
    ] {
        assert_si(&format!("2 {u}"), 2.0 * s, Dim::TIME);
    }
}

#[test]
fn rates() {
    assert_si("5 /s", 5.0, Dim::RATE);
    assert_si("5 * 1/s", 5.0, Dim::RATE);
    assert_si("86400 / day", 1.0, Dim::RATE);
    assert_si("86400 per day", 1.0, Dim::RATE);
    assert_si("60 per minute", 1.0, Dim::RATE);
    assert_si("3 per second", 3.0, Dim::RATE);
    assert_si("5 qps", 5.0, Dim::RATE);
    assert_si("5 rps", 5.0, Dim::RATE);
    assert_si("5 QPS", 5.0, Dim::RATE);
    assert_si("12K tweets/sec", 12e3, Dim::RATE);
    assert_si("10 GB per day", 1e10 / 86400.0, Dim::BYTE_RATE);
    assert_si("1 req/s", 1.0, Dim::RATE);
}

#[test]
fn count_words_are_labels() {
    assert_si("500M users * 2 photos", 1e9, Dim::NONE);
    assert_si("200 bytes/tweet", 200.0, Dim::BYTES);
    assert_si("2 photos per user", 2.0, Dim::NONE);
    assert_si("3 Users", 3.0, Dim::NONE);
    for w in COUNT_WORDS {
        assert_si(&format!("3 {w}"), 3.0, Dim::NONE);
        assert_si(&format!("3 MB / {w}"), 3e6, Dim::BYTES);
    }
}

#[test]
fn every_unit_name_parses() {
    for name in unit_names() {
        let o = Calculator::new().eval(&format!("2 {name}"));
        assert!(o.is_ok(), "2 {name}: {o:?}");
        let o = Calculator::new().eval(name);
        assert!(o.is_ok(), "{name}: {o:?}");
    }
}

#[test]
fn unknown_words_are_errors() {
    let e = err("5 xyz");
    assert_eq!(e.message, "unknown unit or variable 'xyz'");
    assert_eq!(e.column, 3);
    assert_eq!(e.to_string(), "column 3: unknown unit or variable 'xyz'");
    let e = err("foos");
    assert_eq!(
        (e.column, e.message.as_str()),
        (1, "unknown unit or variable 'foos'")
    );
    assert!(err("5 gb").message.contains("did you mean 'GB'"));
    // Abbreviations are case-sensitive: `mb` is not silently megabytes.
    assert!(err("5 mb").message.starts_with("unknown unit"));
}

// ---------------------------------------------------------------- operators

#[test]
fn precedence_and_associativity() {
    assert_si("1 + 2 * 3", 7.0, Dim::NONE);
    assert_si("(1 + 2) * 3", 9.0, Dim::NONE);
    assert_si("1 - 2 - 3", -4.0, Dim::NONE);
    assert_si("8 / 2 / 2", 2.0, Dim::NONE);
    assert_si("2^3^2", 512.0, Dim::NONE);
    assert_si("-2^2", -4.0, Dim::NONE);
    assert_si("2^-1", 0.5, Dim::NONE);
    assert_si("--3", 3.0, Dim::NONE);
    assert_si("+3", 3.0, Dim::NONE);
    assert_si("2 * -3", -6.0, Dim::NONE);
    assert_si("6 × 7 ÷ 2", 21.0, Dim::NONE);
}

#[test]
fn unit_binds_tighter_than_mul_div() {
    // (1 GB) / (2 s), not ((1 GB) / 2) * s.
    assert_si("1 GB / 2 s", 0.5e9, Dim::BYTE_RATE);
    assert_eq!(show("1 GB / 2 s"), "500 MB/s");
    assert_si("2^30 bytes", 1_073_741_824.0, Dim::BYTES);
    assert_si("5 s^2", 5.0, Dim::new(0, 2));
    assert_si("-5 MB", -5e6, Dim::BYTES);
    assert_si("2 MB/s * 10 s", 20e6, Dim::BYTES);
}

#[test]
fn dimension_mismatch_on_add() {
    let e = err("12 MB + 3 s");
    assert_eq!(e.message, "cannot add MB and s");
    assert_eq!(e.column, 7);
    let e = err("1 GB - 5");
    assert_eq!(e.message, "cannot subtract a plain number from GB");
    assert_eq!(e.column, 6);
    assert_eq!(err("1 GB / 2 s + 1 s").message, "cannot add B/s and s");
    assert_si("1 GB + 500 MB", 1.5e9, Dim::BYTES);
    assert_si("1 hour - 30 min", 1800.0, Dim::TIME);
}

#[test]
fn division_by_zero_and_non_finite() {
    let e = err("1 / 0");
    assert_eq!((e.message.as_str(), e.column), ("division by zero", 3));
    assert_eq!(err("5 MB per (1 - 1)").message, "division by zero");
    assert_eq!(err("10^400").message, "result is not a finite number");
    assert_eq!(
        err("1e200 * 1e200").message,
        "result is not a finite number"
    );
    assert_eq!(err("0^-1").message, "division by zero");
    assert_eq!(err("2^99999999").column, 2);
    assert_eq!(
        err("1e308 s to µs").message,
        "result is not a finite number"
    );
}

#[test]
fn syntax_errors_have_columns() {
    let e = err("1 + 2 )");
    assert_eq!((e.message.as_str(), e.column), ("unexpected ')'", 7));
    let e = err("1 +");
    assert_eq!(
        (e.message.as_str(), e.column),
        ("expected a number or '(' at end of input", 4)
    );
    let e = err("(1 + 2");
    assert_eq!(e.column, 7);
    assert!(e.message.starts_with("expected ')' at end of input"));
    assert_eq!(err("3 4").message, "expected an operator before '4'");
    assert_eq!(err("2 $ 3").message, "unexpected character '$'");
    assert_eq!(err("").message, "nothing to evaluate");
    assert_eq!(err("   ").message, "nothing to evaluate");
    assert_eq!(err("* 2").message, "unexpected '*'");
    // Columns count characters, not bytes.
    assert_eq!(err("µs + 1").column, 4);
}

#[test]
fn nesting_is_capped_without_overflow() {
    let ok = format!("{}1{}", "(".repeat(200), ")".repeat(200));
    assert_si(&ok, 1.0, Dim::NONE);
    // As deep as fits in the longest input, past the nesting limit.
    for deep in [
        format!("{}1{}", "(".repeat(2_000), ")".repeat(2_000)),
        format!("{}1", "-".repeat(4_000)),
        format!("{}2", "2^".repeat(2_000)),
        format!("{}1{}", "sqrt(".repeat(600), ")".repeat(600)),
    ] {
        assert!(deep.chars().count() <= MAX_INPUT);
        assert!(err(&deep).message.contains("nested too deeply"));
    }
    // Long flat input is fine: left-associative chains do not recurse.
    let flat = format!("{}1", "1 + ".repeat(1_000));
    assert_si(&flat, 1_001.0, Dim::NONE);
    // Piling up units overflows the exponent range with an error, not a wrap.
    assert!(
        err(&format!("1{}", " s".repeat(200)))
            .message
            .contains("exponent")
    );
}

// ---------------------------------------------------------------- conversions

#[test]
fn conversions_to_in_arrow() {
    assert_eq!(show("1 day to s"), "86.4K s");
    assert_eq!(show("1 day in hours"), "24 hours");
    assert_eq!(show("1 day -> min"), "1.44K min");
    assert_eq!(show("1 day → min"), "1.44K min");
    assert_eq!(show("5000 GB in TB"), "5 TB");
    assert_eq!(show("2^30 bytes to GiB"), "1 GiB");
    assert_eq!(show("1 GB to GiB"), "≈ 0.931 GiB");
    assert_eq!(show("86400 per day to /s"), "1 /s");
    assert_eq!(show("86400 per day to 1/s"), "1 /s");
    assert_eq!(show("864000 per day to qps"), "10 qps");
    assert_eq!(show("10 MB/s to MB / s"), "10 MB/s");
    assert_eq!(
        show("1 GB per day to kilobytes per second"),
        "≈ 11.6 kilobytes per second"
    );
    assert_eq!(show("0.25 to %"), "25%");
    assert_eq!(show("5 users to users"), "5 users");
}

#[test]
fn conversion_errors() {
    let e = err("5 GB to s");
    assert_eq!(
        (e.message.as_str(), e.column),
        ("cannot convert GB to s", 6)
    );
    assert_eq!(err("5 GB to").message, "expected a unit at end of input");
    assert_eq!(err("5 GB to xyz").message, "unknown unit 'xyz'");
    assert!(
        err("5 GB to MB to KB")
            .message
            .contains("only one conversion")
    );
    let mut c = Calculator::new();
    c.eval("x = 5 MB").unwrap();
    assert!(
        c.eval("10 MB to x")
            .unwrap_err()
            .message
            .contains("is a variable")
    );
    assert!(err("5 MB to -MB").message.contains("positive"));
}

// ---------------------------------------------------------------- variables and ans

#[test]
fn variables_and_ans() {
    let mut c = Calculator::new();
    let o = c.eval("dau = 500M").unwrap();
    assert_eq!(o.assigned.as_deref(), Some("dau"));
    assert_eq!(o.display, "500M");
    let o = c.eval("photos_per_user = 2").unwrap();
    assert_eq!(o.assigned.as_deref(), Some("photos_per_user"));
    assert_eq!(
        c.eval("dau * photos_per_user / day to 1/s")
            .unwrap()
            .display,
        "≈ 11.6K /s"
    );
    assert_eq!(c.eval("ans * 1 day").unwrap().display, "1B");
    assert_eq!(c.eval("ans * 200 bytes").unwrap().display, "200 GB");
    let names: Vec<_> = c.variables().map(|(n, _)| n).collect();
    assert_eq!(names, ["dau", "photos_per_user"]);
    c.eval("dau = 1B").unwrap();
    assert_eq!(c.variables().count(), 2);
    assert_eq!(c.eval("dau").unwrap().quantity.value, 1e9);
    // Assigning also sets ans.
    assert_eq!(c.eval("ans / 2").unwrap().quantity.value, 5e8);
    c.clear();
    assert!(c.ans().is_none());
    assert_eq!(c.variables().count(), 0);
}

#[test]
fn preview_and_failed_eval_change_nothing() {
    let mut c = Calculator::new();
    assert_eq!(err("ans").message, "no previous result for 'ans' yet");
    c.eval("2 GB").unwrap();
    assert_eq!(c.preview("x = ans * 2").unwrap().display, "4 GB");
    assert_eq!(c.variables().count(), 0);
    assert_eq!(c.ans().map(|q| q.value), Some(2e9));
    assert!(c.eval("x = ans + 1 s").is_err());
    assert_eq!(c.variables().count(), 0);
    assert_eq!(c.ans().map(|q| q.value), Some(2e9));
}

#[test]
fn count_words_can_name_variables_but_stay_labels_after_a_number() {
    let mut c = Calculator::new();
    c.eval("dau = 500M").unwrap();
    c.eval("uploads = dau * 2").unwrap();
    assert_eq!(c.eval("uploads / day").unwrap().display, "≈ 11.6K /s");
    // After a number the word is a label, never the variable.
    assert_eq!(c.eval("3 uploads").unwrap().quantity.value, 3.0);
    assert_eq!(
        c.eval("users = 5").unwrap().assigned.as_deref(),
        Some("users")
    );
}

#[test]
fn assignment_name_rules() {
    for (input, what) in [
        ("MB = 5", "a unit"),
        ("day = 5", "a unit"),
        ("min = 5", "a function"),
        ("sqrt = 5", "a function"),
        ("to = 5", "a reserved word"),
        ("ans = 5", "a reserved word"),
        ("per = 5", "a reserved word"),
    ] {
        let e = err(input);
        assert!(e.message.ends_with(what), "{input}: {}", e.message);
        assert_eq!(e.column, 1);
    }
    assert!(err("x = ").message.contains("end of input"));
    assert_eq!(err("x = 1 = 2").message, "unexpected '='");
    let mut c = Calculator::new();
    c.eval("x = 5").unwrap();
    assert!(
        c.eval("2 x")
            .unwrap_err()
            .message
            .starts_with("expected an operator before 'x'")
    );
    assert_eq!(c.eval("x MB").unwrap().display, "5 MB");
}

// ---------------------------------------------------------------- functions

#[test]
fn functions() {
    assert_eq!(eval("ceil(11574.07)").quantity.value, 11575.0);
    assert_eq!(eval("ceil(11574.07)").exact(), "11575");
    assert_eq!(eval("floor(2.7)").quantity.value, 2.0);
    assert_eq!(eval("round(2.5)").quantity.value, 3.0);
    assert_eq!(eval("abs(-2 MB)").display, "2 MB");
    assert_eq!(eval("log2(1024)").quantity.value, 10.0);
    assert_eq!(eval("log10(1e9)").quantity.value, 9.0);
    assert_eq!(eval("sqrt(16)").quantity.value, 4.0);
    assert_eq!(eval("min(3, 1, 2)").quantity.value, 1.0);
    assert_eq!(eval("max(1 GB, 200 MB)").display, "1 GB");
    assert_eq!(eval("min(5 min, 2 min)").display, "2 min");
    assert_eq!(eval("ceil(500M * 2 / day)").display, "≈ 11.6K /s");
    assert_eq!(eval("ceil(500M * 2 / day)").exact(), "11575 /s");
    assert_eq!(eval("5 min").display, "5 min");
}

#[test]
fn function_errors() {
    let e = err("foo(2)");
    assert_eq!(
        (e.message.as_str(), e.column),
        ("unknown function 'foo'", 1)
    );
    assert_eq!(
        err("sqrt(2, 3)").message,
        "sqrt() takes 1 argument, got 2 arguments"
    );
    assert_eq!(
        err("ceil()").message,
        "ceil() takes 1 argument, got 0 arguments"
    );
    assert_eq!(
        err("max(1)").message,
        "max() takes at least 2 arguments, got 1 argument"
    );
    let e = err("max(1 GB, 2 s)");
    assert_eq!(
        (e.message.as_str(), e.column),
        ("cannot compare GB and s", 11)
    );
    assert_eq!(
        err("sqrt(4 MB)").message,
        "sqrt needs a plain number, not MB"
    );
    assert_eq!(err("log2(0)").message, "log2 needs a number above zero");
    assert_eq!(err("sqrt(-1)").message, "square root of a negative number");
    assert_eq!(
        err("sqrt 4").message,
        "'sqrt' is a function: write sqrt(...)"
    );
    assert!(err("max(1, 2").message.starts_with("expected ')'"));
}

// ---------------------------------------------------------------- interview figures

#[test]
fn interview_figures() {
    let o = eval("500M * 2 / day to 1/s");
    assert!(close(o.quantity.value, 11574.074074074075));
    assert_eq!(o.display, "≈ 11.6K /s");
    assert!(o.approx);
    assert_eq!(o.exact(), "11574.0740740741 /s");
    let (v, unit) = o.value_in_unit();
    assert!(close(v, 11574.074074074075));
    assert_eq!(unit, "/s");

    assert_eq!(show("500M * 2 photos / day to 1/s"), "≈ 11.6K /s");
    assert_eq!(show("1B * 2 MB"), "2 PB");
    assert_eq!(show("2 PB/day * 365 days * 5"), "3.65 EB");
    let o = eval("2 PB/day * 5 years in EB");
    assert_eq!(o.display, "3.65 EB");
    assert_eq!(o.value_in_unit(), (3.65, "EB".to_string()));
    // A count per day with no target is shown per second.
    assert_eq!(show("100M * 10 / day"), "≈ 11.6K /s");
    assert_eq!(show("1B * 200 bytes * 365 * 5"), "365 TB");
    assert_eq!(show("12K * 200 bytes / s"), "2.4 MB/s");
    assert_eq!(show("(1 - 99.9%) * 1 year to hours"), "8.76 hours");
    assert_eq!(show("1 year * 0.001 to hours"), "8.76 hours");
    assert_eq!(show("(1-99.99%) * 365 days to min"), "≈ 52.6 min");
    assert_eq!(show("1/s * 1 month"), "≈ 2.59M");
    assert_eq!(show("10 Gbps to MB/s"), "1.25K MB/s");
    assert_eq!(show("2^30 bytes to GiB"), "1 GiB");
    assert_eq!(show("1 day to s"), "86.4K s");
    assert_eq!(show("ceil(11574.07)"), "≈ 11.6K");
    assert_eq!(show("1e9"), "1B");
    assert_eq!(show("11574.07"), "≈ 11.6K");
    // Reference figures from the design notes.
    assert_eq!(show("40 req/s * 1 month"), "≈ 104M");
    assert_eq!(show("400 req/s * 1 month"), "≈ 1.04B");
    assert_eq!(show("1 month"), "30 days");
    assert_eq!(show("1 year"), "1 year");
}

#[test]
fn output_units_by_dimension() {
    assert_eq!(show("1500"), "1.5K");
    assert_eq!(show("999"), "999");
    assert_eq!(show("0.5"), "0.5");
    assert_eq!(show("2.5T"), "2.5T");
    assert_eq!(show("1 PB * 5000"), "5 EB");
    assert_eq!(show("1 EB * 5000"), "5K EB");
    assert_eq!(show("1.5 GiB"), "≈ 1.61 GB");
    assert_eq!(show("1.5 GiB to MiB"), "≈ 1.54K MiB");
    assert_eq!(show("2 PB / day"), "≈ 23.1 GB/s");
    assert_eq!(show("90 s"), "1.5 min");
    assert_eq!(show("36 hours"), "1.5 days");
    assert_eq!(show("0.25 s"), "250 ms");
    assert_eq!(show("400 days"), "≈ 1.1 years");
    assert_eq!(show("1 / day"), "≈ 1.16e-5 /s");
    assert_eq!(show("-3 MB"), "-3 MB");
    assert_eq!(show("1 MB * 1 s"), "1M B·s");
    assert_eq!(show("0 * 1 MB"), "0 B");
}

#[test]
fn exact_and_value_in_unit() {
    assert_eq!(eval("1e9").exact(), "1000000000");
    assert_eq!(eval("1e9").value_in_unit(), (1e9, String::new()));
    assert_eq!(eval("1/3").exact(), "0.333333333333333");
    assert_eq!(eval("1 year").exact(), "1 year");
    assert_eq!(eval("1e25").exact(), "1e25");
    let q = eval("2 PB / day").quantity;
    assert_eq!(q.exact(), "23.1481481481481 GB/s");
    assert!(q.is_approx());
    assert_eq!(q.to_string(), "≈ 23.1 GB/s");
}

// ---------------------------------------------------------------- estimate mode

#[test]
fn estimate_shortcuts() {
    let c = Calculator::new();
    let e = c.estimate("500M * 2 / day to 1/s").unwrap();
    assert_eq!(e.exact.display, "≈ 11.6K /s");
    let s = e.shortcut.as_ref().unwrap();
    assert_eq!(s.display, "10K /s");
    assert!((e.off_percent().unwrap() - -13.6).abs() < 1e-9);
    assert_eq!(e.summary(), "≈ 11.6K /s (shortcut 10K /s, 13.6% low)");

    let e = c.estimate("1 req/s * 1 month").unwrap();
    assert_eq!(e.shortcut.as_ref().unwrap().display, "2.5M");
    let e = c.estimate("400 req/s * 1 year").unwrap();
    assert_eq!(e.shortcut.as_ref().unwrap().display, "12B");
    let e = c.estimate("1 day to s").unwrap();
    assert_eq!(e.shortcut.as_ref().unwrap().display, "100K s");
    assert_eq!(e.summary(), "86.4K s (shortcut 100K s, 15.7% high)");
    let e = c.estimate("1 GiB").unwrap();
    assert_eq!(e.shortcut.as_ref().unwrap().display, "1 GB");
    // Units that cancel give the same answer.
    let e = c.estimate("2 PB/day * 365 days").unwrap();
    assert_eq!(e.off_percent(), Some(0.0));
    assert!(e.summary().ends_with("same)"));
    // No shortcut unit: nothing to compare.
    // A target alone takes no shortcut: the answer is read in exact units.
    assert!(c.estimate("1 GB to GiB").unwrap().shortcut.is_none());
    let e = c.estimate("12K * 200 bytes / s").unwrap();
    assert!(e.shortcut.is_none());
    assert_eq!(e.off_percent(), None);
    assert_eq!(e.summary(), "2.4 MB/s");
    // Estimate never changes state.
    let e = c.estimate("x = 1 day").unwrap();
    assert_eq!(e.exact.assigned.as_deref(), Some("x"));
    assert_eq!(c.variables().count(), 0);
}

#[test]
fn an_input_past_the_limit_is_refused_not_evaluated() {
    let longest = format!("1{}", " + 1".repeat((MAX_INPUT - 1) / 4));
    assert!(longest.chars().count() <= MAX_INPUT);
    assert_eq!(show(&longest), "≈ 1.02K");
    // Non-ASCII counts by characters, not bytes.
    let wide = format!("1{}×", " ".repeat(MAX_INPUT - 2));
    assert!(wide.len() > MAX_INPUT && !too_long(&wide));

    let over = format!("{longest} + 1 + 1");
    let e = err(&over);
    assert_eq!(e.column, MAX_INPUT + 1);
    assert_eq!(
        e.message,
        format!(
            "this is {} characters; an expression can be at most 4,096",
            grouped(over.chars().count())
        )
    );
    assert!(Calculator::new().estimate(&over).is_err());
    assert_eq!(grouped(1_048_576), "1,048,576");
    assert_eq!(grouped(999), "999");
}

// ---------------------------------------------------------------- properties

mod props {
    use super::*;
    use proptest::prelude::*;

    const FRAGMENTS: &[&str] = &[
        "1", "2.5", "1B", "500M", "1,000", "1_000", "99.9%", "1e308", "0", "12K", "+", "-", "*",
        "/", "^", "**", "(", ")", ",", "%", "=", "->", "to", "in", "per", "MB", "GiB", "B",
        "bytes", "s", "day", "month", "users", "Gbps", "/s", "1/s", "min", "max(", "min(", "ceil(",
        "sqrt(", "log2(", "x", "ans", "unknown", "µs", "×", "é", " ",
    ];

    fn calculator() -> Calculator {
        let mut c = Calculator::new();
        c.eval("x = 3 MB").unwrap();
        c
    }

    fn check_outcome(r: &Result<Outcome, CalcError>, input: &str) {
        match r {
            Ok(o) => {
                assert!(o.quantity.value.is_finite(), "{input:?}");
                assert!(!o.display.contains("NaN") && !o.display.contains("inf"));
            }
            Err(e) => {
                assert!(!e.message.is_empty());
                assert!(
                    e.column >= 1 && e.column <= input.chars().count() + 1,
                    "{input:?} {e}"
                );
            }
        }
    }

    /// Same-dimension unit groups for round trips.
    const GROUPS: &[&[&str]] = &[
        &[
            "B", "KB", "MB", "GB", "TB", "PB", "KiB", "MiB", "GiB", "TiB", "bits", "Gbit",
        ],
        &[
            "ms", "s", "min", "hours", "days", "weeks", "months", "years",
        ],
        &["/s", "/day", "/hour", "qps", "/min", "/week"],
        &["MB/s", "Gbps", "KB/s", "GB/day", "Mbps", "TB/month"],
        &["K", "million", "%", "users", "thousand"],
    ];

    proptest! {
        #[test]
        fn random_text_never_panics(s in "\\PC{0,40}") {
            let c = calculator();
            check_outcome(&c.preview(&s), &s);
            let _ = c.estimate(&s);
        }

        #[test]
        fn random_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..40)) {
            let s = String::from_utf8_lossy(&b);
            check_outcome(&calculator().preview(&s), &s);
        }

        #[test]
        fn random_token_soup_never_panics(
            parts in proptest::collection::vec(0..FRAGMENTS.len(), 0..24),
            spaced in any::<bool>(),
        ) {
            let sep = if spaced { " " } else { "" };
            let s = parts.iter().filter_map(|i| FRAGMENTS.get(*i).copied()).collect::<Vec<_>>().join(sep);
            let mut c = calculator();
            let r = c.eval(&s);
            check_outcome(&r, &s);
            if let Ok(e) = c.estimate(&s) {
                prop_assert!(e.off_percent().is_none_or(f64::is_finite));
            }
        }

        #[test]
        fn conversion_round_trips(
            x in 1e-6f64..1e15,
            g in 0..GROUPS.len(),
            a in 0usize..16,
            b in 0usize..16,
        ) {
            let group = GROUPS[g];
            let (ua, ub) = (group[a % group.len()], group[b % group.len()]);
            let c = Calculator::new();
            let there = c.preview(&format!("{x:e} {ua} to {ub}")).unwrap();
            let (v, _) = there.value_in_unit();
            let back = c.preview(&format!("{v:e} {ub} to {ua}")).unwrap();
            let (w, _) = back.value_in_unit();
            prop_assert!(close(w, x), "{x} {ua} -> {v} {ub} -> {w}");
        }

        #[test]
        fn display_is_three_figures_of_exact(x in -1e14f64..1e14) {
            prop_assume!(x.abs() >= 1e-3);
            let o = Calculator::new().preview(&format!("{x:e}")).unwrap();
            let shown = o.display.trim_start_matches("≈ ");
            // The K/M/B/T-scaled mantissa has at most three significant digits.
            let digits = shown.chars().filter(char::is_ascii_digit).collect::<String>();
            prop_assert!(digits.trim_start_matches('0').trim_end_matches('0').len() <= 3, "{shown}");
            prop_assert_eq!(o.approx, o.display.starts_with("≈ "));
        }
    }
}
