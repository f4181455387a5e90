//! The judge: reads notes the way an interviewer would, by concept rather than by string.
//!
//! - [`text`] splits notes into statements and normalises words (case, stems, joined forms);
//! - [`vocabulary`] expands a phrase that names a concept to all the ways people write it;
//! - [`matcher`] finds phrases in statements, with words in between, and tells negated
//!   mentions from affirmative ones;
//! - [`figures`] reads numbers with units out of prose through the calculator engine.
//!
//! Nothing here knows about terminals, files or the scorecard's layout.

pub mod figures;
pub mod lexicon;
pub mod matcher;
pub mod points;
pub mod structure;
pub mod text;
pub mod vocabulary;

pub use vocabulary::{Concept, Vocabulary};
