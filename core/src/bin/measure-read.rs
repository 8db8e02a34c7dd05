//! How much memory reading a hostile 50 MB `.coalition` file takes. Writes the worst files we
//! can think of (each as close to the size limit as it can be), then reads and checks each one
//! through the app's own entry point, [`exchange::read_exchange_file_at`], in a fresh process of
//! its own, and prints that process's peak resident memory (Linux: `VmHWM`).
//!
//! ```text
//! cargo run --release -p common-ground-core --bin measure-read
//! ```
//!
//! Each case runs as `measure-read --read FILE` in a child process, so one case's peak is not
//! hidden behind another's.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

use common_ground_core::exchange::{self, MAX_FILE_BYTES, MAX_RECORDS};
use common_ground_core::model::{CoalitionFields, Record};
use common_ground_core::store::{coalitions, new_id, records};
use common_ground_core::{db, time};
use serde_json::json;

/// The start every crafted file shares, so it reaches the counting pass and the full reader
/// (a file that does not claim to be ours is turned away before either).
const HEADER: &str = r#"{"format": "common-ground-coalition", "version": 1, "extra": "#;

/// Values the counting pass lets through, less a little room for the header (see
/// `exchange::limits`): about what a file at every limit could hold.
fn values_budget() -> usize {
    exchange::count_bounds().values - 100
}

/// Objects it lets through, less a little room.
fn objects_budget() -> usize {
    exchange::count_bounds().objects - 10
}

struct Case {
    name: &'static str,
    what: &'static str,
    write: fn(&mut dyn Write) -> std::io::Result<()>,
}

fn cases() -> Vec<Case> {
    vec![
        Case { name: "zeros", what: "one list of 25 million zeros: `[0,0,0,…]`", write: |out| {
            fill_list(out, "0", MAX_FILE_BYTES)
        } },
        Case { name: "zeros-under-the-list-limit", what: "lists of 99,999 zeros each, to the end of the file", write: |out| {
            write!(out, "[")?;
            let list = format!("[{}0]", "0,".repeat(MAX_RECORDS - 2));
            let mut written = HEADER.len() + 1;
            while written + list.len() + 3 < MAX_FILE_BYTES {
                write!(out, "{list},")?;
                written += list.len() + 1;
            }
            write!(out, "0]")
        } },
        Case { name: "zeros-under-the-value-limit", what: "as many zeros as the counting pass lets through, then spaces", write: |out| {
            write!(out, "[")?;
            let list = format!("[{}0]", "0,".repeat(MAX_RECORDS - 2));
            let lists = values_budget() / (MAX_RECORDS + 1);
            for _ in 0..lists {
                write!(out, "{list},")?;
            }
            write!(out, "0]")?;
            pad(out, HEADER.len() + lists * (list.len() + 1) + 3)
        } },
        Case { name: "nested-16-deep", what: "lists nested as deep as allowed, repeated up to the value limit", write: |out| {
            // The file's object, the outer list and a list of units are three levels already;
            // the units come in lists shorter than the list limit.
            let depth = 13;
            let unit = format!("{}0{}", "[".repeat(depth), "]".repeat(depth));
            let units = values_budget() / (depth + 1) - values_budget() / (depth + 1) / (MAX_RECORDS - 1) - 10;
            let mut written = HEADER.len() + 3;
            write!(out, "[[")?;
            for i in 0..units {
                let separator = if i == 0 { "" } else if i % (MAX_RECORDS - 1) == 0 { "],[" } else { "," };
                write!(out, "{separator}{unit}")?;
                written += separator.len() + unit.len();
            }
            write!(out, "]]")?;
            pad(out, written + 1)
        } },
        Case { name: "one-key-objects", what: "240,000 objects of one key each (a map node each), then one-letter texts to the value limit", write: |out| {
            write!(out, "[")?;
            let objects = objects_budget() - 1;
            // Each object is itself, its key and its value: three values.
            let texts = values_budget() - objects * 3 - 1000;
            let mut written = HEADER.len() + 1;
            written += write_items(out, &|i| format!("{{\"{}\":0}}", (b'a' + (i % 26) as u8) as char), objects)?;
            write!(out, ",")?;
            written += 1 + write_items(out, &|_| "\"a\"".to_string(), texts)?;
            write!(out, "]")?;
            pad(out, written + 1)
        } },
        Case { name: "short-texts", what: "one-letter texts up to the value limit (each one its own allocation)", write: |out| {
            let written = HEADER.len() + write_items(out, &|_| "\"a\"".to_string(), values_budget() - 1000)?;
            pad(out, written)
        } },
        Case { name: "one-huge-text", what: "one text of almost 50 MB", write: |out| {
            write!(out, "\"")?;
            let room = MAX_FILE_BYTES - HEADER.len() - 3;
            let chunk = "x".repeat(1 << 20);
            let mut left = room;
            while left > 0 {
                let n = left.min(chunk.len());
                out.write_all(&chunk.as_bytes()[..n])?;
                left -= n;
            }
            write!(out, "\"")
        } },
        Case { name: "escaped-text", what: "one text of almost 50 MB written as \\u escapes", write: |out| {
            write!(out, "\"")?;
            let units = (MAX_FILE_BYTES - HEADER.len() - 3) / 6;
            let chunk = "\\u00e9".repeat(1 << 16);
            let mut left = units;
            while left > 0 {
                let n = left.min(1 << 16);
                out.write_all(&chunk.as_bytes()[..n * 6])?;
                left -= n;
            }
            write!(out, "\"")
        } },
    ]
}

fn fill_list(out: &mut dyn Write, item: &str, size: usize) -> std::io::Result<()> {
    write!(out, "[")?;
    let each = format!("{item},");
    let count = (size - HEADER.len() - 5) / each.len();
    let chunk = each.repeat(4096);
    let mut left = count;
    while left > 0 {
        let n = left.min(4096);
        out.write_all(&chunk.as_bytes()[..n * each.len()])?;
        left -= n;
    }
    write!(out, "{item}]")
}

/// `count` items as a list of lists, each list just under the list limit; returns the bytes.
fn write_items(out: &mut dyn Write, item: &dyn Fn(usize) -> String, count: usize) -> std::io::Result<usize> {
    let mut written = 1;
    write!(out, "[")?;
    for i in 0..count {
        let text = item(i);
        let separator = if i == 0 { "[" } else if i % (MAX_RECORDS - 1) == 0 { "],[" } else { "," };
        write!(out, "{separator}{text}")?;
        written += separator.len() + text.len();
    }
    write!(out, "]]")?;
    Ok(written + 2)
}

/// Spaces up to the size limit, then the closing brace: the file is exactly as big as allowed.
fn pad(out: &mut dyn Write, written: usize) -> std::io::Result<()> {
    let spaces = MAX_FILE_BYTES.saturating_sub(written + 1);
    let chunk = vec![b' '; 1 << 20];
    let mut left = spaces;
    while left > 0 {
        let n = left.min(chunk.len());
        out.write_all(&chunk[..n])?;
        left -= n;
    }
    Ok(())
}

fn write_crafted(path: &Path, case: &Case) -> std::io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    out.write_all(HEADER.as_bytes())?;
    (case.write)(&mut out)?;
    out.write_all(b"}")?;
    out.flush()
}

/// A real file, as the app writes it, with as many items as a file may hold: the item limit, or
/// as many as fit under the size limit when that comes first. Returns (items, bytes).
fn write_valid_at_the_limit(path: &Path) -> common_ground_core::Result<(usize, usize)> {
    let size = write_valid(path, MAX_RECORDS)?;
    if size <= MAX_FILE_BYTES {
        return Ok((MAX_RECORDS, size));
    }
    // Every item takes about the same room: scale down, with a little to spare.
    let items = (MAX_RECORDS as f64 * MAX_FILE_BYTES as f64 / size as f64 * 0.98) as usize;
    Ok((items, write_valid(path, items)?))
}

fn write_valid(path: &Path, items: usize) -> common_ground_core::Result<usize> {
    let mut conn = db::open_in_memory()?;
    let coalition = coalitions::create_coalition(&conn, &CoalitionFields { name: "Every Limit Coalition".into(), ..Default::default() })?;
    let tx = conn.transaction()?;
    let now = time::now();
    for position in 0..items {
        let data = json!({"what": format!("Resource {position}"), "kind": "space", "from": "The library"});
        records::put_record_row(
            &tx,
            &Record {
                id: new_id(),
                coalition_id: coalition.id.clone(),
                kind: "resource".into(),
                position: position as i64,
                data: data.as_object().expect("an object").clone(),
                created_at: now.clone(),
                updated_at: now.clone(),
                deleted_at: None,
            },
        )?;
    }
    tx.commit()?;
    let file = exchange::export_coalition(&conn, &coalition.id, &Default::default())?;
    let bytes = exchange::to_json_bytes(&file);
    std::fs::write(path, &bytes).map_err(|e| common_ground_core::Error::io("Could not write the file", e))?;
    Ok(bytes.len())
}

/// This process's resident memory: (now, peak), in KiB.
fn memory_kib() -> Option<(u64, u64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| {
        status.lines().find_map(|line| line.strip_prefix(name)?.trim().strip_suffix("kB")?.trim().parse::<u64>().ok())
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// The child's side: read one file, report one line.
fn read_one(path: &Path) -> ExitCode {
    let Some((before, _)) = memory_kib() else {
        eprintln!("measure-read needs /proc/self/status (Linux)");
        return ExitCode::FAILURE;
    };
    let started = Instant::now();
    let outcome = exchange::read_exchange_file_at(path);
    let took = started.elapsed();
    let (_, peak) = memory_kib().expect("read just before");
    let outcome = match outcome {
        Ok(file) => format!("accepted ({} items)", file.tables.records.len()),
        Err(err) => {
            let text = err.to_string();
            let short: String = text.chars().take(70).collect();
            format!("refused: {short}…")
        }
    };
    println!("{}\t{}\t{:.0}\t{}", before, peak, took.as_secs_f64() * 1000.0, outcome);
    ExitCode::SUCCESS
}

fn run_child(path: &Path) -> String {
    let output = Command::new(std::env::current_exe().expect("this program's path"))
        .arg("--read")
        .arg(path)
        .output()
        .expect("the child runs");
    if !output.status.success() {
        return format!("the reading process failed ({}): {}", output.status, String::from_utf8_lossy(&output.stderr));
    }
    let line = String::from_utf8_lossy(&output.stdout).trim().to_string();
    let parts: Vec<&str> = line.splitn(4, '\t').collect();
    match parts.as_slice() {
        [before, peak, ms, outcome] => {
            let mib = |kib: &str| kib.parse::<f64>().unwrap_or(0.0) / 1024.0;
            format!("{:>7.1} MiB | {:>7.1} MiB | {:>6} ms | {}", mib(peak), mib(peak) - mib(before), ms, outcome)
        }
        _ => format!("unexpected output: {line}"),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [flag, path] = args.as_slice() {
        if flag == "--read" {
            return read_one(Path::new(path));
        }
    }
    if !args.is_empty() {
        eprintln!("usage: measure-read          (writes each case to a temporary folder and measures it)");
        return ExitCode::FAILURE;
    }

    let dir: PathBuf = std::env::temp_dir().join(format!("measure-read-{}", new_id()));
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    println!("| case | size | peak RSS | above start | read and check | outcome |");
    println!("| --- | --- | --- | --- | --- | --- |");
    let valid = dir.join("valid.coalition");
    let (items, size) = write_valid_at_the_limit(&valid).expect("the valid file is written");
    println!(
        "| valid file with {items} items (the most a file may hold, by count or by size) | {:.1} MB | {} |",
        size as f64 / 1e6,
        run_child(&valid)
    );
    std::fs::remove_file(&valid).ok();
    for case in cases() {
        let path = dir.join(format!("{}.coalition", case.name));
        write_crafted(&path, &case).expect("the case is written");
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        println!("| {}: {} | {:.1} MB | {} |", case.name, case.what, size as f64 / 1e6, run_child(&path));
        std::fs::remove_file(&path).ok();
    }
    std::fs::remove_dir_all(&dir).ok();
    ExitCode::SUCCESS
}
