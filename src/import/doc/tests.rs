//! The text stream's special characters and the table grid, without a file.

use super::*;

fn text(s: &str) -> Text {
    let chars: Vec<char> = s.chars().collect();
    Text {
        marks: Vec::new(),
        chars,
    }
}

#[test]
fn fields_keep_their_result_and_breaks_are_spaces() {
    let t = text("标题\r\x13 PAGE \\* MERGEFORMAT \x142\x15页\x0b二行\r");
    assert_eq!(
        to_blocks(&t, &[]),
        vec![Block::Line("标题".into()), Block::Line("2页 二行".into())]
    );
}

#[test]
fn without_properties_an_empty_mark_after_a_cell_ends_the_row() {
    let t = text("表\r规章\x070\x073\x07\x07行政许可\x071\x072\x07\x07完\r");
    assert_eq!(
        to_blocks(&t, &[]),
        vec![
            Block::Line("表".into()),
            Block::Row {
                cells: vec!["规章".into(), "0".into(), "3".into()],
                grid: 1
            },
            Block::Row {
                cells: vec!["行政许可".into(), "1".into(), "2".into()],
                grid: 1
            },
            Block::Line("完".into()),
        ]
    );
}

#[test]
fn a_wide_cell_spans_the_columns_between_its_edges() {
    let mut b = Builder::default();
    for c in ["信息内容", "新制作"] {
        b.para.push_str(c);
        b.cell_end();
    }
    b.row_end(&[0, 200, 300], &[]);
    for c in ["规章", "", "5"] {
        b.para.push_str(c);
        b.cell_end();
    }
    b.row_end(&[0, 100, 200, 300], &[false, false, false]);
    b.end_table();
    assert_eq!(
        b.out[0],
        Block::Row {
            cells: vec!["信息内容".into(), "信息内容".into(), "新制作".into()],
            grid: 1
        }
    );
}
