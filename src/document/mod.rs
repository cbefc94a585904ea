//! The report document, its file format and carry-forward from last year.

pub mod carry;
pub mod edit;
pub mod file;
pub mod lock;
mod model;

pub use model::*;
