//! How much of a part repeats last year's, as evaluators measure it: the
//! share of this year's runs of [`N`] consecutive characters (spaces and
//! punctuation left out, every number the same, so `2024年` and `2025年`
//! match) that also occur in last year's text of the same part. Unlike a
//! sentence-by-sentence comparison it still sees a paragraph copied with a
//! word changed here and there.

use std::collections::HashSet;

use crate::document::Document;
use crate::prose::text;
use crate::template::Template;

/// Characters per compared run: long enough that common two- or three-word
/// phrases (`政府信息公开`) alone do not make two texts alike.
pub const N: usize = 8;

fn normalized(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len() / 3);
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        // A number of any length is one `#`: `120条` and `98条` match.
        if c.is_ascii_digit() || ('０'..='９').contains(&c) {
            if out.last() != Some(&'#') {
                out.push('#');
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Percent (rounded down) of `this`'s character runs found in `last`, with
/// the number of meaningful characters of `this`.
pub fn share(this: &str, last: &str) -> (u32, usize) {
    let (this, last) = (normalized(this), normalized(last));
    let old: HashSet<&[char]> = last.windows(N).collect();
    let runs = this.windows(N);
    let total = runs.len();
    let same = runs.filter(|w| old.contains(w)).count();
    let percent = (same * 100).checked_div(total).unwrap_or(0);
    (u32::try_from(percent).unwrap_or(100), this.len())
}

/// One prose part against last year's: its name and the share, `None` when
/// last year's text of that part is unknown or empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartSimilarity {
    pub key: String,
    pub name: String,
    pub percent: Option<u32>,
}

/// Every prose part's similarity to last year's (the 与上年对比 view);
/// empty without a linked last year.
pub fn parts(doc: &Document, template: &Template) -> Vec<PartSimilarity> {
    let Some(prev) = &doc.previous else {
        return Vec::new();
    };
    text::prose_parts(template)
        .map(|part| {
            let last = prev.prose.get(&part.key).filter(|l| !l.trim().is_empty());
            PartSimilarity {
                key: part.key.clone(),
                name: text::part_name(part),
                percent: last.map(|l| share(doc.prose(&part.key), l).0),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::share;

    #[test]
    fn a_copy_with_the_year_changed_is_all_the_same() {
        let last = "2024年，我镇认真贯彻落实《条例》，全年主动公开政府信息120条。";
        let this = "2025年，我镇认真贯彻落实《条例》，全年主动公开政府信息98条。";
        assert_eq!(share(this, last).0, 100);
    }

    #[test]
    fn a_rewritten_part_shares_little() {
        let last = "我镇认真贯彻落实《条例》，全年主动公开政府信息120条，政务公开栏更新12期。";
        let this = "本年度新建村级公开栏三处，群众可在便民服务中心自助查询办事指南，满意度提升。";
        assert_eq!(share(this, last).0, 0);
        // Half copied, half new.
        let half = format!("{last}{this}");
        let (p, _) = share(&half, last);
        assert!((40..=60).contains(&p), "{p}");
        assert_eq!(share("", last), (0, 0));
    }
}
