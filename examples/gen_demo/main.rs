//! Writes the demo data set: `cargo run --example gen_demo > public/data/demo.json`.
//! With `--collected DIR`, writes it as a collected folder instead (`DIR/index.json` and the
//! monthly shards in `DIR/history/`), as `nines collect` lays out a history: the end-to-end
//! tests open it.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a developer tool: a panic stops the run

mod story;

use nines::analysis::Weights;
use nines::history::layout;
use nines::ingest::native;

fn main() -> std::process::ExitCode {
    let demo = story::demo_snapshot();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [] => println!("{}", native::write(&demo)),
        [flag, dir] if flag == "--collected" => {
            if let Err(message) = write_collected(&demo, std::path::Path::new(dir)) {
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

fn write_collected(demo: &nines::model::Snapshot, dir: &std::path::Path) -> Result<(), String> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let shards = layout::shards(demo);
    let months: Vec<String> = shards.iter().map(|(m, _)| m.clone()).collect();
    for (month, shard) in &shards {
        write(&format!("history/{month}.json"), &native::write(shard))?;
    }
    let index = layout::index(demo, months.clone(), &Weights::STRICT);
    let mut value: serde_json::Value =
        serde_json::from_str(&native::write(&index.snapshot)).map_err(|e| format!("index: {e}"))?;
    if let Some(object) = value.as_object_mut() {
        object.insert("collected".into(), serde_json::json!({ "months": months }));
    }
    write("index.json", &value.to_string())
}
