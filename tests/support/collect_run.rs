//! Running `nines collect` in a test: a scratch folder, a config, the run, and what it wrote.
#![allow(dead_code)] // each test uses part of it

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use nines::history::layout;
use nines::ingest::native;
use nines::model::format::format_rfc3339;
use nines::model::Snapshot;

/// A fresh, empty folder for test `name`, removed when the test is done with it (kept when the
/// test fails, to look at).
pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("nines-collect-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    Scratch(dir)
}

/// A test's scratch folder; see [`scratch`].
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if !std::thread::panicking() {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

/// Writes `config` (the JSON of a dashboard config) next to the output folder.
pub fn config(dir: &Path, config: &serde_json::Value) -> PathBuf {
    let path = dir.join("config.json");
    std::fs::write(&path, config.to_string()).unwrap();
    path
}

/// Runs `nines collect` at `now_ms` with `extra` arguments and environment variables `env`.
pub fn collect(config: &Path, out: &Path, now_ms: i64, extra: &[&str], env: &[(&str, &str)]) -> Output {
    let now = format_rfc3339(now_ms);
    let mut args =
        vec!["collect", "--config", config.to_str().unwrap(), "--out", out.to_str().unwrap(), "--now", &now];
    args.extend_from_slice(extra);
    let mut command = Command::new(env!("CARGO_BIN_EXE_nines"));
    command.args(&args);
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("nines runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every shard of `out`, joined, read as the page would read them.
pub fn history(out: &Path) -> Snapshot {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(out.join("history"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    layout::join(
        paths
            .iter()
            .map(|p| native::parse(&std::fs::read_to_string(p).unwrap()).expect("shard reads").snapshot),
    )
}

/// Every file under `out` with its bytes, to compare runs.
pub fn files(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut found = Vec::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if !path.ends_with("config.json") && !path.ends_with(".lock") {
                found.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    found.sort();
    found
}
