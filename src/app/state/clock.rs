//! Time for the editor: an injectable clock (tests move time by hand) and the
//! deadline notice; dates and HH:MM come from [`crate::calendar`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

pub use crate::calendar::{hhmm, Date};

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

/// In January, how long until a township's 31 January deadline (no report
/// known); the editor asks [`crate::deadline`] with its report's 单位层级.
pub fn deadline_notice(today: Date) -> Option<String> {
    let year = u16::try_from(today.year - 1).ok()?;
    let due = crate::deadline::deadline(crate::document::UnitLevel::Township, "", year, None);
    crate::deadline::notice(today, due)
}

#[cfg(test)]
mod tests {
    use super::*;

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
