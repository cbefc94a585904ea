//! `nianbao` — the editor when run without a subcommand, otherwise the command line.

// Started from Explorer or the Start menu, a console-subsystem program opens a
// black console window behind the editor. The console twin for cmd and
// PowerShell is `nianbao-cli` (shipped as `nianbao.com`, see src/bin/).
#![cfg_attr(windows, windows_subsystem = "windows")]

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
