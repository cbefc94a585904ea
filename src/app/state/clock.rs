//! Time for the editor: an injectable clock (tests move time by hand), the
//! HH:MM shown in the status bar, and calendar dates for the deadline notice.

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// Where the editor reads the time from.
pub type Clock = Arc<dyn Fn() -> SystemTime + Send + Sync>;

/// The real clock.
pub fn system_clock() -> Clock {
    Arc::new(SystemTime::now)
}

/// A clock that moves only when told (tests, harness).
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<Mutex<SystemTime>>);

impl ManualClock {
    pub fn new(start: SystemTime) -> ManualClock {
        ManualClock(Arc::new(Mutex::new(start)))
    }

    pub fn now(&self) -> SystemTime {
        self.0.lock().map(|t| *t).unwrap_or(SystemTime::UNIX_EPOCH)
    }

    pub fn advance(&self, by: Duration) {
        if let Ok(mut t) = self.0.lock() {
            *t += by;
        }
    }

    pub fn clock(&self) -> Clock {
        let me = self.clone();
        Arc::new(move || me.now())
    }
}

/// The clerks work in China (one time zone, UTC+8, no daylight saving); the
/// standard library knows no local offset, so this one is fixed.
const CHINA_OFFSET_SECS: u64 = 8 * 3600;

fn local_secs(t: SystemTime) -> u64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
        .saturating_add(CHINA_OFFSET_SECS)
}

/// `14:05` (China time).
pub fn hhmm(t: SystemTime) -> String {
    let s = local_secs(t) % 86_400;
    format!("{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Date {
        Date { year, month, day }
    }

    /// Today's date in China for a moment.
    pub fn of(t: SystemTime) -> Date {
        civil_from_days((local_secs(t) / 86_400) as i64)
    }
}

/// Days since 1970-01-01 to a civil date (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    Date::new((y + i64::from(m <= 2)) as i32, m, d)
}

/// In January, how long until the 31 January publication deadline.
pub fn deadline_notice(today: Date) -> Option<String> {
    match (today.month, today.day) {
        (1, 31) => Some("今天是公开截止日".to_string()),
        (1, d) if d < 31 => Some(format!("距 1 月 31 日公开截止还有 {} 天", 31 - d)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times() {
        // 2026-01-20 02:30 UTC = 10:30 in China.
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_768_876_200);
        assert_eq!(Date::of(t), Date::new(2026, 1, 20));
        assert_eq!(hhmm(t), "10:30");
        // 2025-12-31 20:00 UTC is already 1 January in China.
        let t = SystemTime::UNIX_EPOCH + Duration::from_secs(1_767_211_200);
        assert_eq!(Date::of(t), Date::new(2026, 1, 1));
    }

    #[test]
    fn deadline() {
        assert_eq!(
            deadline_notice(Date::new(2026, 1, 20)).as_deref(),
            Some("距 1 月 31 日公开截止还有 11 天")
        );
        assert_eq!(
            deadline_notice(Date::new(2026, 1, 31)).as_deref(),
            Some("今天是公开截止日")
        );
        assert_eq!(deadline_notice(Date::new(2026, 2, 1)), None);
        assert_eq!(deadline_notice(Date::new(2025, 12, 31)), None);
    }
}
