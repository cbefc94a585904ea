//! The command line (命令行).

use std::process::ExitCode;

/// Entry point of the `nianbao` binary.
pub fn main() -> ExitCode {
    ExitCode::SUCCESS
}
