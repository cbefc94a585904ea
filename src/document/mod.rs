//! The report document, its file format and carry-forward from last year.

mod model;

pub use model::*;
