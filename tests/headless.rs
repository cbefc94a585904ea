//! Every test that needs no window, in one binary: templates, the report
//! file, validation, import, export, prose and the command line. One binary
//! instead of sixteen, because linking is the slow part of CI on two cores.

#[path = "bad_input.rs"]
mod bad_input;
#[path = "check_corpus.rs"]
mod check_corpus;
#[path = "cli.rs"]
mod cli;
#[path = "compare.rs"]
mod compare;
#[path = "export.rs"]
mod export;
#[path = "file.rs"]
mod file;
#[path = "fixtures_load.rs"]
mod fixtures_load;
/// Generated reports for the rollup and comparison tests.
#[path = "rollup/gen.rs"]
mod gen;
#[path = "glyphs.rs"]
mod glyphs;
#[path = "hostile_disk.rs"]
mod hostile_disk;
#[path = "import.rs"]
mod import;
#[path = "import_corpus.rs"]
mod import_corpus;
#[path = "import_formats.rs"]
mod import_formats;
#[path = "import_props.rs"]
mod import_props;
#[path = "import_real.rs"]
mod import_real;
#[path = "input.rs"]
mod input;
#[path = "prose.rs"]
mod prose;
#[path = "rollup.rs"]
mod rollup;
#[path = "seed_findings.rs"]
mod seed_findings;
#[path = "template_errors.rs"]
mod template_errors;
#[path = "templates.rs"]
mod templates;
