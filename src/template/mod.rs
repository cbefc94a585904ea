//! Official templates (模板) as data: the model, the loader that compiles a
//! `.ron` file into a checked [`Template`], the embedded registry and the
//! flattened views used by every other part of the program.

mod compile;
mod error;
mod index;
mod model;
mod prose;
mod registry;
mod term;

pub use compile::parse_template;
pub use error::{TemplateError, TemplateErrorKind, TemplateProblem};
pub use index::{CellInfo, FlatRow, LeafColumn};
pub use model::*;
pub use prose::{Breakdown, Draft, Figure, Phrase, Sentence};
pub use registry::{all, current_for_year, get};
