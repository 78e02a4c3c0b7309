//! A history written as `nines collect` lays it out (`DIR/index.json` with its `collected`
//! months, and the monthly shards in `DIR/history/`), for the tools that make collected folders
//! without collecting: `gen_demo --collected DIR` and `bench_history --write DIR`.

use std::path::Path;

use nines::analysis::Weights;
use nines::history::layout;
use nines::ingest::native;
use nines::model::Snapshot;

/// Writes `history` into `dir` as a collected folder.
pub fn write_collected(history: &Snapshot, dir: &Path) -> Result<(), String> {
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap_or(dir))
            .and_then(|()| std::fs::write(&path, text))
            .map_err(|e| format!("{}: {e}", path.display()))
    };
    let shards = layout::shards(history);
    let months: Vec<String> = shards.iter().map(|(m, _)| m.clone()).collect();
    for (month, shard) in &shards {
        write(&format!("history/{month}.json"), &native::write(shard))?;
    }
    let index = layout::index(history, months.clone(), &Weights::STRICT);
    let mut value: serde_json::Value =
        serde_json::from_str(&native::write(&index.snapshot)).map_err(|e| format!("index: {e}"))?;
    if let Some(object) = value.as_object_mut() {
        object.insert("collected".into(), serde_json::json!({ "months": months }));
    }
    write("index.json", &value.to_string())
}
