//! How far a roll-up has got, and the county's wish to stop it. Shared
//! between the thread that reads the reports and the window that draws a
//! progress bar, so both sides only touch atomics.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Counters a running roll-up updates and a window reads.
#[derive(Debug, Default)]
pub struct Progress {
    total: AtomicUsize,
    done: AtomicUsize,
    cancelled: AtomicBool,
}

impl Progress {
    pub fn new() -> Progress {
        Progress::default()
    }

    /// (reports read, reports found); the total is 0 until the folders
    /// have been searched.
    pub fn counts(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed),
            self.total.load(Ordering::Relaxed),
        )
    }

    /// Ask the roll-up to stop: reports not yet read are skipped, and the
    /// caller throws the partial result away.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(super) fn found(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
    }

    pub(super) fn read_one(&self) {
        self.done.fetch_add(1, Ordering::Relaxed);
    }
}
