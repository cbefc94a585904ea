//! Lists every `assets/templates/*.ron` for the template registry, so that a
//! new official revision is one new file (plus its tests), not a code change.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
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
