//! Which renderer draws the window (绘制方式): eframe's OpenGL painter, or,
//! when no usable OpenGL is there, the CPU renderer in [`software`].
//!
//! Why a second process: winit lets a process make one event loop, and
//! eframe keeps the one it made after its OpenGL set-up failed. So the
//! editor starts itself again with [`RENDERER_VAR`]` = software` and the
//! cause, which the new window shows once in the status bar. Only a failure
//! before the editor existed falls back: nothing typed can be lost on the way.

pub mod raster;
pub mod software;
mod spans;

use std::ffi::OsString;
use std::process::{Command, ExitCode, ExitStatus};

/// Picks the renderer: `gl` (OpenGL only, fail if it fails), `software`
/// (the CPU renderer); anything else, or unset, tries OpenGL first.
pub const RENDERER_VAR: &str = "NIANBAO_RENDERER";

/// The OpenGL failure, handed from the first process to the software one.
const CAUSE_VAR: &str = "NIANBAO_RENDERER_CAUSE";

/// The renderer asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// OpenGL, then the CPU renderer if OpenGL cannot open the window.
    Auto,
    /// OpenGL only.
    Gl,
    /// The CPU renderer only.
    Software,
}

impl Choice {
    /// The choice in [`RENDERER_VAR`].
    pub fn from_env() -> Choice {
        Choice::parse(std::env::var(RENDERER_VAR).ok().as_deref())
    }

    pub fn parse(value: Option<&str>) -> Choice {
        let value = value.unwrap_or_default().trim().to_ascii_lowercase();
        match value.as_str() {
            "gl" | "opengl" | "glow" => Choice::Gl,
            "software" | "cpu" | "soft" => Choice::Software,
            _ => Choice::Auto,
        }
    }
}

/// Run this program again, with the same arguments, on the CPU renderer,
/// telling it why OpenGL failed. On Unix the process replaces itself (same
/// process id, so a desktop's or a script's idea of "the editor" holds); on
/// Windows it waits for the new one and passes on its exit code.
pub fn rerun_in_software(cause: &str) -> std::io::Result<ExitCode> {
    let exe = std::env::current_exe()?;
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let mut command = Command::new(exe);
    command
        .args(args)
        .env(RENDERER_VAR, "software")
        .env(CAUSE_VAR, cause);
    replace_or_wait(&mut command)
}

#[cfg(unix)]
fn replace_or_wait(command: &mut Command) -> std::io::Result<ExitCode> {
    use std::os::unix::process::CommandExt as _;
    // `exec` returns only when it failed.
    Err(command.exec())
}

#[cfg(not(unix))]
fn replace_or_wait(command: &mut Command) -> std::io::Result<ExitCode> {
    command.status().map(exit_code)
}

/// The exit code of a finished child process (1 when it has none: a signal).
#[cfg_attr(unix, allow(dead_code))]
fn exit_code(status: ExitStatus) -> ExitCode {
    let code = status.code().unwrap_or(1);
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// The status-bar sentence of a software-drawn window: why it is one.
pub fn notice() -> String {
    notice_for(std::env::var(CAUSE_VAR).ok().as_deref())
}

fn notice_for(cause: Option<&str>) -> String {
    match cause.map(str::trim).filter(|c| !c.is_empty()) {
        Some(cause) => format!(
            "本机显卡绘制（OpenGL）不可用，已改用软件绘制，各项功能照常使用，画面刷新稍慢。({cause})"
        ),
        None => format!("已按 {RENDERER_VAR}=software 使用软件绘制，各项功能照常使用。"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_is_read_leniently() {
        assert_eq!(Choice::parse(None), Choice::Auto);
        assert_eq!(Choice::parse(Some("")), Choice::Auto);
        assert_eq!(Choice::parse(Some(" Software ")), Choice::Software);
        assert_eq!(Choice::parse(Some("cpu")), Choice::Software);
        assert_eq!(Choice::parse(Some("GL")), Choice::Gl);
        assert_eq!(Choice::parse(Some("vulkan")), Choice::Auto);
    }

    #[test]
    fn the_notice_names_the_cause_in_chinese_first() {
        let with = notice_for(Some("Found no glutin configs matching the template"));
        assert!(with.starts_with("本机显卡绘制（OpenGL）不可用，已改用软件绘制"));
        assert!(with.ends_with("(Found no glutin configs matching the template)"));
        assert!(notice_for(None).contains("NIANBAO_RENDERER=software"));
        assert_eq!(notice_for(Some("  ")), notice_for(None));
    }
}
