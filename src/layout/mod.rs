//! One layout of the report (版式), computed from the template and the
//! document once: for each table its rows, columns, header boxes with their
//! spans, units, group cells and caption; for the report its title, opening,
//! parts, headings, sign-off and signature. The editor's grid and every
//! export (text, Markdown, HTML, Word) are renderers over this, so a label,
//! a span or a unit is decided in one place.

pub mod clean;
mod document;
mod form;
mod table;

pub use document::{
    DocumentLayout, FilledTable, Paragraph, PartLayout, Signoff, SignoffPlace, Value, ValueKind,
};
pub use form::{Form, LabelStyle, Placed, Role};
pub use table::{BodyRow, Caption, CaptionPlace, HeaderBox, Leaf, Slot, TableLayout, NO_NUMBER};
