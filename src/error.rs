//! The one shape of an error in this program: a kind that code matches on,
//! a Chinese explanation for the clerk and the technical cause in English,
//! shown as `中文说明 (English cause)`. Each layer has its own kind enum
//! ([`FileErrorKind`](crate::document::file::FileErrorKind),
//! [`InputErrorKind`](crate::input::InputErrorKind),
//! [`ImportErrorKind`](crate::import::ImportErrorKind)); nothing ever decides
//! what happened by reading the message.

use std::fmt;

/// An error of one layer, of kind `K`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error<K> {
    /// What happened, for code to match on.
    pub kind: K,
    /// What the clerk reads, in Chinese.
    pub message: String,
    /// The technical cause, in English.
    pub cause: String,
}

impl<K> Error<K> {
    pub fn new(kind: K, message: impl Into<String>, cause: impl Into<String>) -> Error<K> {
        Error {
            kind,
            message: message.into(),
            cause: cause.into(),
        }
    }
}

impl<K> fmt::Display for Error<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message, self.cause)
    }
}

impl<K: fmt::Debug> std::error::Error for Error<K> {}
