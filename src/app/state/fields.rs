//! Reading and writing one field by address, as undoable snapshots.

use crate::document::{Address, Document, MetaField};
use crate::input::InputError;
use crate::template::Template;

use super::history::{Change, FieldValue};

/// The current value of the field at `address`, as stored for undo.
pub fn snapshot(doc: &Document, address: &Address) -> FieldValue {
    match address {
        Address::Cell(c) => FieldValue::Cell(doc.cell(c).cloned()),
        Address::Prose(p) => FieldValue::Prose(doc.prose(p).to_string()),
        Address::Meta(_) => FieldValue::Meta(Box::new(doc.meta.clone())),
    }
}

/// Put a stored value back.
pub fn restore(doc: &mut Document, address: &Address, value: &FieldValue) {
    match (address, value) {
        (Address::Cell(c), FieldValue::Cell(v)) => doc.set_cell(c.clone(), v.clone()),
        (Address::Prose(p), FieldValue::Prose(text)) => {
            if text.is_empty() {
                doc.prose.remove(p);
            } else {
                doc.prose.insert(p.clone(), text.clone());
            }
        }
        (_, FieldValue::Meta(meta)) => doc.meta = (**meta).clone(),
        // A mismatched pair cannot be produced by `snapshot`; ignore it.
        _ => {}
    }
}

/// Apply `raw` to the field; returns the change when the value differs.
pub fn set_field(
    doc: &mut Document,
    template: &Template,
    address: &Address,
    raw: &str,
) -> Result<Option<Change>, InputError> {
    // Committing the text already shown is no edit (e.g. the default title).
    if raw == field_text(doc, address) {
        return Ok(None);
    }
    let old = snapshot(doc, address);
    crate::document::edit::set(doc, template, address, raw)?;
    let new = snapshot(doc, address);
    if new == old {
        return Ok(None);
    }
    Ok(Some(Change {
        address: address.clone(),
        old,
        new,
    }))
}

/// The text shown in the field (empty for 未填写).
pub fn field_text(doc: &Document, address: &Address) -> String {
    match address {
        Address::Cell(c) => doc.cell(c).map(|v| v.to_string()).unwrap_or_default(),
        Address::Prose(p) => doc.prose(p).to_string(),
        Address::Meta(m) => doc.meta_text(*m),
    }
}

/// Text fields are committed whole as they are typed; those commits merge.
pub fn is_coalescable(address: &Address) -> bool {
    match address {
        Address::Cell(_) => false,
        Address::Prose(_) => true,
        Address::Meta(m) => !matches!(m, MetaField::Level | MetaField::Year),
    }
}

/// Every change between two documents (cells, prose, cover), for commands
/// like 空白单元格填 0 that touch many fields in one step.
pub fn diff(before: &Document, after: &Document) -> Vec<Change> {
    let mut out = Vec::new();
    let keys: std::collections::BTreeSet<_> =
        before.cells.keys().chain(after.cells.keys()).collect();
    for key in keys {
        let (a, b) = (before.cells.get(key), after.cells.get(key));
        if a != b {
            out.push(Change {
                address: Address::Cell(key.clone()),
                old: FieldValue::Cell(a.cloned()),
                new: FieldValue::Cell(b.cloned()),
            });
        }
    }
    let parts: std::collections::BTreeSet<_> =
        before.prose.keys().chain(after.prose.keys()).collect();
    for part in parts {
        let (a, b) = (before.prose(part), after.prose(part));
        if a != b {
            out.push(Change {
                address: Address::Prose(part.clone()),
                old: FieldValue::Prose(a.to_string()),
                new: FieldValue::Prose(b.to_string()),
            });
        }
    }
    if before.meta != after.meta {
        out.push(Change {
            address: Address::Meta(MetaField::Unit),
            old: FieldValue::Meta(Box::new(before.meta.clone())),
            new: FieldValue::Meta(Box::new(after.meta.clone())),
        });
    }
    out
}
