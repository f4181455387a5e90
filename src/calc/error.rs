//! The one error type: a message plus the column to point at.

use std::fmt;

/// What went wrong and where, so the UI can put a caret under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalcError {
    /// What is wrong, in words (`cannot add MB and s`).
    pub message: String,
    /// 1-based column in characters (not bytes); one past the end for "end of input".
    pub column: usize,
}

impl CalcError {
    pub(crate) fn new(message: impl Into<String>, column: usize) -> CalcError {
        CalcError {
            message: message.into(),
            column,
        }
    }
}

impl fmt::Display for CalcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "column {}: {}", self.column, self.message)
    }
}

impl std::error::Error for CalcError {}
