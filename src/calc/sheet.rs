//! The capacity sheet: the handful of inputs every interview estimate starts from, and
//! the figures they imply, each shown with the formula that produced it.
//!
//! Inputs are kept as the text the user typed, in calculator syntax (`500M`, `2 MB`,
//! `20%`), so they can be edited and saved as written. A sheet starts empty, or with the
//! figures a problem gives in its `[sheet]` table; the photo-sharing example values
//! ([`Input::example`]) are only ever hints. Every figure is evaluated by the
//! calculator engine, which keeps units, error messages and number formatting identical
//! to the calculator the user already knows.

use super as engine;

/// One input of the sheet.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// People using the product on a typical day.
    DailyActiveUsers,
    /// Writes per user per day.
    ActionsPerUser,
    /// Reads per write.
    ReadWriteRatio,
    /// Busiest hour over the daily average.
    PeakFactor,
    /// Bytes stored per write.
    ObjectSize,
    /// Years data is kept.
    RetentionYears,
    /// Copies kept of each object.
    ReplicationFactor,
    /// Share of a day's reads to keep in cache.
    CacheHotFraction,
    /// Requests per second one server handles.
    RequestsPerServer,
}

impl Input {
    /// Every input, in display order (which is also the storage order in [`Sheet`]).
    pub const ALL: [Input; 9] = [
        Input::DailyActiveUsers,
        Input::ActionsPerUser,
        Input::ReadWriteRatio,
        Input::PeakFactor,
        Input::ObjectSize,
        Input::RetentionYears,
        Input::ReplicationFactor,
        Input::CacheHotFraction,
        Input::RequestsPerServer,
    ];

    /// Position in [`Input::ALL`]; the enum is declared in the same order.
    fn index(self) -> usize {
        self as usize
    }

    /// Name shown beside the input field.
    pub fn label(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "Daily active users",
            Input::ActionsPerUser => "Writes per user per day",
            Input::ReadWriteRatio => "Reads per write",
            Input::PeakFactor => "Peak factor",
            Input::ObjectSize => "Object size",
            Input::RetentionYears => "Retention (years)",
            Input::ReplicationFactor => "Replication factor",
            Input::CacheHotFraction => "Cache hot share",
            Input::RequestsPerServer => "Requests per server",
        }
    }

    /// Stable snake_case name for saved transcripts; never change an existing key.
    pub fn key(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "daily_active_users",
            Input::ActionsPerUser => "actions_per_user",
            Input::ReadWriteRatio => "read_write_ratio",
            Input::PeakFactor => "peak_factor",
            Input::ObjectSize => "object_size",
            Input::RetentionYears => "retention_years",
            Input::ReplicationFactor => "replication_factor",
            Input::CacheHotFraction => "cache_hot_fraction",
            Input::RequestsPerServer => "requests_per_server",
        }
    }

    /// One-line hint explaining what to enter.
    pub fn help(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "People who use the product on a typical day, e.g. 500M.",
            Input::ActionsPerUser => "Writes (posts, uploads, messages) one user makes in a day.",
            Input::ReadWriteRatio => "Reads each write receives; 10 means a 10:1 read-heavy load.",
            Input::PeakFactor => "How many times busier the peak hour is than the daily average.",
            Input::ObjectSize => {
                "Bytes stored per write: about 200 bytes for a short post, 2 MB for a photo."
            }
            Input::RetentionYears => "How many years data is kept before deletion.",
            Input::ReplicationFactor => "Copies stored of every object, for durability.",
            Input::CacheHotFraction => {
                "Share of one day's reads worth holding in memory; 20% follows the 80/20 rule."
            }
            Input::RequestsPerServer => {
                "Requests per second one server can serve; a plain number means per second."
            }
        }
    }

    /// The input with this [`Input::key`].
    pub fn from_key(key: &str) -> Option<Input> {
        Input::ALL.into_iter().find(|i| i.key() == key)
    }

    /// An example value (from a photo-sharing app), shown as a hint beside an empty
    /// input and in messages; never filled in as a value.
    pub fn example(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "500M",
            Input::ActionsPerUser => "2",
            Input::ReadWriteRatio => "10",
            Input::PeakFactor => "3",
            Input::ObjectSize => "2 MB",
            Input::RetentionYears => "5",
            Input::ReplicationFactor => "3",
            Input::CacheHotFraction => "20%",
            Input::RequestsPerServer => "10K",
        }
    }

    /// Lower-case name used to start error messages.
    fn noun(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "daily active users",
            Input::ActionsPerUser => "writes per user",
            Input::ReadWriteRatio => "reads per write",
            Input::PeakFactor => "peak factor",
            Input::ObjectSize => "object size",
            Input::RetentionYears => "retention",
            Input::ReplicationFactor => "replication factor",
            Input::CacheHotFraction => "cache hot share",
            Input::RequestsPerServer => "requests per server",
        }
    }

    /// What kind of value is expected, for "expected … such as …" messages.
    fn kind(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "a count",
            Input::ObjectSize => "a size",
            Input::RetentionYears => "a plain number of years",
            Input::CacheHotFraction => "a share",
            Input::RequestsPerServer => "a number or rate",
            _ => "a plain number",
        }
    }

    /// Calculator variable the input is stored in while figures are evaluated. The
    /// prefix keeps it clear of units, count words and functions.
    fn var(self) -> &'static str {
        match self {
            Input::DailyActiveUsers => "sheet_dau",
            Input::ActionsPerUser => "sheet_actions",
            Input::ReadWriteRatio => "sheet_ratio",
            Input::PeakFactor => "sheet_peak",
            Input::ObjectSize => "sheet_size",
            Input::RetentionYears => "sheet_years",
            Input::ReplicationFactor => "sheet_replicas",
            Input::CacheHotFraction => "sheet_hot",
            Input::RequestsPerServer => "sheet_rps",
        }
    }

    /// Dimensions the input may have. Requests per server may be a bare number, which
    /// is read as per second, because that is how people usually say it.
    fn accepts(self, dim: engine::Dim) -> bool {
        match self {
            Input::ObjectSize => dim == engine::Dim::BYTES,
            Input::RequestsPerServer => dim.is_none() || dim == engine::Dim::RATE,
            _ => dim.is_none(),
        }
    }
}

/// The inputs as the user typed them (calculator syntax, so "2 MB", "500M", "20%").
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    texts: [String; 9],
}

impl Default for Sheet {
    /// Every input empty.
    fn default() -> Sheet {
        Sheet {
            texts: Default::default(),
        }
    }
}

/// One computed figure of the sheet.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    /// Short name: "Write QPS (avg)".
    pub name: &'static str,
    /// The formula in words, so the user can say it aloud in the interview.
    pub formula: &'static str,
    /// The engine's display (`≈ 11.6K /s`), or which input is wrong and why.
    pub result: Result<String, String>,
    /// The value in SI base units (per second, bytes, bytes per second), when computed.
    pub value: Option<f64>,
    /// Not computed only because inputs it needs are still empty (`result` names them):
    /// nothing is wrong yet.
    pub waiting: bool,
}

impl Figure {
    /// One line for the notes: "Write QPS (avg) = DAU × actions ÷ 86,400 s ≈ 11.6K /s".
    pub fn note_line(&self) -> String {
        match &self.result {
            Ok(shown) if shown.starts_with('≈') => {
                format!("{} = {} {shown}", self.name, self.formula)
            }
            Ok(shown) => format!("{} = {} = {shown}", self.name, self.formula),
            Err(why) => format!("{} = {} = ? ({why})", self.name, self.formula),
        }
    }
}

/// How one figure is computed. Expressions name the inputs by their calculator
/// variables; `uses` lists them so a bad input only breaks the figures that need it.
struct Spec {
    name: &'static str,
    formula: &'static str,
    uses: &'static [Input],
    expr: &'static str,
    /// Whole servers: round the (plain-number) result up.
    round_up: bool,
}

use Input::{
    ActionsPerUser as ACT, CacheHotFraction as HOT, DailyActiveUsers as DAU, ObjectSize as SIZE,
    PeakFactor as PEAK, ReadWriteRatio as RATIO, ReplicationFactor as REPL,
    RequestsPerServer as RPS, RetentionYears as YEARS,
};

const SPECS: [Spec; 10] = [
    Spec {
        name: "Write QPS (avg)",
        formula: "DAU × actions ÷ 86,400 s",
        uses: &[DAU, ACT],
        expr: "sheet_dau * sheet_actions / day to 1/s",
        round_up: false,
    },
    Spec {
        name: "Write QPS (peak)",
        formula: "write QPS (avg) × peak factor",
        uses: &[DAU, ACT, PEAK],
        expr: "sheet_dau * sheet_actions * sheet_peak / day to 1/s",
        round_up: false,
    },
    Spec {
        name: "Read QPS (avg)",
        formula: "write QPS (avg) × reads per write",
        uses: &[DAU, ACT, RATIO],
        expr: "sheet_dau * sheet_actions * sheet_ratio / day to 1/s",
        round_up: false,
    },
    Spec {
        name: "Read QPS (peak)",
        formula: "read QPS (avg) × peak factor",
        uses: &[DAU, ACT, RATIO, PEAK],
        expr: "sheet_dau * sheet_actions * sheet_ratio * sheet_peak / day to 1/s",
        round_up: false,
    },
    Spec {
        name: "Storage per day",
        formula: "DAU × actions × object size",
        uses: &[DAU, ACT, SIZE],
        expr: "sheet_dau * sheet_actions * sheet_size",
        round_up: false,
    },
    Spec {
        name: "Storage total",
        formula: "storage per day × 365 × retention years × replication factor",
        uses: &[DAU, ACT, SIZE, YEARS, REPL],
        expr: "sheet_dau * sheet_actions * sheet_size * 365 * sheet_years * sheet_replicas",
        round_up: false,
    },
    Spec {
        name: "Ingress bandwidth",
        formula: "write QPS (avg) × object size",
        uses: &[DAU, ACT, SIZE],
        expr: "sheet_dau * sheet_actions * sheet_size / day",
        round_up: false,
    },
    Spec {
        name: "Egress bandwidth",
        formula: "read QPS (avg) × object size",
        uses: &[DAU, ACT, RATIO, SIZE],
        expr: "sheet_dau * sheet_actions * sheet_ratio * sheet_size / day",
        round_up: false,
    },
    Spec {
        name: "Cache memory",
        formula: "reads per day × hot share × object size \
                  (assumes the hot share of one day's reads is what must fit in memory)",
        uses: &[DAU, ACT, RATIO, HOT, SIZE],
        expr: "sheet_dau * sheet_actions * sheet_ratio * sheet_hot * sheet_size",
        round_up: false,
    },
    Spec {
        name: "Servers needed",
        formula: "⌈(peak write QPS + peak read QPS) ÷ requests per server⌉",
        uses: &[DAU, ACT, RATIO, PEAK, RPS],
        expr: "sheet_dau * sheet_actions * (1 + sheet_ratio) * sheet_peak / day / sheet_rps",
        round_up: true,
    },
];

impl Sheet {
    /// The text of one input, as typed.
    pub fn get(&self, i: Input) -> &str {
        self.texts.get(i.index()).map_or("", String::as_str)
    }

    /// Replaces the text of one input; it is only checked when figures are computed,
    /// so half-typed values never get in the way.
    pub fn set(&mut self, i: Input, text: String) {
        if let Some(slot) = self.texts.get_mut(i.index()) {
            *slot = text;
        }
    }

    /// Evaluate every figure. Each figure is independent: a bad or empty input only
    /// breaks the figures that use it.
    pub fn figures(&self) -> Vec<Figure> {
        let mut calc = engine::Calculator::new();
        let problems: Vec<Option<String>> = Input::ALL
            .iter()
            .map(|&i| load(&mut calc, i, self.get(i)).err())
            .collect();
        SPECS
            .iter()
            .map(|spec| {
                let empty: Vec<&str> = spec
                    .uses
                    .iter()
                    .filter(|&&i| self.get(i).trim().is_empty())
                    .map(|i| i.noun())
                    .collect();
                let bad: Vec<&str> = spec
                    .uses
                    .iter()
                    .filter(|&&i| !self.get(i).trim().is_empty())
                    .filter_map(|i| problems.get(i.index()).and_then(Option::as_deref))
                    .collect();
                let waiting = !empty.is_empty() && bad.is_empty();
                let computed = if empty.is_empty() && bad.is_empty() {
                    compute(&calc, spec)
                } else {
                    let needs = (!empty.is_empty()).then(|| format!("needs {}", list(&empty)));
                    Err(needs
                        .into_iter()
                        .chain(bad.iter().map(|b| b.to_string()))
                        .collect::<Vec<_>>()
                        .join("; "))
                };
                let (result, value) = match computed {
                    Ok((shown, v)) => (Ok(shown), Some(v)),
                    Err(why) => (Err(why), None),
                };
                Figure {
                    name: spec.name,
                    formula: spec.formula,
                    result,
                    value,
                    waiting,
                }
            })
            .collect()
    }

    /// Every input as `(key, text)`, for saving in a transcript.
    pub fn to_pairs(&self) -> Vec<(String, String)> {
        Input::ALL
            .iter()
            .map(|&i| (i.key().to_string(), self.get(i).to_string()))
            .collect()
    }

    /// Sets the inputs named by `(key, text)` pairs, as saved in a transcript or given
    /// in a problem's `[sheet]` table. Unknown keys are ignored, so transcripts from older
    /// or newer versions still load; inputs not named keep their text.
    pub fn apply<K: AsRef<str>, V: AsRef<str>>(&mut self, pairs: impl IntoIterator<Item = (K, V)>) {
        for (key, text) in pairs {
            if let Some(i) = Input::from_key(key.as_ref()) {
                self.set(i, text.as_ref().to_string());
            }
        }
    }

    /// A sheet with the inputs named by `pairs` and the others empty (see [`Sheet::apply`]).
    pub fn from_pairs(pairs: &[(String, String)]) -> Sheet {
        let mut sheet = Sheet::default();
        sheet.apply(pairs.iter().map(|(k, v)| (k, v)));
        sheet
    }
}

/// "a", "a and b", "a, b and c".
fn list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// Whether `text` is a value `i` accepts (the checks the sheet makes before computing),
/// with why not, e.g. "expected a size such as 2 MB, got 5 s". For problem files.
pub fn check(i: Input, text: &str) -> Result<(), String> {
    read(i, text).map(|_| ())
}

/// [`check`], and where in `text` the fault is: the calculator's 1-based column when the
/// value does not evaluate, else none (the value as a whole is wrong).
pub fn check_at(i: Input, text: &str) -> Result<(), (String, Option<usize>)> {
    let column = engine::Calculator::new()
        .preview(text)
        .err()
        .map(|e| e.column);
    check(i, text).map_err(|why| (why, column))
}

/// Evaluates one input on an empty calculator, so it cannot refer to other inputs (which
/// would hide a dependency) and error columns match what the user typed, and checks its
/// kind and range. Messages do not name the input.
fn read(i: Input, text: &str) -> Result<engine::Quantity, String> {
    let example = i.example();
    if text.trim().is_empty() {
        return Err(format!("empty; enter {} such as {example}", i.kind()));
    }
    let outcome = engine::Calculator::new()
        .preview(text)
        .map_err(|e| format!("{} (column {})", e.message, e.column))?;
    if outcome.assigned.is_some() {
        return Err(format!(
            "enter a value such as {example}, not an assignment"
        ));
    }
    let q = outcome.quantity;
    if !i.accepts(q.dim) {
        return Err(format!(
            "expected {} such as {example}, got {}",
            i.kind(),
            outcome.display
        ));
    }
    if !q.value.is_finite() || q.value < 0.0 {
        return Err(format!("must not be negative, got {}", outcome.display));
    }
    if i == Input::RequestsPerServer && q.value == 0.0 {
        return Err("must be more than zero".to_string());
    }
    if i == Input::CacheHotFraction && q.value > 1.0 {
        return Err(format!("must be at most 100%, got {}", outcome.display));
    }
    Ok(q)
}

/// Checks one input (see [`read`]) and stores it in `calc` under its variable; messages
/// start with the input's name.
fn load(calc: &mut engine::Calculator, i: Input, text: &str) -> Result<(), String> {
    let noun = i.noun();
    let q = read(i, text).map_err(|why| format!("{noun}: {why}"))?;
    let var = i.var();
    let store = |calc: &mut engine::Calculator, stmt: String| {
        calc.eval(&stmt)
            .map(|_| ())
            .map_err(|e| format!("{noun}: {}", e.message))
    };
    store(calc, format!("{var} = {text}"))?;
    if i == Input::RequestsPerServer && q.dim.is_none() {
        store(calc, format!("{var} = {var} / s"))?;
    }
    Ok(())
}

/// Evaluates one figure whose inputs are all loaded: the display and the SI value.
fn compute(calc: &engine::Calculator, spec: &Spec) -> Result<(String, f64), String> {
    let outcome = calc
        .preview(spec.expr)
        .map_err(|e| format!("{}: {}", spec.name, e.message))?;
    if !spec.round_up {
        return Ok((outcome.display, outcome.quantity.value));
    }
    let n = round_up(outcome.quantity.value);
    Ok((engine::Quantity::new(n, engine::Dim::NONE).display(), n))
}

/// Rounds up, but treats values within floating-point noise of a whole number as that
/// number, so an exact 10K /s on 10K-per-second servers needs 1 server, not 2.
fn round_up(x: f64) -> f64 {
    let nearest = x.round();
    if (x - nearest).abs() <= 1e-9 * nearest.abs().max(1.0) {
        nearest
    } else {
        x.ceil()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every input at its example value.
    fn example() -> Sheet {
        let mut s = Sheet::default();
        for i in Input::ALL {
            s.set(i, i.example().to_string());
        }
        s
    }

    /// The example with some inputs changed.
    fn sheet(values: &[(Input, &str)]) -> Sheet {
        let mut s = example();
        for (i, text) in values {
            s.set(*i, (*text).to_string());
        }
        s
    }

    fn shown(figs: &[Figure], name: &str) -> Result<String, String> {
        figs.iter()
            .find(|f| f.name == name)
            .map(|f| f.result.clone())
            .unwrap_or_else(|| panic!("no figure {name}"))
    }

    fn ok(figs: &[Figure], name: &str) -> String {
        shown(figs, name).unwrap_or_else(|e| panic!("{name} failed: {e}"))
    }

    #[test]
    fn figures_come_in_the_documented_order() {
        let names: Vec<&str> = example().figures().iter().map(|f| f.name).collect();
        assert_eq!(
            names,
            [
                "Write QPS (avg)",
                "Write QPS (peak)",
                "Read QPS (avg)",
                "Read QPS (peak)",
                "Storage per day",
                "Storage total",
                "Ingress bandwidth",
                "Egress bandwidth",
                "Cache memory",
                "Servers needed",
            ]
        );
    }

    #[test]
    fn the_example_values_all_evaluate() {
        let figs = example().figures();
        for f in &figs {
            assert!(f.result.is_ok(), "{}: {:?}", f.name, f.result);
            assert!(f.value.is_some());
        }
        assert_eq!(ok(&figs, "Write QPS (peak)"), "≈ 34.7K /s");
        assert_eq!(ok(&figs, "Read QPS (peak)"), "≈ 347K /s");
        // 3 copies of 2 PB/day for 5 years.
        assert_eq!(ok(&figs, "Storage total"), "≈ 11 EB");
        // 10B reads a day × 20% × 2 MB.
        assert_eq!(ok(&figs, "Cache memory"), "4 PB");
        // (34.7K + 347K) /s ÷ 10K /s = 38.2, rounded up.
        assert_eq!(ok(&figs, "Servers needed"), "39");
        assert_eq!(figs.last().and_then(|f| f.value), Some(39.0));
    }

    #[test]
    fn photo_sharing_reference_figures() {
        let figs = sheet(&[(Input::ReplicationFactor, "1")]).figures();
        assert_eq!(ok(&figs, "Write QPS (avg)"), "≈ 11.6K /s");
        assert_eq!(ok(&figs, "Read QPS (avg)"), "≈ 116K /s");
        assert_eq!(ok(&figs, "Storage per day"), "2 PB");
        assert_eq!(ok(&figs, "Storage total"), "3.65 EB");
        let total = figs.get(5).and_then(|f| f.value).unwrap_or_default();
        assert!((total - 3.65e18).abs() < 1e6);
        let avg = figs.first().and_then(|f| f.value).unwrap_or_default();
        assert!((avg - 1e9 / 86_400.0).abs() < 1e-6);
    }

    #[test]
    fn twitter_reference_figures() {
        let figs = sheet(&[
            (Input::DailyActiveUsers, "100M"),
            (Input::ActionsPerUser, "10"),
            (Input::ObjectSize, "200 bytes"),
            (Input::ReplicationFactor, "1"),
        ])
        .figures();
        assert_eq!(ok(&figs, "Write QPS (avg)"), "≈ 11.6K /s");
        assert_eq!(ok(&figs, "Storage per day"), "200 GB");
        assert_eq!(ok(&figs, "Storage total"), "365 TB");
        assert_eq!(ok(&figs, "Ingress bandwidth"), "≈ 2.31 MB/s");
        assert_eq!(ok(&figs, "Egress bandwidth"), "≈ 23.1 MB/s");
    }

    #[test]
    fn wrong_object_size_breaks_only_size_figures() {
        let figs = sheet(&[(Input::ObjectSize, "5 s")]).figures();
        let needs_size = [
            "Storage per day",
            "Storage total",
            "Ingress bandwidth",
            "Egress bandwidth",
            "Cache memory",
        ];
        for f in &figs {
            if needs_size.contains(&f.name) {
                assert_eq!(
                    f.result,
                    Err("object size: expected a size such as 2 MB, got 5 s".to_string())
                );
                assert_eq!(f.value, None);
            } else {
                assert!(f.result.is_ok(), "{} should not depend on size", f.name);
            }
        }
    }

    #[test]
    fn unparsable_ratio_breaks_only_read_figures() {
        let figs = sheet(&[(Input::ReadWriteRatio, "10 xyz")]).figures();
        let broken: Vec<&str> = figs
            .iter()
            .filter(|f| f.result.is_err())
            .map(|f| f.name)
            .collect();
        assert_eq!(
            broken,
            [
                "Read QPS (avg)",
                "Read QPS (peak)",
                "Egress bandwidth",
                "Cache memory",
                "Servers needed"
            ]
        );
        let why = shown(&figs, "Read QPS (avg)").err().unwrap_or_default();
        assert!(why.starts_with("reads per write: "), "{why}");
        assert!(why.contains("xyz"), "{why}");
    }

    #[test]
    fn several_bad_inputs_are_all_reported() {
        let figs = sheet(&[(Input::DailyActiveUsers, ""), (Input::ObjectSize, "2")]).figures();
        let why = shown(&figs, "Storage per day").err().unwrap_or_default();
        assert!(why.starts_with("needs daily active users; "), "{why}");
        assert!(why.contains("object size: expected a size"), "{why}");
        assert!(figs.iter().all(|f| f.result.is_err()));
    }

    #[test]
    fn input_dimensions_and_ranges_are_checked() {
        let err = |i: Input, text: &str| {
            let mut calc = engine::Calculator::new();
            load(&mut calc, i, text).err().unwrap_or_default()
        };
        assert_eq!(
            err(Input::DailyActiveUsers, "5 GB"),
            "daily active users: expected a count such as 500M, got 5 GB"
        );
        assert_eq!(
            err(Input::RetentionYears, "5 years"),
            "retention: expected a plain number of years such as 5, got 5 years"
        );
        assert_eq!(
            err(Input::RequestsPerServer, "0"),
            "requests per server: must be more than zero"
        );
        assert!(err(Input::PeakFactor, "-3").contains("must not be negative"));
        assert!(err(Input::CacheHotFraction, "150%").contains("at most 100%"));
        assert!(err(Input::ActionsPerUser, "x = 2").contains("not an assignment"));
        // Inputs cannot see one another's variables.
        assert!(err(Input::ActionsPerUser, "sheet_dau").contains("sheet_dau"));
        assert_eq!(err(Input::ObjectSize, "2 MB to KB"), "");
    }

    #[test]
    fn requests_per_server_may_be_a_rate() {
        for text in ["10K", "10K /s", "10K qps", "600K per minute"] {
            let figs = sheet(&[(Input::RequestsPerServer, text)]).figures();
            assert_eq!(ok(&figs, "Servers needed"), "39", "{text}");
        }
    }

    #[test]
    fn servers_round_up_but_not_past_an_exact_fit() {
        let exact = sheet(&[
            (Input::DailyActiveUsers, "864M"),
            (Input::ActionsPerUser, "1"),
            (Input::ReadWriteRatio, "0"),
            (Input::PeakFactor, "1"),
        ]);
        assert_eq!(ok(&exact.figures(), "Servers needed"), "1");
        let over = sheet(&[
            (Input::DailyActiveUsers, "865M"),
            (Input::ActionsPerUser, "1"),
            (Input::ReadWriteRatio, "0"),
            (Input::PeakFactor, "1"),
        ]);
        assert_eq!(ok(&over.figures(), "Servers needed"), "2");
        assert_eq!(round_up(2.000_000_000_000_1), 2.0);
        assert_eq!(round_up(2.01), 3.0);
    }

    #[test]
    fn note_lines_read_as_sentences() {
        let figs = example().figures();
        let lines: Vec<String> = figs.iter().map(Figure::note_line).collect();
        assert_eq!(
            lines.first().map(String::as_str),
            Some("Write QPS (avg) = DAU × actions ÷ 86,400 s ≈ 11.6K /s")
        );
        assert_eq!(
            lines.get(4).map(String::as_str),
            Some("Storage per day = DAU × actions × object size = 2 PB")
        );
        let bad = sheet(&[(Input::ObjectSize, "5 s")]).figures();
        let line = bad.get(4).map(Figure::note_line).unwrap_or_default();
        assert!(line.ends_with("= ? (object size: expected a size such as 2 MB, got 5 s)"));
    }

    #[test]
    fn pairs_round_trip() {
        let s = sheet(&[
            (Input::DailyActiveUsers, "100M"),
            (Input::ObjectSize, "200 bytes"),
            (Input::CacheHotFraction, "not yet valid"),
        ]);
        let pairs = s.to_pairs();
        assert_eq!(pairs.len(), Input::ALL.len());
        assert_eq!(Sheet::from_pairs(&pairs), s);
        assert_eq!(Sheet::from_pairs(&example().to_pairs()), example());
        assert_eq!(
            Sheet::from_pairs(&Sheet::default().to_pairs()),
            Sheet::default()
        );
    }

    #[test]
    fn from_pairs_ignores_unknown_keys_and_leaves_missing_ones_empty() {
        let pairs = vec![
            ("peak_factor".to_string(), "2".to_string()),
            ("colour".to_string(), "blue".to_string()),
        ];
        let s = Sheet::from_pairs(&pairs);
        assert_eq!(s.get(Input::PeakFactor), "2");
        assert_eq!(s.get(Input::ObjectSize), "");
    }

    #[test]
    fn later_pairs_win_over_earlier_ones() {
        let mut s = Sheet::from_pairs(&[
            ("daily_active_users".to_string(), "100M".to_string()),
            ("peak_factor".to_string(), "3".to_string()),
        ]);
        s.apply([("peak_factor", "2")]);
        assert_eq!(s.get(Input::DailyActiveUsers), "100M");
        assert_eq!(s.get(Input::PeakFactor), "2");
    }

    #[test]
    fn a_fresh_sheet_is_empty_and_its_figures_wait_for_inputs() {
        let empty = Sheet::default();
        for i in Input::ALL {
            assert_eq!(empty.get(i), "", "{i:?}");
        }
        let figs = empty.figures();
        assert!(figs.iter().all(|f| f.waiting && f.value.is_none()));
        assert_eq!(
            shown(&figs, "Write QPS (avg)"),
            Err("needs daily active users and writes per user".to_string())
        );
        assert_eq!(
            figs.get(5).map(Figure::note_line).unwrap_or_default(),
            "Storage total = storage per day × 365 × retention years × replication factor \
             = ? (needs daily active users, writes per user, object size, retention and \
             replication factor)"
        );
    }

    #[test]
    fn a_figure_with_an_empty_and_a_bad_input_names_both_and_is_not_waiting() {
        let mut s = Sheet::default();
        s.set(Input::DailyActiveUsers, "100M".into());
        s.set(Input::ActionsPerUser, "2".into());
        s.set(Input::ObjectSize, "5 s".into());
        let figs = s.figures();
        assert_eq!(ok(&figs, "Write QPS (avg)"), "≈ 2.31K /s");
        let total = figs.get(5).cloned();
        assert_eq!(
            total.as_ref().map(|f| f.result.clone()),
            Some(Err(
                "needs retention and replication factor; object size: expected a \
                      size such as 2 MB, got 5 s"
                    .to_string()
            ))
        );
        assert_eq!(total.map(|f| f.waiting), Some(false));
    }

    #[test]
    fn check_gives_the_reason_without_the_input_s_name() {
        assert_eq!(check(Input::ObjectSize, "4 * 200 bytes"), Ok(()));
        assert_eq!(check(Input::ReadWriteRatio, "80% / 20%"), Ok(()));
        assert_eq!(
            check(Input::ObjectSize, "5 s"),
            Err("expected a size such as 2 MB, got 5 s".to_string())
        );
        assert_eq!(
            check(Input::PeakFactor, ""),
            Err("empty; enter a plain number such as 3".to_string())
        );
        assert_eq!(Input::from_key("object_size"), Some(Input::ObjectSize));
        assert_eq!(Input::from_key("colour"), None);
    }

    #[test]
    fn input_metadata_is_consistent() {
        let mut keys: Vec<&str> = Input::ALL.iter().map(|i| i.key()).collect();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!(keys.len(), Input::ALL.len());
        for (n, i) in Input::ALL.iter().enumerate() {
            assert_eq!(i.index(), n);
            assert!(!i.label().is_empty() && !i.help().is_empty());
            let mut calc = engine::Calculator::new();
            assert_eq!(load(&mut calc, *i, i.example()), Ok(()));
        }
    }
}
