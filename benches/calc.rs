//! One evaluation of typical interview estimates in the capacity calculator and in
//! fend (`fend-core`): `cargo bench --bench calc`.
//!
//! Each case is written in each engine's own syntax (fend has no `M`/`K`/`B`
//! multipliers and reads `1 GB / 2 s` as `(1 GB / 2) s`); `main` checks that both give
//! the same value before anything is timed. fend is measured twice: reusing one
//! `Context` (as an app would) and with a fresh `Context` per evaluation (as its CLI
//! does for one expression).

use sdcoach::calc;

use divan::{Bencher, black_box};
use std::fmt;

struct Case {
    name: &'static str,
    ours: &'static str,
    fend: &'static str,
}

impl fmt::Display for Case {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name)
    }
}

const CASES: &[Case] = &[
    Case {
        name: "uploads_per_s",
        ours: "500M * 2 / day to 1/s",
        fend: "500e6 * 2 / day to 1/s",
    },
    Case {
        name: "storage_5y",
        ours: "1B * 200 bytes * 365 * 5 to TB",
        fend: "1e9 * 200 bytes * 365 * 5 to TB",
    },
    Case {
        name: "downtime",
        ours: "(1 - 99.9%) * 365 days to hours",
        fend: "(1 - 99.9%) * 365 days to hours",
    },
    Case {
        name: "bandwidth",
        ours: "12K * 200 bytes / s to MB/s",
        fend: "12e3 * 200 bytes / s to MB/s",
    },
];

fn main() {
    for c in CASES {
        let ours = calc::Calculator::new()
            .eval(c.ours)
            .unwrap_or_else(|e| panic!("{}: {}", c.ours, e.message))
            .value_in_unit()
            .0;
        let mut ctx = fend_core::Context::new();
        let expr = format!("{} to 20 dp", c.fend);
        let out = fend_core::evaluate(&expr, &mut ctx).unwrap_or_else(|e| panic!("{expr}: {e}"));
        let out = out.get_main_result();
        let num = out
            .trim_start_matches("approx. ")
            .split(' ')
            .next()
            .unwrap_or("");
        let theirs: f64 = num
            .replace(',', "")
            .parse()
            .unwrap_or_else(|_| panic!("{expr}: {out}"));
        assert!(
            (ours - theirs).abs() <= 1e-9 * ours.abs().max(theirs.abs()),
            "{}: ours {ours}, fend {out}",
            c.name
        );
    }
    divan::main();
}

// Sub-microsecond: batch 100 evaluations per sample so the 20 ns timer is no issue.
#[divan::bench(args = CASES, sample_count = 500, sample_size = 100)]
fn ours(b: Bencher, c: &Case) {
    let mut calc = calc::Calculator::new();
    b.bench_local(|| calc.eval(black_box(c.ours)).map(|o| o.display));
}

#[divan::bench(args = CASES, sample_count = 300)]
fn fend_reused_context(b: Bencher, c: &Case) {
    let mut ctx = fend_core::Context::new();
    b.bench_local(|| {
        fend_core::evaluate(black_box(c.fend), &mut ctx).map(|r| r.get_main_result().len())
    });
}

#[divan::bench(args = CASES, sample_count = 300)]
fn fend_fresh_context(b: Bencher, c: &Case) {
    b.bench_local(|| {
        let mut ctx = fend_core::Context::new();
        fend_core::evaluate(black_box(c.fend), &mut ctx).map(|r| r.get_main_result().len())
    });
}
