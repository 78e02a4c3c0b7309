//! Writes the demo data set (the story in `story.rs`) in the native format to stdout:
//! `cargo run --no-default-features --example gen_demo > public/data/demo.json` (`make demo`).

mod story;

fn main() {
    println!("{}", nines::ingest::native::write(&story::demo_snapshot()));
}
