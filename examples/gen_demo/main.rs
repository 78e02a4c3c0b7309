//! Writes the demo data set: `cargo run --example gen_demo > public/data/demo.json`.
//! With `--collected DIR`, writes it as a collected folder instead (`DIR/index.json` and the
//! monthly shards in `DIR/history/`), as `nines collect` lays out a history: the end-to-end
//! tests open it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

#[path = "../../tests/support/collected_folder.rs"]
mod collected_folder;
mod story;

use nines::ingest::native;

fn main() -> std::process::ExitCode {
    let demo = story::demo_snapshot();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => println!("{}", native::write(&demo)),
        [flag, dir] if flag == "--collected" => {
            if let Err(message) = collected_folder::write_collected(&demo, std::path::Path::new(dir)) {
                eprintln!("gen_demo: {message}");
                return std::process::ExitCode::FAILURE;
            }
        }
        _ => {
            eprintln!("usage: gen_demo [--collected DIR]");
            return std::process::ExitCode::from(2);
        }
    }
    std::process::ExitCode::SUCCESS
}
