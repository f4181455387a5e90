//! The interactive app: terminal set-up and tear-down, the event loop, and carrying out
//! effects. State lives in [`model`], changes in [`update`], drawing in [`view`].

pub mod action;
mod backend;
pub mod background;
pub mod calc_pane;
pub mod cards;
pub mod clock;
pub mod diagram_view;
pub mod doc;
pub mod editor;
pub mod estimate;
pub mod keymap;
pub mod model;
pub mod opinion;
pub mod review;
pub mod runner;
pub mod theme;
pub mod update;
pub mod view;

pub use runner::{Dirs, Start, run};
