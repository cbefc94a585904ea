//! Reading older `format_version`s and bringing them forward, one step at a time.
//!
//! Each historical layout is a typed struct for that version only; a step
//! turns version N into version N + 1 and [`migrate`] chains the steps. The
//! chain runs over typed values rather than `ron::Value` on purpose:
//! `ron::Value` drops struct and enum-variant names (`Int(5)` reads back as
//! `5`, `Township` as `()`), so a document cannot be rebuilt from it.
//!
//! To change the format: freeze today's shape as `vN`, add a `VN` arm to
//! [`Versioned`], a step from it, bump `FORMAT_VERSION`, and add a test file.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::document::{CellRef, CellValue, Document, Meta, PreviousYear, UnitLevel};

/// The first fields of any version, read before anything else so that a newer
/// file is recognised even when the rest of it no longer fits this program.
#[derive(Deserialize)]
#[serde(rename = "Document")]
pub(super) struct Probe {
    /// Version 0 files had no `format_version`.
    #[serde(default)]
    pub format_version: u32,
}

/// A document as read from disk, at the version it was written in.
pub(super) enum Versioned {
    V0(v0::Document),
    Current(Document),
}

/// Parse `text` as the layout of `version` (must be ≤ `FORMAT_VERSION`).
pub(super) fn read(
    version: u32,
    text: &str,
    options: &ron::Options,
) -> Result<Versioned, ron::error::SpannedError> {
    match version {
        0 => options.from_str(text).map(Versioned::V0),
        _ => options.from_str(text).map(Versioned::Current),
    }
}

/// Bring a document forward to the current version, step by step.
pub(super) fn migrate(mut doc: Versioned) -> Document {
    loop {
        doc = match doc {
            // v1 → v2 only added fields with defaults (last year's prose,
            // 已核实 marks): a v1 file reads as the current shape.
            Versioned::Current(mut d) => {
                d.format_version = crate::document::FORMAT_VERSION;
                return d;
            }
            Versioned::V0(d) => Versioned::Current(v0::step(d)),
        };
    }
}

/// Version 0: pre-release files. `meta.title` was a plain string, with ""
/// meaning the default title, and there was no `format_version`.
pub(super) mod v0 {
    use super::*;

    #[derive(Deserialize)]
    #[serde(rename = "Document")]
    pub struct Document {
        pub template: String,
        pub meta: Meta0,
        #[serde(default)]
        pub prose: BTreeMap<String, String>,
        #[serde(default)]
        pub cells: BTreeMap<CellRef, CellValue>,
        #[serde(default)]
        pub no_statistics: bool,
        #[serde(default)]
        pub previous: Option<PreviousYear>,
    }

    #[derive(Deserialize, Default)]
    #[serde(rename = "Meta", default)]
    pub struct Meta0 {
        pub unit: String,
        pub level: UnitLevel,
        pub year: u16,
        pub title: String,
        pub opening: String,
        pub signature_unit: String,
        pub signature_date: String,
        pub principal: String,
        pub reviewer: String,
        pub preparer: String,
        pub phone: String,
        pub fill_date: String,
    }

    /// v0 → v1: the title becomes optional ("" → the default title).
    pub fn step(d: Document) -> crate::document::Document {
        let m = d.meta;
        let title = Some(m.title).filter(|t| !t.trim().is_empty());
        crate::document::Document {
            format_version: 1,
            template: d.template,
            meta: Meta {
                unit: m.unit,
                level: m.level,
                year: m.year,
                title,
                opening: m.opening,
                signature_unit: m.signature_unit,
                signature_date: m.signature_date,
                principal: m.principal,
                reviewer: m.reviewer,
                preparer: m.preparer,
                phone: m.phone,
                fill_date: m.fill_date,
            },
            prose: d.prose,
            cells: d.cells,
            no_statistics: d.no_statistics,
            previous: d.previous,
            reviewed: BTreeMap::new(),
        }
    }
}
