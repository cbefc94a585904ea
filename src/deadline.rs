//! When a report is due, by the kind of office. 《条例》第四十九条: the
//! departments of governments at county level and above publish their report
//! by 31 January, the government's own report (本级政府) by 31 March; townships
//! and sub-districts follow their county, which asks for 31 January. A county
//! often collects reports for 备案 earlier still: that date, when set, wins
//! if it is earlier. The status bar's countdown, the January notice and the
//! county roll-up's "late for 备案" all read [`Deadline`].

use serde::{Deserialize, Serialize};

use std::time::SystemTime;

use crate::calendar::Date;
use crate::document::{Meta, UnitLevel};

/// A day of the year, as a county sets its 备案 date (`1 月 15 日`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct MonthDay {
    pub month: u32,
    pub day: u32,
}

impl MonthDay {
    /// A real day of a (leap) year, or `None`.
    pub fn new(month: u32, day: u32) -> Option<MonthDay> {
        let last = match month {
            2 => 29,
            4 | 6 | 9 | 11 => 30,
            1..=12 => 31,
            _ => return None,
        };
        (1..=last).contains(&day).then_some(MonthDay { month, day })
    }
}

/// The date a report is due and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deadline {
    pub date: Date,
    /// The county's 备案 date, earlier than the law's.
    pub filing: bool,
}

/// Whether the unit is a government's own report (本级政府): a 县级政府, or a
/// 市级/省级 unit named `…人民政府` (not `…人民政府办公室`, a department).
fn own_government(level: UnitLevel, unit: &str) -> bool {
    match level {
        UnitLevel::County => true,
        UnitLevel::City | UnitLevel::Province => unit.trim().ends_with("人民政府"),
        _ => false,
    }
}

/// The law's date for a unit: 31 March for a government's own report, 31
/// January for a department, a township or a sub-district (and for an
/// unknown level, the earlier date being the safe one).
pub fn statutory(level: UnitLevel, unit: &str) -> MonthDay {
    if own_government(level, unit) {
        MonthDay { month: 3, day: 31 }
    } else {
        MonthDay { month: 1, day: 31 }
    }
}

/// When the report of `year` is due: the law's date in the next year, or the
/// county's 备案 date when that is earlier.
pub fn deadline(level: UnitLevel, unit: &str, year: u16, filing: Option<MonthDay>) -> Deadline {
    let law = statutory(level, unit);
    let (day, filing) = match filing {
        Some(f) if f < law => (f, true),
        _ => (law, false),
    };
    Deadline {
        date: Date::new(i32::from(year) + 1, day.month, day.day),
        filing,
    }
}

/// Days from 1970-01-01 to a civil date (Howard Hinnant's `days_from_civil`).
fn days(d: Date) -> i64 {
    let y = i64::from(d.year) - i64::from(d.month <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(d.month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d.day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// From 1 January of the deadline's year to the day itself, how long is left
/// (`距 3 月 31 日公开截止还有 20 天`); nothing before or after.
pub fn notice(today: Date, d: Deadline) -> Option<String> {
    if today.year != d.date.year || today > d.date {
        return None;
    }
    let what = if d.filing {
        "报送备案截止"
    } else {
        "公开截止"
    };
    let left = days(d.date) - days(today);
    if left == 0 {
        return Some(format!("今天是{what}日"));
    }
    Some(format!(
        "距 {} 月 {} 日{what}还有 {left} 天",
        d.date.month, d.date.day
    ))
}

/// Whether a report handed in on `submitted` missed its deadline (the roll-up's 逾期).
pub fn is_late(submitted: Date, d: Deadline) -> bool {
    submitted > d.date
}

/// The roll-up's question for one town's file: handed in (saved, in China
/// time) after the 备案 date, or the law's date when the county sets none?
pub fn late_for_filing(meta: &Meta, filing: Option<MonthDay>, saved: SystemTime) -> bool {
    let due = deadline(meta.level, &meta.unit, meta.year, filing);
    is_late(Date::of(saved), due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use UnitLevel::*;

    const JAN_15: MonthDay = MonthDay { month: 1, day: 15 };

    #[test]
    fn the_kind_of_office_decides_the_law_s_date() {
        let d = |level, unit| deadline(level, unit, 2025, None).date;
        assert_eq!(d(Township, "青山镇人民政府"), Date::new(2026, 1, 31));
        assert_eq!(d(Subdistrict, "东城街道办事处"), Date::new(2026, 1, 31));
        assert_eq!(d(CountyDepartment, "某县教育局"), Date::new(2026, 1, 31));
        assert_eq!(d(County, "青山县人民政府"), Date::new(2026, 3, 31));
        assert_eq!(d(City, "淮安市人民政府"), Date::new(2026, 3, 31));
        assert_eq!(d(City, "淮安市人民政府办公室"), Date::new(2026, 1, 31));
        assert_eq!(d(Province, "某省发展和改革委员会"), Date::new(2026, 1, 31));
        assert_eq!(d(Unknown, "青山县人民政府"), Date::new(2026, 1, 31));
    }

    #[test]
    fn a_county_filing_date_moves_it_earlier_never_later() {
        let early = deadline(Township, "青山镇", 2025, Some(JAN_15));
        assert_eq!(
            early,
            Deadline {
                date: Date::new(2026, 1, 15),
                filing: true
            }
        );
        let late = deadline(Township, "青山镇", 2025, MonthDay::new(2, 20));
        assert_eq!(
            late,
            Deadline {
                date: Date::new(2026, 1, 31),
                filing: false
            }
        );
        let gov = deadline(County, "青山县人民政府", 2025, MonthDay::new(2, 20));
        assert_eq!(
            gov,
            Deadline {
                date: Date::new(2026, 2, 20),
                filing: true
            }
        );
        assert_eq!(MonthDay::new(2, 30), None);
        assert_eq!(MonthDay::new(13, 1), None);
    }

    #[test]
    fn the_countdown_follows_the_deadline() {
        let town = deadline(Township, "青山镇", 2025, None);
        let n = |y, m, d, dl| notice(Date::new(y, m, d), dl);
        assert_eq!(
            n(2026, 1, 20, town).as_deref(),
            Some("距 1 月 31 日公开截止还有 11 天")
        );
        assert_eq!(n(2026, 1, 31, town).as_deref(), Some("今天是公开截止日"));
        assert_eq!(n(2026, 2, 1, town), None);
        assert_eq!(n(2025, 12, 31, town), None);
        let gov = deadline(County, "青山县人民政府", 2025, None);
        assert_eq!(
            n(2026, 2, 1, gov).as_deref(),
            Some("距 3 月 31 日公开截止还有 58 天")
        );
        let filing = deadline(Township, "青山镇", 2025, Some(JAN_15));
        assert_eq!(
            n(2026, 1, 10, filing).as_deref(),
            Some("距 1 月 15 日报送备案截止还有 5 天")
        );
        assert_eq!(n(2026, 1, 20, filing), None);
    }

    #[test]
    fn late_for_filing_is_after_the_day_not_on_it() {
        let filing = deadline(Township, "青山镇", 2025, Some(JAN_15));
        assert!(!is_late(Date::new(2026, 1, 15), filing));
        assert!(is_late(Date::new(2026, 1, 16), filing));
        assert!(!is_late(
            Date::new(2026, 1, 16),
            deadline(Township, "青山镇", 2025, None)
        ));
        // A town's file saved 2026-01-20 10:30 China time, 备案 by 15 January.
        let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_768_876_200);
        let meta = crate::document::Document::new("gk2021", "青山镇", Township, 2025).meta;
        assert!(late_for_filing(&meta, Some(JAN_15), saved));
        assert!(!late_for_filing(&meta, None, saved));
        assert_eq!(days(Date::new(2024, 12, 31)), 20_088);
        assert_eq!(days(Date::new(2000, 2, 29)), 11_016);
    }
}
