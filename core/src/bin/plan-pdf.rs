//! Prints a coalition's plan to a PDF file without the app, for checking layout by eye, load
//! tests and support:
//!
//! ```text
//! plan-pdf --example OUT.pdf                 the example coalition (in a temporary database)
//! plan-pdf --large OUT.pdf                   a generated coalition with every worksheet answered at length
//! plan-pdf --db FILE --coalition ID OUT.pdf  a coalition from a Common Ground data file
//! ```
//!
//! Options: `--leave-out-unanswered`, `--leave-out-private`. Prints how long it took, the pages
//! and the size.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use common_ground_core::pdf::{self, Theme};
use common_ground_core::plan::{self, PlanSettings};
use common_ground_core::{db, example, worksheets};

const USAGE: &str = "usage: plan-pdf (--example | --large | --db FILE --coalition ID) [--leave-out-unanswered] [--leave-out-private] OUT.pdf";

enum Source {
    Example,
    Large,
    Database { file: PathBuf, coalition: String },
}

fn parse(args: &[String]) -> Result<(Source, PlanSettings, PathBuf), String> {
    let mut source = None;
    let mut db_file = None;
    let mut coalition = None;
    let mut settings = PlanSettings::default();
    let mut out = None;
    let mut i = 0;
    while i < args.len() {
        let arg = args[i].as_str();
        let mut value = || {
            i += 1;
            args.get(i).cloned().ok_or_else(|| format!("{arg} needs a value"))
        };
        match arg {
            "--example" => source = Some(Source::Example),
            "--large" => source = Some(Source::Large),
            "--db" => db_file = Some(PathBuf::from(value()?)),
            "--coalition" => coalition = Some(value()?),
            "--leave-out-unanswered" => settings.leave_out_unanswered = true,
            "--leave-out-private" => settings.leave_out_private = true,
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => out = Some(PathBuf::from(other)),
        }
        i += 1;
    }
    let source = match (source, db_file, coalition) {
        (Some(s), None, None) => s,
        (None, Some(file), Some(coalition)) => Source::Database { file, coalition },
        _ => return Err("choose --example, --large, or --db with --coalition".into()),
    };
    Ok((source, settings, out.ok_or("the output file is missing")?))
}

fn run(source: Source, settings: &PlanSettings, out: &Path) -> common_ground_core::Result<()> {
    let started = Instant::now();
    let (conn, id) = match source {
        Source::Example => {
            let conn = db::open_in_memory()?;
            let id = example::create_example_coalition(&conn)?.id;
            (conn, id)
        }
        Source::Large => {
            let conn = db::open_in_memory()?;
            let id = plan::large::create_large_coalition(&conn)?.id;
            (conn, id)
        }
        Source::Database { file, coalition } => (db::open(&file)?, coalition),
    };
    let loaded = started.elapsed();

    let started = Instant::now();
    let doc = plan::build_plan(&conn, worksheets::catalog(), &id, settings, &plan::today())?;
    let built = started.elapsed();
    let theme = Theme::default();
    let started = Instant::now();
    let layout = pdf::lay_out(&doc, &theme);
    let laid_out = started.elapsed();
    let started = Instant::now();
    let rendered = pdf::render(&doc, &layout, &theme)?;
    let drawn = started.elapsed();
    plan::write_plan_file(&rendered.bytes, out)?;

    println!("wrote {}", out.display());
    println!(
        "{} pages, {:.1} KB; data {:.0} ms, plan {:.0} ms, layout {:.0} ms, PDF {:.0} ms, total {:.0} ms",
        rendered.pages,
        rendered.bytes.len() as f64 / 1024.0,
        ms(loaded),
        ms(built),
        ms(laid_out),
        ms(drawn),
        ms(built + laid_out + drawn)
    );
    if rendered.missing_glyphs > 0 {
        println!("{} characters the font lacks were printed as {}", rendered.missing_glyphs, pdf::PLACEHOLDER);
    }
    Ok(())
}

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (source, settings, out) = match parse(&args) {
        Ok(parsed) => parsed,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("plan-pdf: {message}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(source, &settings, &out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("plan-pdf: {err}");
            ExitCode::FAILURE
        }
    }
}
