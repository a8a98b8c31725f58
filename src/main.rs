//! The `bangvang` command line: parses arguments, calls the library, prints in Vietnamese.
//! Exit codes: 0 = done, 1 = problems in the site's files (or writing failed), 2 = wrong usage.

use std::path::PathBuf;
use std::process::ExitCode;

use bangvang::messages::{Msg, tr};
use bangvang::{BuildError, BuildOptions, BuildReport, Diagnostic};
use clap::{Arg, ArgAction, ArgMatches, Command};

/// Rendering allocates many small strings on every core; mimalloc is markedly faster at that
/// than the system allocator (see the benchmark in the README).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn template() -> String {
    format!(
        "{{about}}\n\n{}: {{usage}}\n\n{{all-args}}",
        tr(Msg::CliUsageHeading, &[])
    )
}

fn usage(rest: &str) -> String {
    let opts = tr(Msg::CliOptionsName, &[]);
    format!("bangvang [{opts}] {rest}").trim_end().to_string()
}

fn help_arg() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(tr(Msg::CliHelpFlag, &[]))
        .global(true)
}

fn build_args(cmd: Command) -> Command {
    cmd.arg(
        Arg::new("offline")
            .long("offline")
            .action(ArgAction::SetTrue)
            .help(tr(Msg::CliOffline, &[])),
    )
    .arg(
        Arg::new("drafts")
            .long("drafts")
            .action(ArgAction::SetTrue)
            .help(tr(Msg::CliDrafts, &[])),
    )
    .arg(
        Arg::new("output")
            .short('o')
            .long("output")
            .value_name(tr(Msg::CliDirName, &[]))
            .value_parser(clap::value_parser!(PathBuf))
            .help(tr(Msg::CliOutput, &[])),
    )
}

fn command() -> Command {
    let sub = |name: &'static str, about: Msg, args: &str| {
        Command::new(name)
            .about(tr(about, &[]))
            .help_template(template())
            .override_usage(usage(&format!("{name} {args}")))
            .next_help_heading(tr(Msg::CliHeadingOptions, &[]))
            .disable_help_flag(true)
    };
    Command::new("bangvang")
        .about(tr(Msg::CliAbout, &[]))
        .version(env!("CARGO_PKG_VERSION"))
        .help_template(template())
        .override_usage(usage(&format!("<{}>", tr(Msg::CliCommandName, &[]))))
        .next_help_heading(tr(Msg::CliHeadingOptions, &[]))
        .subcommand_help_heading(tr(Msg::CliHeadingCommands, &[]))
        .subcommand_value_name(tr(Msg::CliCommandName, &[]))
        .disable_help_flag(true)
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .subcommand_required(true)
        .arg(help_arg())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(tr(Msg::CliVersionFlag, &[])),
        )
        .arg(
            Arg::new("root")
                .short('C')
                .long("root")
                .global(true)
                .value_name(tr(Msg::CliDirName, &[]))
                .value_parser(clap::value_parser!(PathBuf))
                .help(tr(Msg::CliRoot, &[])),
        )
        .subcommand(
            sub(
                "init",
                Msg::CliInit,
                &format!("<{}>", tr(Msg::CliDirName, &[])),
            )
            .arg(
                Arg::new("dir")
                    .required(true)
                    .value_name(tr(Msg::CliDirName, &[]))
                    .value_parser(clap::value_parser!(PathBuf))
                    .help(tr(Msg::CliInitDir, &[])),
            ),
        )
        .subcommand(
            sub("check", Msg::CliCheck, "").arg(
                Arg::new("drafts")
                    .long("drafts")
                    .action(ArgAction::SetTrue)
                    .help(tr(Msg::CliDrafts, &[])),
            ),
        )
        .subcommand(build_args(sub("build", Msg::CliBuild, "")))
        .subcommand(
            sub("clean", Msg::CliClean, "").arg(
                Arg::new("all")
                    .long("all")
                    .action(ArgAction::SetTrue)
                    .help(tr(Msg::CliCleanAll, &[])),
            ),
        )
}

fn main() -> ExitCode {
    let matches = match command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(&e),
    };
    let root = matches
        .get_one::<PathBuf>("root")
        .cloned()
        .unwrap_or_else(|| PathBuf::from("."));
    match matches.subcommand() {
        Some(("init", m)) => init(m),
        Some(("check", m)) => check(root, m),
        Some(("build", m)) => build(root, m),
        Some(("clean", m)) => clean(root, m),
        _ => ExitCode::from(2),
    }
}

/// Prints clap's help and version as they are (our texts); turns its errors into Vietnamese.
fn usage_error(e: &clap::Error) -> ExitCode {
    use clap::error::{ContextKind, ErrorKind};
    match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let what = e
        .get(ContextKind::InvalidArg)
        .or_else(|| e.get(ContextKind::InvalidSubcommand))
        .map(ToString::to_string)
        .unwrap_or_default();
    let msg = match e.kind() {
        ErrorKind::InvalidSubcommand => tr(Msg::CliUnknownCommand, &[("name", &what)]),
        ErrorKind::UnknownArgument => tr(Msg::CliUnknownArg, &[("name", &what)]),
        ErrorKind::MissingRequiredArgument | ErrorKind::MissingSubcommand => {
            tr(Msg::CliMissingArg, &[("name", &what)])
        }
        _ => tr(Msg::CliBadUsage, &[("name", &what)]),
    };
    eprintln!(
        "{}: {msg}\n{}",
        tr(Msg::LabelError, &[]),
        tr(Msg::CliSeeHelp, &[])
    );
    ExitCode::from(2)
}

fn init(m: &ArgMatches) -> ExitCode {
    let Some(dir) = m.get_one::<PathBuf>("dir") else {
        return ExitCode::from(2);
    };
    match bangvang::scaffold::init(dir) {
        Ok(files) => {
            let d = dir.display().to_string();
            println!(
                "{}",
                tr(Msg::InitDone, &[("dir", &d), ("count", &files.len())])
            );
            ExitCode::SUCCESS
        }
        Err(bangvang::scaffold::InitError::NotEmpty(p)) => {
            eprintln!(
                "{}: {}",
                tr(Msg::LabelError, &[]),
                tr(Msg::InitNotEmpty, &[("dir", &p.display())])
            );
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("{}: {e}", tr(Msg::LabelError, &[]));
            ExitCode::from(1)
        }
    }
}

fn flag(m: &ArgMatches, name: &str) -> bool {
    m.try_get_one::<bool>(name)
        .ok()
        .flatten()
        .copied()
        .unwrap_or(false)
}

fn options(root: PathBuf, m: &ArgMatches) -> BuildOptions {
    BuildOptions {
        root,
        output: m.try_get_one::<PathBuf>("output").ok().flatten().cloned(),
        offline: flag(m, "offline"),
        drafts: flag(m, "drafts"),
        progress: true,
    }
}

fn clean(root: PathBuf, m: &ArgMatches) -> ExitCode {
    match bangvang::clean(&BuildOptions::new(root), flag(m, "all")) {
        Ok(r) => {
            let dir = r.dir.display().to_string();
            let mb = format!("{:.1}", r.bytes as f64 / 1e6).replace('.', ",");
            let args: [(&str, &dyn std::fmt::Display); 4] = [
                ("dir", &dir),
                ("removed", &r.removed),
                ("mb", &mb),
                ("kept", &r.kept),
            ];
            println!("{}", tr(Msg::CleanDone, &args));
            ExitCode::SUCCESS
        }
        Err(e) => finish(Err(e), Msg::CleanDone),
    }
}

fn check(root: PathBuf, m: &ArgMatches) -> ExitCode {
    finish(bangvang::check(&options(root, m)), Msg::CheckDone)
}

fn build(root: PathBuf, m: &ArgMatches) -> ExitCode {
    finish(bangvang::build(&options(root, m)), Msg::BuildDone)
}

fn print_all(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

fn finish(result: Result<BuildReport, BuildError>, done: Msg) -> ExitCode {
    match result {
        Ok(r) => {
            print_all(&r.warnings);
            let secs = format!("{:.2}", r.elapsed.as_secs_f64()).replace('.', ",");
            let out = r.output.display().to_string();
            let args: [(&str, &dyn std::fmt::Display); 6] = [
                ("entries", &r.entries),
                ("pages", &r.pages),
                ("files", &r.files),
                ("photos", &r.photos),
                ("dir", &out),
                ("secs", &secs),
            ];
            println!("{}", tr(done, &args));
            if r.photos > 0 {
                let m = r.media;
                let args: [(&str, &dyn std::fmt::Display); 4] = [
                    ("photos", &m.photos),
                    ("variants", &m.variants),
                    ("decoded", &m.decoded),
                    ("reused", &m.reused),
                ];
                println!("{}", tr(Msg::BuildPhotos, &args));
            }
            ExitCode::SUCCESS
        }
        Err(BuildError::Problems(diags)) => {
            print_all(&diags);
            let errors = diags.iter().filter(|d| d.is_error()).count();
            let warnings = diags.len() - errors;
            eprintln!(
                "{}",
                tr(
                    Msg::BuildFailed,
                    &[("errors", &errors), ("warnings", &warnings)]
                )
            );
            ExitCode::from(1)
        }
        Err(BuildError::Write(e)) => {
            let path = e.path.display().to_string();
            eprintln!(
                "{}: {}",
                tr(Msg::LabelError, &[]),
                tr(Msg::OutputFailed, &[("path", &path), ("detail", &e.source)])
            );
            ExitCode::from(1)
        }
    }
}
