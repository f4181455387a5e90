//! Any bytes as a session file: loaded, exported, scored and reviewed like a real one, or
//! refused with a message, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use sdcoach::domain::transcript::{parse, parse_header};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = parse_header(text);
    let Ok(t) = parse(text) else {
        return;
    };
    let _ = sdcoach::domain::export::markdown(&t, &jiff::tz::TimeZone::UTC);
    let _ = sdcoach::domain::progress::SessionPoint::from_transcript(&t);
    let _ = t.total_budget();
    let _ = t.to_toml();
});
