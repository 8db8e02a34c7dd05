//! How long printing a plan takes, as a person feels it: the example coalition and the large
//! generated one, each rendered several times. Prints the median and the spread of the times,
//! the pages and the size. Run with `cargo bench -p common-ground-core --bench plan`.

use std::time::{Duration, Instant};

use common_ground_core::plan::{self, PlanSettings};
use common_ground_core::{db, example};

const RUNS: usize = 7;

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn bench(name: &str, conn: &rusqlite::Connection, id: &str) {
    let settings = PlanSettings::default();
    // The first run parses the fonts; count it apart, as the app pays it once per start.
    let started = Instant::now();
    let first = plan::render_plan(conn, id, &settings).expect("the plan renders");
    let first_time = started.elapsed();
    let mut times = Vec::with_capacity(RUNS);
    let mut size = first.len();
    for _ in 0..RUNS {
        let started = Instant::now();
        let bytes = plan::render_plan(conn, id, &settings).expect("the plan renders");
        times.push(started.elapsed());
        size = bytes.len();
    }
    let pages = count_pages(&first);
    let (min, max) = (*times.iter().min().unwrap(), *times.iter().max().unwrap());
    println!(
        "{name:<8} {pages:>4} pages  {:>7.1} KB  median {:>7.1} ms  (min {:.1}, max {:.1}; first run {:.1} ms)",
        size as f64 / 1024.0,
        ms(median(times)),
        ms(min),
        ms(max),
        ms(first_time)
    );
}

/// The number of pages in a PDF.
fn count_pages(bytes: &[u8]) -> usize {
    let doc = lopdf::Document::load_mem(bytes).expect("the plan is a PDF");
    doc.get_pages().len()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    let conn = db::open_in_memory().expect("an in-memory database");
    let example = example::create_example_coalition(&conn).expect("the example loads").id;
    let large = plan::large::create_large_coalition(&conn).expect("the large coalition is generated").id;
    println!("plan PDF, {RUNS} runs each after one warm-up");
    bench("example", &conn, &example);
    bench("large", &conn, &large);
}
