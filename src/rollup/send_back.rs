//! 退回修改清单: what the county office sends back to the towns. It lists
//! each report with errors and every error in the official row and column
//! names, then the units that did not report, reported twice, or sent a file
//! that cannot be read. It is plain text, so it goes into a WeChat
//! message, an OA notice or a WPS document as it is.

use std::fmt::Write as _;

use super::Rollup;

/// The list, one section per kind of problem; an empty section says 无.
pub fn to_send_back(rollup: &Rollup) -> String {
    let year = rollup
        .year()
        .map(|y| format!("{y}年度"))
        .unwrap_or_default();
    let mut out = format!("{year}政府信息公开工作年度报告退回修改清单\n\n");
    let _ = writeln!(out, "{}\n", rollup.summary());
    with_errors(&mut out, rollup);
    missing(&mut out, rollup);
    duplicates(&mut out, rollup);
    unreadable(&mut out, rollup);
    out.push_str("以上报告请按所列问题修改后重新报送");
    out.push_str(if rollup.missing.is_empty() {
        "。\n"
    } else {
        "；缺报单位请尽快报送。\n"
    });
    out
}

fn with_errors(out: &mut String, rollup: &Rollup) {
    let towns: Vec<_> = rollup.with_errors().collect();
    let _ = writeln!(out, "一、需退回修改的报告（{} 份）", towns.len());
    if towns.is_empty() {
        out.push_str("无\n");
    }
    for (n, town) in towns.iter().enumerate() {
        let unit = if town.unit.is_empty() {
            "（未填写单位名称）"
        } else {
            &town.unit
        };
        let _ = writeln!(
            out,
            "{}. {unit}（文件：{}）：错误 {} 处",
            n + 1,
            town.file.display(),
            town.errors
        );
        for (i, message) in town.error_messages.iter().enumerate() {
            let _ = writeln!(out, "   （{}）{message}", i + 1);
        }
    }
    out.push('\n');
}

fn missing(out: &mut String, rollup: &Rollup) {
    let _ = writeln!(out, "二、缺报的单位（{} 个）", rollup.missing.len());
    let names = if rollup.missing.is_empty() {
        "无".to_string()
    } else {
        rollup.missing.join("、")
    };
    let _ = writeln!(out, "{names}\n");
}

fn duplicates(out: &mut String, rollup: &Rollup) {
    let _ = writeln!(out, "三、重复报送（{} 个单位）", rollup.duplicates.len());
    if rollup.duplicates.is_empty() {
        out.push_str("无\n");
    }
    for d in &rollup.duplicates {
        let files: Vec<String> = d.files.iter().map(|f| f.display().to_string()).collect();
        let _ = writeln!(out, "{} {}年度：{}", d.unit, d.year, files.join("、"));
    }
    out.push('\n');
}

fn unreadable(out: &mut String, rollup: &Rollup) {
    let _ = writeln!(out, "四、无法读取的文件（{} 个）", rollup.unreadable.len());
    if rollup.unreadable.is_empty() {
        out.push_str("无\n");
    }
    for u in &rollup.unreadable {
        let _ = writeln!(out, "{}：{}", u.file.display(), u.message);
    }
    out.push('\n');
}
