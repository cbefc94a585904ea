//! The calendar, in China time: the clerks work in one time zone (UTC+8, no
//! daylight saving) and the standard library knows no local offset, so the
//! offset is fixed here. Every "today", "HH:MM" and "last calendar year" of
//! the command line and the editor comes from this module.

use std::time::SystemTime;

/// China Standard Time is UTC+8 all year.
pub const CHINA_OFFSET_SECS: u64 = 8 * 3600;

const SECS_PER_DAY: u64 = 86_400;

/// Seconds since 1970-01-01 00:00 China time (0 for a clock before 1970).
fn local_secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .saturating_add(CHINA_OFFSET_SECS)
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    /// The date in China at a moment.
    pub fn of(t: SystemTime) -> Date {
        civil_from_days(i64::try_from(local_secs(t) / SECS_PER_DAY).unwrap_or(0))
    }
}

/// `14:05`, China time.
pub fn hhmm(t: SystemTime) -> String {
    let s = local_secs(t) % SECS_PER_DAY;
    format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// Reports are written in January for the year just ended: the calendar year
/// before the one it is in China at `now` (so New Year's Day counts in
/// China even while it is still 31 December in UTC).
pub fn last_calendar_year(now: SystemTime) -> u16 {
    let year = Date::of(now).year.saturating_sub(1);
    u16::try_from(year.max(0)).unwrap_or(u16::MAX)
}

/// The report year a new report defaults to today.
pub fn default_report_year() -> u16 {
    last_calendar_year(SystemTime::now())
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> Date {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Day 1–31 and month 1–12 by construction; the year fits for any clock.
    Date::new(
        i32::try_from(year).unwrap_or(i32::MAX),
        u32::try_from(month).unwrap_or(1),
        u32::try_from(day).unwrap_or(1),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(secs)
    }

    #[test]
    fn civil_dates() {
        assert_eq!(civil_from_days(0), Date::new(1970, 1, 1));
        assert_eq!(civil_from_days(364), Date::new(1970, 12, 31));
        assert_eq!(civil_from_days(365), Date::new(1971, 1, 1));
        assert_eq!(civil_from_days(20_088), Date::new(2024, 12, 31));
        assert_eq!(civil_from_days(20_089), Date::new(2025, 1, 1));
        // 2000-02-29, the leap day of a leap century.
        assert_eq!(civil_from_days(11_016), Date::new(2000, 2, 29));
    }

    #[test]
    fn dates_and_times_in_china() {
        // 2026-01-20 02:30 UTC = 10:30 in China.
        let t = at(1_768_876_200);
        assert_eq!(Date::of(t), Date::new(2026, 1, 20));
        assert_eq!(hhmm(t), "10:30");
        // 2025-12-31 20:00 UTC is already 1 January 2026 in China.
        let t = at(1_767_211_200);
        assert_eq!(Date::of(t), Date::new(2026, 1, 1));
        assert_eq!(last_calendar_year(t), 2025);
        // 2025-12-31 15:59 UTC is still 31 December in China.
        assert_eq!(last_calendar_year(at(1_767_196_740)), 2024);
        assert_eq!(last_calendar_year(SystemTime::UNIX_EPOCH), 1969);
    }
}
