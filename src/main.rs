//! `nianbao` — the editor when run without a subcommand, otherwise the command line.

fn main() -> std::process::ExitCode {
    nianbao::cli::main()
}
