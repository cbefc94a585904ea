//! The template's data for prose: named figures of the tables, the phrases
//! clerks write around them, and the standard sentences built from them.
//!
//! A new layout brings its own: nothing here names a row or a column.

use serde::{Deserialize, Serialize};

/// A figure of the tables: one cell, or a sum of cells (不予公开 = Σ（三）1–8).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    /// Stable key used by phrases, sentences and rules (`new`, `deny`).
    pub key: String,
    /// The figure in the official words, as findings name it:
    /// 表三“一、本年新收政府信息公开申请数量”总计.
    pub name: String,
    /// Cell addresses (`t3.new.total`) added up.
    pub cells: Vec<String>,
}

/// Words around a number in the prose that say which figure it quotes.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Phrase {
    pub figure: String,
    /// Written right before the number, allowing filler words (为、共、计 …)
    /// in between. The longest match over all phrases wins, so
    /// `予以公开及部分公开` beats `部分公开`.
    pub words: Vec<String>,
    /// The same clause must mention one of these before the words
    /// (`制发行政规范性文件2件、废止1件`: 废止 counts under 行政规范性文件).
    #[serde(default)]
    pub context: Vec<String>,
    /// Units the number may carry; empty means `件`. Money units (元, 万元)
    /// are converted to the unit of the figure's cells.
    #[serde(default)]
    pub units: Vec<String>,
}

/// A standard paragraph of one part, built from the figures (生成文字).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Draft {
    /// The part whose prose it belongs to (`p1`).
    pub part: String,
    pub sentences: Vec<Sentence>,
}

/// One sentence of a draft. `text` holds placeholders:
/// `{fig}` a figure's value, `{share:a+b/c}` a percentage with one decimal,
/// `{list:key}` the non-zero items of a breakdown in brackets (may be empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Sentence {
    pub text: String,
    /// When every figure listed here is zero, `none` is written instead.
    #[serde(default)]
    pub none_when: Vec<String>,
    #[serde(default)]
    pub none: String,
    /// Written only when asked for (the share of 予以公开 + 部分公开).
    #[serde(default)]
    pub on_request: bool,
}

/// The items of a `{list:key}` placeholder: label and figure.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Breakdown {
    pub key: String,
    pub items: Vec<(String, String)>,
}
