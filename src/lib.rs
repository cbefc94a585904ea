//! nianbao (年报): the editor for the 政府信息公开工作年度报告 that every
//! 乡镇 / 街道 office publishes by 31 January.
//!
//! The library is the headless core — templates as data, the document and
//! its file format, cell input rules, the live validator, export and import —
//! and builds without any GUI crate (`--no-default-features`). The `gui`
//! feature adds the eframe window in [`app`].

pub mod cli;
pub mod compare;
pub mod document;
pub mod export;
pub mod import;
pub mod input;
pub mod rollup;
pub mod template;
pub mod validate;

#[cfg(feature = "gui")]
pub mod app;
