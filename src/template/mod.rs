//! Official templates (模板) as data: the model, the embedded registry and
//! flattened views used by every other part of the program.

mod index;
mod model;
mod prose;
mod registry;

pub use index::{CellInfo, FlatRow, LeafColumn};
pub use model::*;
pub use prose::{Breakdown, Draft, Figure, Phrase, Sentence};
pub use registry::{all, current_for_year, get, parse_template, TemplateError};
