//! The command line (命令行): `nianbao [FILE]` opens the editor, subcommands
//! create, inspect, edit, check and export report files without a window.
//!
//! Exit codes: 0 success; 1 a refused value or a report with errors; 2 a file
//! that cannot be read or written, or a command line that cannot be understood.

mod cells;
mod compare_cmd;
mod edit_cmd;
mod export_cmd;
pub mod import_cmd;
mod new;
mod review_cmd;
mod rollup_cmd;
mod template_cmd;
mod validate_cmd;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::error::{ContextKind, ErrorKind};
use clap::{ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use crate::document::{file, Document};
use crate::template::{self, Template};

/// Help laid out with Chinese headings (clap's own are English).
pub(crate) const HELP_TEMPLATE: &str =
    "{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}";

#[derive(Parser, Debug)]
#[command(
    name = "nianbao",
    version,
    about = "年报：政府信息公开工作年度报告编辑器。不带参数运行时打开编辑窗口。",
    help_template = HELP_TEMPLATE,
    args_conflicts_with_subcommands = true,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "命令",
    subcommand_value_name = "命令"
)]
struct Cli {
    /// 用编辑窗口打开的年报文件（.ron）
    #[arg(value_name = "文件")]
    file: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,

    /// 显示帮助
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,

    /// 显示版本号
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// 新建年报文件（可从上年报告结转）
    New(new::NewArgs),
    /// 列出文件中每个可填写的字段：地址、类型、表格、行、列
    Cells(cells::CellsArgs),
    /// 显示一个字段的值（未填写时什么也不显示）
    Get(edit_cmd::GetArgs),
    /// 填写一个字段并保存；值为空字符串时清空
    Set(edit_cmd::SetArgs),
    /// 校验勾稽关系，有错误时退出码为 1
    Validate(validate_cmd::ValidateArgs),
    /// 导出为文本或 Markdown
    Export(export_cmd::ExportArgs),
    /// 导入已发布的年报（网页、Markdown 或文本）
    Import(import_cmd::ImportArgs),
    /// 把一条提示标记为已核实（附说明），或用 --undo 撤销
    Review(review_cmd::ReviewArgs),
    /// 根据统计表生成标准文字（依申请公开、行政复议和行政诉讼、信息处理费）
    Draft(review_cmd::DraftArgs),
    /// 检查模板文件，或列出内置模板
    Template(template_cmd::TemplateArgs),
    /// 汇总多个报告：逐份校验，列出缺报、重复，按单元格合计并校验合计
    Rollup(rollup_cmd::RollupArgs),
    /// 与上年对比：逐项列出上年、本年和增减，变化较大的标出
    Compare(compare_cmd::CompareArgs),
}

/// A command that could not do its job: the sentence to print (once, here
/// at the top) and the exit code.
#[derive(Debug)]
pub(crate) struct Failure {
    code: u8,
    text: String,
}

impl Failure {
    /// A file that cannot be read or written, or an unusable command line (2).
    pub(crate) fn usage(text: impl Into<String>) -> Failure {
        Failure {
            code: 2,
            text: text.into(),
        }
    }

    /// A refused value, or a check that failed (1).
    pub(crate) fn refused(text: impl Into<String>) -> Failure {
        Failure {
            code: 1,
            text: text.into(),
        }
    }
}

/// What a subcommand returns: its exit code, or why it failed.
pub(crate) type Outcome = Result<ExitCode, Failure>;

/// Entry point of the `nianbao` binary.
pub fn main() -> ExitCode {
    let parsed = command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => return report_usage_error(&e),
    };
    match run(cli) {
        Ok(code) => code,
        Err(failure) => {
            eprintln!("{}", failure.text);
            ExitCode::from(failure.code)
        }
    }
}

fn run(cli: Cli) -> Outcome {
    match cli.command {
        Some(Command::New(args)) => new::run(args),
        Some(Command::Cells(args)) => cells::run(args),
        Some(Command::Get(args)) => edit_cmd::run_get(args),
        Some(Command::Set(args)) => edit_cmd::run_set(args),
        Some(Command::Validate(args)) => validate_cmd::run(args),
        Some(Command::Export(args)) => export_cmd::run(args),
        Some(Command::Import(args)) => import_cmd::run(args),
        Some(Command::Template(args)) => template_cmd::run(args),
        Some(Command::Review(args)) => review_cmd::run(args),
        Some(Command::Draft(args)) => review_cmd::run_draft(args),
        Some(Command::Rollup(args)) => rollup_cmd::run(args),
        Some(Command::Compare(args)) => compare_cmd::run(args),
        None => Ok(open_editor(cli.file)),
    }
}

/// The clap command with Chinese help layout and headings on every subcommand.
pub fn command() -> clap::Command {
    chinese_headings(Cli::command())
}

fn chinese_headings(cmd: clap::Command) -> clap::Command {
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    let cmd = ids.iter().fold(cmd, |c, id| {
        c.mut_arg(id, |a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            a.help_heading(heading)
        })
    });
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    subs.iter()
        .fold(cmd.help_template(HELP_TEMPLATE), |c, name| {
            c.mut_subcommand(name, chinese_headings)
        })
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<PathBuf>) -> ExitCode {
    crate::app::run(file)
}

#[cfg(not(feature = "gui"))]
fn open_editor(file: Option<PathBuf>) -> ExitCode {
    let _ = file;
    eprintln!(
        "此版本未包含编辑窗口（编译时未启用 gui 功能），只能使用命令行。运行 nianbao --help 查看可用命令。 (built without the gui feature)"
    );
    ExitCode::from(2)
}

/// clap's errors are English; say the same in Chinese, keeping the detail.
fn report_usage_error(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            return emit(&chinese_help(e), None).unwrap_or(ExitCode::SUCCESS);
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", chinese_help(e));
            return ExitCode::from(2);
        }
        _ => {}
    }
    let what = match e.kind() {
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => "参数值无效",
        ErrorKind::UnknownArgument => "无法识别的参数",
        ErrorKind::InvalidSubcommand => "没有这个命令",
        ErrorKind::MissingRequiredArgument => "缺少必需的参数",
        ErrorKind::MissingSubcommand => "缺少命令",
        ErrorKind::ArgumentConflict => "参数不能同时使用",
        ErrorKind::TooManyValues | ErrorKind::WrongNumberOfValues => "参数过多",
        ErrorKind::TooFewValues => "参数不足",
        _ => "命令行有误",
    };
    let detail: Vec<String> = [
        ContextKind::InvalidArg,
        ContextKind::InvalidValue,
        ContextKind::InvalidSubcommand,
    ]
    .into_iter()
    .filter_map(|k| e.get(k).map(|v| v.to_string()))
    .filter(|v| !v.is_empty())
    .collect();
    let valid = e
        .get(ContextKind::ValidValue)
        .map(|v| format!("；可选值：{v}"))
        .unwrap_or_default();
    // A value parser's own words (`“13-40”不是日期…`) say what to write instead.
    let reason = std::error::Error::source(e)
        .map(|r| format!("。{r}"))
        .unwrap_or_default();
    eprintln!("错误：{what}：{}{valid}{reason}", detail.join(" "));
    eprintln!("运行 nianbao --help 查看用法。 ({})", e.kind());
    ExitCode::from(2)
}

/// Help text with the one English word clap's usage line insists on.
fn chinese_help(e: &clap::Error) -> String {
    e.render().to_string().replace("[OPTIONS]", "[选项]")
}

/// Load a report and its template, or say why not (exit code 2).
pub(crate) fn load(path: &Path) -> Result<(Document, &'static Template), Failure> {
    let doc = file::load(path)
        .map_err(|e| Failure::usage(format!("错误：无法打开 {}：{e}", path.display())))?;
    // `load` has checked the template id; this cannot fail for a loaded file.
    let template = template::get(&doc.template).ok_or_else(|| {
        Failure::usage(format!(
            "错误：未知的模板“{}” (unknown template)",
            doc.template
        ))
    })?;
    Ok((doc, template))
}

/// Link last year's report from `prev`, if given, for the cross-year checks
/// (a year that is not the one before is allowed, with a notice).
pub(crate) fn link_prev(doc: &mut Document, prev: Option<&Path>) -> Result<(), Failure> {
    let Some(path) = prev else { return Ok(()) };
    let (last, _) = load(path)?;
    note_year_gap(&last, doc);
    crate::document::carry::link_previous(doc, &last);
    if let Some(p) = doc.previous.as_mut() {
        p.source = Some(path.display().to_string());
    }
    Ok(())
}

/// A "last year" file that is not the year before is allowed, with a notice.
pub(crate) fn note_year_gap(last: &Document, this: &Document) {
    if last.meta.year.checked_add(1) != Some(this.meta.year) {
        eprintln!(
            "注意：上年文件的年度为 {}，本报告年度为 {} (previous year mismatch)",
            last.meta.year, this.meta.year
        );
    }
}

/// Refuse to write over a report another editor has open (its lock file is
/// live), naming the holder. `force` is the clerk's `--force`; `None` for a
/// command whose `--force` means something else (`new`), which always refuses.
pub(crate) fn refuse_if_locked(path: &Path, force: Option<bool>) -> Result<(), Failure> {
    match crate::document::lock::live_holder(path) {
        Some(owner) if force != Some(true) => Err(Failure::usage(format!(
            "错误：{}，未写入 {}；请先在那里关闭它{} (locked by pid {})",
            owner.describe(),
            path.display(),
            if force.is_some() {
                "，或加 --force 强行写入"
            } else {
                ""
            },
            owner.pid
        ))),
        _ => Ok(()),
    }
}

/// Save a report, or say why not (exit code 2).
pub(crate) fn save(doc: &Document, path: &Path) -> Result<(), Failure> {
    file::save(doc, path)
        .map_err(|e| Failure::usage(format!("错误：无法保存 {}：{e}", path.display())))
}

/// Write text to `out` (atomically) or to standard output.
pub(crate) fn emit(text: &str, out: Option<&Path>) -> Outcome {
    emit_bytes(text.as_bytes(), out)
}

/// Write `bytes` to `out` (atomically) or to standard output.
pub(crate) fn emit_bytes(bytes: &[u8], out: Option<&Path>) -> Outcome {
    match out {
        Some(path) => file::write_atomic(path, bytes)
            .map(|()| ExitCode::SUCCESS)
            .map_err(|e| Failure::usage(format!("错误：无法写入 {}：{e}", path.display()))),
        None => {
            use std::io::Write;
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a panic.
            let _ = stdout.write_all(bytes).and_then(|()| stdout.flush());
            Ok(ExitCode::SUCCESS)
        }
    }
}
