//! Writes the demo data set (the story in `story.rs`) in the native format to stdout:
//! `cargo run --no-default-features --example gen_demo > public/data/demo.json` (`make demo`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

mod story;

fn main() {
    println!("{}", nines::ingest::native::write(&story::demo_snapshot()));
}
