//! `nianbao-cli` — the same program as `nianbao`, as a console program.
//!
//! On Windows `nianbao.exe` has no console (it is the editor a clerk
//! double-clicks), so it cannot print. The packages ship this binary as
//! `nianbao.com` beside `nianbao.exe`: in cmd and PowerShell `nianbao validate …`
//! finds the `.com` first (PATHEXT lists .COM before .EXE) and prints, while
//! the shortcuts point at `nianbao.exe`. Elsewhere it is simply a second name.

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
