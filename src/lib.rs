//! sdcoach as a library: the binary, the tests and the benchmarks share these modules.
//!
//! Dependencies point inward: `tui` and `cli` use `domain` and `store`; `domain` knows
//! nothing about terminals or files. `reviewer` runs the user's reviewer command for
//! both the command line and the TUI.

pub mod calc;
pub mod cli;
pub mod config;
pub mod diagram;
pub mod domain;
pub mod output;
pub mod reviewer;
pub mod store;
pub mod tui;
