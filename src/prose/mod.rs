//! Prose (正文) against the tables: numbers as clerks write them, the
//! phrases that quote a figure, and the standard sentences built from the
//! tables. Checks built on these live in `validate`.

pub mod draft;
pub mod numbers;
pub mod quotes;
pub mod text;
