//! Reference tables for quick estimates: powers of two and ten, latencies, availability,
//! seconds per period and request rates.
//!
//! Wherever a table holds arithmetic, the calculator engine computes it, so the tables
//! always agree with what the calculator itself would answer.

use super as engine;

/// One reference table, ready to render.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// Heading above the table.
    pub title: &'static str,
    /// A sentence on where the figures come from or how to read them.
    pub note: &'static str,
    /// Column headings; every row has exactly this many cells.
    pub header: &'static [&'static str],
    /// Cells, row by row.
    pub rows: Vec<Vec<String>>,
}

/// All reference tables, in display order, worked out the first time they are shown
/// (not on every session's start).
pub fn tables() -> &'static [Table] {
    static TABLES: std::sync::OnceLock<Vec<Table>> = std::sync::OnceLock::new();
    TABLES.get_or_init(build)
}

fn build() -> Vec<Table> {
    let calc = engine::Calculator::new();
    vec![
        powers(&calc),
        latency(),
        availability(&calc),
        seconds(&calc),
        request_rates(&calc),
    ]
}

/// The engine's display of `expr`; an error shows in the cell rather than panicking,
/// though the fixed expressions here are all covered by tests.
fn show(calc: &engine::Calculator, expr: &str) -> String {
    match calc.preview(expr) {
        Ok(o) => o.display,
        Err(e) => format!("error: {}", e.message),
    }
}

/// Whole number with thousands separators: 1,073,741,824.
fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn powers(calc: &engine::Calculator) -> Table {
    const STEPS: [(u32, &str, &str, &str); 6] = [
        (10, "thousand (K)", "KiB", "KB"),
        (20, "million (M)", "MiB", "MB"),
        (30, "billion (B)", "GiB", "GB"),
        (40, "trillion (T)", "TiB", "TB"),
        (50, "quadrillion", "PiB", "PB"),
        (60, "quintillion", "EiB", "EB"),
    ];
    let rows = STEPS
        .iter()
        .map(|&(bits, name, binary, decimal)| {
            let tens = bits / 10 * 3;
            vec![
                format!("2^{bits}"),
                grouped(1u128 << bits),
                format!("10^{tens}"),
                name.to_string(),
                format!("1 {binary} ≈ 1 {decimal}"),
                show(calc, &format!("(2^{bits} / 10^{tens} - 1) to %")),
            ]
        })
        .collect();
    Table {
        title: "Powers of two and ten",
        note: "Each step of 2^10 is roughly a step of 10^3, so binary and decimal units \
               can be swapped in estimates; the gap grows with each step.",
        header: &[
            "Power of 2",
            "Exact",
            "≈ Power of 10",
            "Name",
            "Bytes",
            "2^n larger by",
        ],
        rows,
    }
}

fn latency() -> Table {
    const CLASSIC: &str = "2012";
    const CURRENT: &str = "2020s (approx.)";
    const ROWS: [(&str, &str, &str); 14] = [
        ("L1 cache reference", "0.5 ns", "~1 ns"),
        ("Branch mispredict", "5 ns", "~3–5 ns"),
        ("L2 cache reference", "7 ns", "~3–5 ns"),
        ("Mutex lock/unlock (uncontended)", "25 ns", "~15–25 ns"),
        ("Main memory reference", "100 ns", "~100 ns"),
        ("Compress 1 KB (Zippy/Snappy)", "3 µs", "~1–2 µs"),
        (
            "Send 1 KB over the network",
            "10 µs (1 Gbps)",
            "~1 µs (10 Gbps); 1 MB ≈ 1 ms",
        ),
        ("Read 4 KB randomly from SSD", "150 µs", "~20–100 µs (NVMe)"),
        ("Read 1 MB sequentially from memory", "250 µs", "~50–100 µs"),
        ("Round trip within a datacenter", "500 µs", "~100–500 µs"),
        (
            "Read 1 MB sequentially from SSD",
            "1 ms",
            "~100–300 µs (NVMe at ~3–10 GB/s)",
        ),
        ("Disk seek", "10 ms", "~5–10 ms (HDD)"),
        (
            "Read 1 MB sequentially from disk",
            "20 ms",
            "~5 ms (HDD at ~200 MB/s)",
        ),
        (
            "Round trip California ↔ Netherlands",
            "150 ms",
            "~150 ms (fibre floor ~90 ms)",
        ),
    ];
    let rows = ROWS
        .iter()
        .map(|&(op, then, now)| {
            vec![
                op.to_string(),
                then.to_string(),
                CLASSIC.to_string(),
                now.to_string(),
                CURRENT.to_string(),
            ]
        })
        .collect();
    Table {
        title: "Latency numbers",
        note: "Classic column: the widely shared list of latencies every programmer should \
               know, in its 2012 form. Current column: typical orders of magnitude for \
               hardware of the 2020s, not measurements; real machines vary widely.",
        header: &["Operation", "Classic", "From", "Rough today", "From"],
        rows,
    }
}

fn availability(calc: &engine::Calculator) -> Table {
    const LEVELS: [(&str, &str); 6] = [
        ("99%", "two nines"),
        ("99.5%", ""),
        ("99.9%", "three nines"),
        ("99.95%", ""),
        ("99.99%", "four nines"),
        ("99.999%", "five nines"),
    ];
    let rows = LEVELS
        .iter()
        .map(|&(level, nick)| {
            let label = if nick.is_empty() {
                level.to_string()
            } else {
                format!("{level} ({nick})")
            };
            let down = |period: &str| show(calc, &format!("(1 - {level}) * 1 {period}"));
            vec![label, down("year"), down("month"), down("day")]
        })
        .collect();
    Table {
        title: "Availability and downtime",
        note: "Allowed downtime = (1 − availability) × period, with a 365-day year and a \
               30-day month.",
        header: &[
            "Availability",
            "Down per year",
            "Down per month (30 days)",
            "Down per day",
        ],
        rows,
    }
}

fn seconds(calc: &engine::Calculator) -> Table {
    const PERIODS: [(&str, &str); 6] = [
        ("Minute", "minute"),
        ("Hour", "hour"),
        ("Day", "day"),
        ("Week", "week"),
        ("Month (30 days)", "month"),
        ("Year (365 days)", "year"),
    ];
    let rows = PERIODS
        .iter()
        .map(|&(label, unit)| {
            let expr = format!("1 {unit} to s");
            let (shown, exact, quick, off) = match calc.estimate(&expr) {
                Ok(est) => {
                    let exact = grouped(est.exact.quantity.value.round() as u128);
                    let quick = est
                        .shortcut
                        .as_ref()
                        .map_or_else(|| "same".to_string(), |s| s.display.clone());
                    let off = est.off_percent().map_or_else(
                        || "-".to_string(),
                        |p| {
                            let dir = if p < 0.0 { "low" } else { "high" };
                            format!("{:.1}% {dir}", p.abs())
                        },
                    );
                    (est.exact.display, exact, quick, off)
                }
                Err(e) => {
                    let msg = format!("error: {}", e.message);
                    (msg.clone(), msg.clone(), msg.clone(), msg)
                }
            };
            vec![label.to_string(), shown, exact, quick, off]
        })
        .collect();
    Table {
        title: "Seconds per period",
        note: "Quick values are the round numbers used for mental arithmetic (a day as \
               10^5 s, a month as 2.5M s, a year as 3 × 10^7 s); the last column says \
               how far each is from the true length.",
        header: &[
            "Period",
            "Seconds",
            "Exact",
            "Quick value",
            "Quick value is",
        ],
        rows,
    }
}

fn request_rates(calc: &engine::Calculator) -> Table {
    const RATES: [&str; 7] = ["1", "10", "40", "100", "400", "1K", "10K"];
    let rows = RATES
        .iter()
        .map(|&rate| {
            let per = |period: &str| show(calc, &format!("{rate} / s * 1 {period}"));
            vec![format!("{rate} req/s"), per("day"), per("month")]
        })
        .collect();
    Table {
        title: "Requests per second over a day and a month",
        note: "Handy anchors: 1 req/s is about 2.6M a month, 40 req/s about 100M and \
               400 req/s about 1B (30-day month).",
        header: &["Rate", "Per day", "Per month (30 days)"],
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(title_start: &str) -> Table {
        tables()
            .iter()
            .find(|t| t.title.starts_with(title_start))
            .cloned()
            .unwrap_or_else(|| panic!("no table {title_start}"))
    }

    fn row(t: &Table, first: &str) -> Vec<String> {
        t.rows
            .iter()
            .find(|r| r[0].starts_with(first))
            .cloned()
            .unwrap_or_else(|| panic!("no row {first} in {}", t.title))
    }

    #[test]
    fn five_well_formed_tables() {
        let all = tables();
        assert_eq!(all.len(), 5);
        for t in all {
            assert!(!t.rows.is_empty(), "{}", t.title);
            for r in &t.rows {
                assert_eq!(r.len(), t.header.len(), "{}: {r:?}", t.title);
                for cell in r {
                    assert!(!cell.starts_with("error"), "{}: {cell}", t.title);
                }
            }
        }
    }

    #[test]
    fn powers_of_two_against_ten() {
        let t = table("Powers");
        assert_eq!(t.rows.len(), 6);
        assert_eq!(
            row(&t, "2^10"),
            [
                "2^10",
                "1,024",
                "10^3",
                "thousand (K)",
                "1 KiB ≈ 1 KB",
                "2.4%"
            ]
        );
        let top = row(&t, "2^60");
        assert_eq!(top[1], "1,152,921,504,606,846,976");
        assert_eq!(top[2], "10^18");
        assert_eq!(top[5], "≈ 15.3%");
        assert_eq!(row(&t, "2^30")[1], "1,073,741,824");
    }

    #[test]
    fn latency_pairs_classic_with_current() {
        let t = table("Latency");
        assert_eq!(t.rows.len(), 14);
        assert!(t.rows.iter().all(|r| r[2] == "2012"));
        assert!(t.rows.iter().all(|r| r[4].contains("approx")));
        assert_eq!(row(&t, "L1")[1], "0.5 ns");
        assert_eq!(row(&t, "Main memory")[1], "100 ns");
        assert_eq!(row(&t, "Main memory")[3], "~100 ns");
        assert_eq!(row(&t, "Disk seek")[1], "10 ms");
        assert_eq!(row(&t, "Round trip California")[1], "150 ms");
        assert!(t.note.contains("not measurements"));
    }

    #[test]
    fn availability_downtime_is_computed() {
        let t = table("Availability");
        assert_eq!(t.rows.len(), 6);
        assert_eq!(
            row(&t, "99.9% "),
            ["99.9% (three nines)", "8.76 hours", "43.2 min", "1.44 min"]
        );
        assert_eq!(row(&t, "99.99% ")[1], "≈ 52.6 min");
        assert_eq!(row(&t, "99% ")[1], "3.65 days");
        assert_eq!(row(&t, "99.999%")[3], "864 ms");
    }

    #[test]
    fn seconds_per_period_are_computed() {
        let t = table("Seconds");
        assert_eq!(row(&t, "Minute")[1], "60 s");
        assert_eq!(row(&t, "Minute")[3], "same");
        assert_eq!(row(&t, "Hour")[2], "3,600");
        let day = row(&t, "Day");
        assert_eq!(day[1..], ["86.4K s", "86,400", "100K s", "15.7% high"]);
        let month = row(&t, "Month");
        assert_eq!(month[1..], ["≈ 2.59M s", "2,592,000", "2.5M s", "3.5% low"]);
        let year = row(&t, "Year");
        assert_eq!(year[1..], ["≈ 31.5M s", "31,536,000", "30M s", "4.9% low"]);
    }

    #[test]
    fn request_rates_over_time() {
        let t = table("Requests");
        assert_eq!(t.rows.len(), 7);
        assert_eq!(row(&t, "1 req/s")[1..], ["86.4K", "≈ 2.59M"]);
        assert_eq!(row(&t, "40 ")[2], "≈ 104M");
        assert_eq!(row(&t, "400 ")[2], "≈ 1.04B");
        assert_eq!(row(&t, "10K")[1], "864M");
    }

    #[test]
    fn grouping_digits() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1_048_576), "1,048,576");
    }
}
