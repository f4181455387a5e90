//! Any bytes as a problem file: a problem or located diagnostics, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdcoach::domain::problem::{Origin, parse_problem};

fuzz_target!(|data: &[u8]| {
    let _ = parse_problem("fuzz.toml", data, Origin::User);
});
