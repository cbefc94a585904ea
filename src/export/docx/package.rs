//! Packing the Word document, with the one property docx-rs cannot write:
//! `w:tblHeader` on a table's header lines, so Word and WPS repeat the header
//! on every page a long table (表三) runs onto. The rows are marked in the
//! rendered `document.xml` before it is zipped; every other part is docx-rs's.

use std::io::Cursor;

use docx_rs::Docx;

/// Why a `.docx` could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("无法生成 Word 文件 ({0})")]
    Pack(String),
    #[error("Word 表格结构与版式不符 (table {0} has fewer rows than its header)")]
    Rows(usize),
}

const TABLE_OPEN: &str = "<w:tbl>";
const ROW_PROPS_OPEN: &str = "<w:trPr>";
const REPEAT: &str = "<w:tblHeader />";

/// The package's bytes; `header_rows[i]` is the number of header lines of
/// the document's `i`-th table.
pub fn pack(docx: Docx, header_rows: &[usize]) -> Result<Vec<u8>, DocxError> {
    let mut xml = docx.build();
    let document = String::from_utf8(xml.document).map_err(|e| DocxError::Pack(e.to_string()))?;
    xml.document = mark_header_rows(&document, header_rows)?.into_bytes();
    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Pack(e.to_string()))?;
    Ok(out.into_inner())
}

/// `document` with the first `header_rows[i]` rows of the `i`-th top-level
/// table marked as repeated header rows.
fn mark_header_rows(document: &str, header_rows: &[usize]) -> Result<String, DocxError> {
    let mut out = String::with_capacity(document.len() + header_rows.iter().sum::<usize>() * 16);
    let mut rest = document;
    for (i, &n) in header_rows.iter().enumerate() {
        let at = rest.find(TABLE_OPEN).ok_or(DocxError::Rows(i))?;
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        for _ in 0..n {
            let row = rest.find(ROW_PROPS_OPEN).ok_or(DocxError::Rows(i))?;
            let end = row + ROW_PROPS_OPEN.len();
            out.push_str(&rest[..end]);
            out.push_str(REPEAT);
            rest = &rest[end..];
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_header_rows_of_each_table() {
        let row = "<w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>";
        let doc = format!(
            "<w:body>{TABLE_OPEN}{row}{row}</w:tbl>{TABLE_OPEN}{row}{row}</w:tbl></w:body>"
        );
        let out = mark_header_rows(&doc, &[1, 2]).expect("marked");
        assert_eq!(out.matches(REPEAT).count(), 3);
        let first = &out[..out.find("</w:tbl>").expect("end")];
        assert_eq!(first.matches(REPEAT).count(), 1);
        assert!(mark_header_rows(&doc, &[1, 1, 1]).is_err());
    }
}
