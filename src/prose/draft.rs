//! 生成文字: the standard sentences of a part built from the tables, as the
//! template's drafts spell them (依申请公开, 行政复议/行政诉讼, 信息处理费).
//!
//! Deterministic: the same cells give the same text. A figure that is not
//! filled is never written as 0: the draft says which figures to fill first.

use rust_decimal::Decimal;

use crate::document::Document;
use crate::template::{Draft, Sentence, Template};
use crate::validate::{figure_values, FigureValue};

/// What a part's draft needs before it can be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Missing {
    /// The figures (official words) that are blank.
    pub figures: Vec<String>,
}

impl std::fmt::Display for Missing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "以下数字尚未填写，无法生成文字：{} (blank figures)",
            self.figures.join("、")
        )
    }
}

/// The parts that have a draft, in template order.
pub fn parts_with_drafts(template: &Template) -> Vec<&str> {
    template
        .parts
        .iter()
        .filter(|p| template.drafts.iter().any(|d| d.part == p.key))
        .map(|p| p.key.as_str())
        .collect()
}

/// The standard text of `part`; `share` adds the sentences written only on
/// request (予以公开率). `None` when the part has no draft.
pub fn draft(
    doc: &Document,
    template: &Template,
    part: &str,
    share: bool,
) -> Option<Result<String, Missing>> {
    let drafts: Vec<&Draft> = template.drafts.iter().filter(|d| d.part == part).collect();
    if drafts.is_empty() {
        return None;
    }
    let values = Values {
        template,
        values: figure_values(doc, template),
    };
    let mut text = String::new();
    let mut missing = Vec::new();
    for sentence in drafts.iter().flat_map(|d| &d.sentences) {
        if sentence.on_request && !share {
            continue;
        }
        match values.sentence(sentence) {
            Ok(s) => text.push_str(&s),
            Err(names) => {
                for n in names {
                    if !missing.contains(&n) {
                        missing.push(n);
                    }
                }
            }
        }
    }
    Some(if missing.is_empty() {
        Ok(text)
    } else {
        Err(Missing { figures: missing })
    })
}

struct Values<'t> {
    template: &'t Template,
    values: Vec<(String, Option<FigureValue>)>,
}

impl Values<'_> {
    /// A figure's number, or its official name when it is blank.
    fn get(&self, key: &str) -> Result<Decimal, String> {
        let name = || {
            self.template
                .figures
                .iter()
                .find(|f| f.key == key)
                .map_or_else(|| key.to_string(), |f| f.name.clone())
        };
        match self.values.iter().find(|(k, _)| k == key) {
            Some((_, Some(FigureValue::Number(n, _)))) => Ok(*n),
            _ => Err(name()),
        }
    }

    fn sentence(&self, s: &Sentence) -> Result<String, Vec<String>> {
        if !s.none_when.is_empty() {
            let zero = self.all_zero(&s.none_when)?;
            if zero {
                return Ok(s.none.clone());
            }
        }
        self.fill(&s.text)
    }

    /// Whether every figure is zero; blank ones are reported.
    fn all_zero(&self, keys: &[String]) -> Result<bool, Vec<String>> {
        let mut blank = Vec::new();
        let mut zero = true;
        for k in keys {
            match self.get(k) {
                Ok(n) => zero &= n.is_zero(),
                Err(name) => blank.push(name),
            }
        }
        if blank.is_empty() {
            Ok(zero)
        } else {
            Err(blank)
        }
    }

    /// Replace every `{…}` placeholder.
    fn fill(&self, text: &str) -> Result<String, Vec<String>> {
        let mut out = String::new();
        let mut blank = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            let inner = &rest[open + 1..open + close];
            match self.placeholder(inner) {
                Ok(s) => out.push_str(&s),
                Err(names) => blank.extend(names),
            }
            rest = &rest[open + close + 1..];
        }
        out.push_str(rest);
        if blank.is_empty() {
            Ok(out)
        } else {
            Err(blank)
        }
    }

    fn placeholder(&self, inner: &str) -> Result<String, Vec<String>> {
        if let Some(expr) = inner.strip_prefix("share:") {
            return self.share(expr);
        }
        if let Some(key) = inner.strip_prefix("list:") {
            return self.list(key);
        }
        self.get(inner).map(shown).map_err(|n| vec![n])
    }

    /// `a+b/c` as a percentage with one decimal (46.2%).
    fn share(&self, expr: &str) -> Result<String, Vec<String>> {
        let (top, bottom) = expr.split_once('/').unwrap_or((expr, ""));
        let mut blank = Vec::new();
        let mut sum = Decimal::ZERO;
        for k in top.split('+') {
            match self.get(k.trim()) {
                Ok(n) => sum = sum.checked_add(n).unwrap_or(Decimal::MAX),
                Err(name) => blank.push(name),
            }
        }
        let whole = self.get(bottom.trim()).map_err(|n| vec![n]);
        match (blank.is_empty(), whole) {
            (true, Ok(w)) if !w.is_zero() => {
                let hundred = Decimal::from(100);
                let ratio = sum.checked_mul(hundred).and_then(|s| s.checked_div(w));
                let Some(ratio) = ratio else {
                    return Ok("—".to_string());
                };
                let pct = ratio.round_dp_with_strategy(
                    1,
                    rust_decimal::RoundingStrategy::MidpointAwayFromZero,
                );
                Ok(format!("{}%", pct.normalize()))
            }
            (true, Ok(_)) => Ok("0%".to_string()),
            (_, Err(mut b)) => {
                blank.append(&mut b);
                Err(blank)
            }
            (false, Ok(_)) => Err(blank),
        }
    }

    /// `（结果维持1件，尚未审结1件）`: the non-zero items, or nothing.
    fn list(&self, key: &str) -> Result<String, Vec<String>> {
        let Some(b) = self.template.breakdowns.iter().find(|b| b.key == key) else {
            return Ok(String::new());
        };
        let mut items = Vec::new();
        let mut blank = Vec::new();
        for (label, fig) in &b.items {
            match self.get(fig) {
                Ok(n) if !n.is_zero() => items.push(format!("{label}{}件", shown(n))),
                Ok(_) => {}
                Err(name) => blank.push(name),
            }
        }
        if !blank.is_empty() {
            return Err(blank);
        }
        Ok(if items.is_empty() {
            String::new()
        } else {
            format!("（{}）", items.join("，"))
        })
    }
}

/// A number as written in a sentence: no trailing zeros.
fn shown(n: Decimal) -> String {
    n.normalize().to_string()
}
