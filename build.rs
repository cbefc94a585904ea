//! Lists every `assets/templates/*.ron` for the template registry, so that a
//! new official revision is one new file (plus its tests), not a code change;
//! and, for Windows targets only, embeds the icon and version information into
//! the executables (Explorer, the taskbar and 设置 › 应用 show them).

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    list_templates();
    if env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "windows") {
        windows_resource();
    }
}

/// Writes `templates.rs`: every template file, included as text.
fn list_templates() {
    let dir = Path::new("assets/templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "ron"))
                .collect()
        })
        .unwrap_or_default();
    // Deterministic order; the registry sorts by the templates' own data.
    files.sort();
    let mut out = String::from("&[\n");
    for path in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let abs = fs::canonicalize(path).unwrap_or_else(|_| path.clone());
        let _ = writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            abs.display().to_string()
        );
    }
    out.push_str("]\n");
    let target = Path::new(&env::var("OUT_DIR").unwrap_or_default()).join("templates.rs");
    if let Err(e) = fs::write(&target, out) {
        panic!("cannot write {}: {e}", target.display());
    }
}

/// Icon and version resource through winresource, which runs mingw's
/// `x86_64-w64-mingw32-windres` when cross-building (MSVC's `rc.exe` on
/// Windows). Only here: the host build must not need windres.
fn windows_resource() {
    let icon = Path::new("assets/icons/nianbao.ico");
    println!("cargo:rerun-if-changed={}", icon.display());
    let icon = fs::canonicalize(icon).unwrap_or_else(|_| icon.to_path_buf());
    let mut res = winresource::WindowsResource::new();
    // 0x0804: Chinese (Simplified, PRC), the language of every string below.
    res.set_language(0x0804)
        .set_icon(&icon.display().to_string())
        .set("ProductName", "年报")
        .set("FileDescription", "年报：政府信息公开工作年度报告编辑器")
        .set("OriginalFilename", "nianbao.exe")
        .set("InternalName", "nianbao")
        .set("LegalCopyright", "MIT OR Apache-2.0");
    if let Err(e) = res.compile() {
        panic!(
            "无法嵌入 Windows 图标和版本信息，请安装 mingw-w64 的 windres \
             (apt-get install binutils-mingw-w64-x86-64) (windres failed: {e})"
        );
    }
}
