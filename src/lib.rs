//! nianbao (年报): the editor for the 政府信息公开工作年度报告 that every
//! 乡镇 / 街道 office publishes by 31 January.
//!
//! The library is the headless core — templates as data, the document and
//! its file format, cell input rules, the live validator, export and import —
//! and builds without any GUI crate (`--no-default-features`). The `gui`
//! feature adds the eframe window in `app`.
//!
//! # Quick start
//!
//! A report is a [`document::Document`] laid out by a compiled
//! [`template::Template`]; every field is reached by an address and set from
//! text exactly as the editor parses typing; the validator reads the rules
//! from the template.
//!
//! ```
//! use nianbao::document::{edit, file, Address, Document, UnitLevel};
//! use nianbao::{export, template, validate};
//!
//! // The official layout in force for the 2025 report.
//! let tpl = template::current_for_year(2025);
//! let mut doc = Document::new(&tpl.id, "青山镇人民政府", UnitLevel::Township, 2025);
//!
//! // 表三 row 一, column 自然人: full-width digits are ordinary input.
//! let cell: Address = "t3.new.natural".parse()?;
//! edit::set(&mut doc, tpl, &cell, "３")?;
//! assert_eq!(edit::get(&doc, tpl, &cell)?.as_deref(), Some("3"));
//!
//! // Nothing contradicts yet, but the half-filled 勾稽关系 are pointed out.
//! let report = validate::validate(&doc, tpl);
//! assert!(report.errors.is_empty());
//! assert!(report.warnings.iter().any(|f| f.rule == "t3.balance"));
//!
//! // The file format and the plain-text export.
//! assert_eq!(file::parse(&file::to_ron(&doc))?, doc);
//! assert!(export::to_text(&doc, tpl).contains("青山镇人民政府"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod calendar;
pub mod cli;
pub mod compare;
pub mod deadline;
pub mod document;
pub mod error;
pub mod export;
pub mod import;
pub mod input;
pub mod layout;
pub mod prose;
pub mod rollup;
pub mod template;
pub mod validate;

#[cfg(feature = "gui")]
pub mod app;
