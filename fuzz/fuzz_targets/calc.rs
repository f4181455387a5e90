//! Any bytes, as lines of calculator input: evaluation, preview and estimate never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdcoach::calc::Calculator;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let mut calc = Calculator::new();
    for line in text.lines() {
        let _ = calc.preview(line);
        let _ = calc.estimate(line);
        if let Ok(outcome) = calc.eval(line) {
            let _ = outcome.exact();
            let _ = outcome.value_in_unit();
        }
    }
});
