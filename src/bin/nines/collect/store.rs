//! The collected folder on disk: the lock, atomic writes, reading the history back, moving a
//! corrupt file aside, and the collector's state (`state.json`: validators and observed coverage
//! per source; never a credential).
//!
//! Layout: `index.json` (what the page reads first), `history/YYYY-MM.json` (monthly shards, Nines
//! format), `state.json`, `.lock`; and what is published from them (`output`): `incidents.atom`,
//! `badges/*.svg`, `reports/YYYY-MM.csv` and `.md`.

use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use nines::history::layout;
use nines::ingest::native;
use nines::model::format::format_rfc3339;
use nines::model::{parse_rfc3339_ms, Coverage, Snapshot, Span, TimeMs};
use serde::{Deserialize, Serialize};

pub const INDEX: &str = "index.json";
pub const STATE: &str = "state.json";
pub const HISTORY: &str = "history";
pub const BADGES: &str = "badges";
pub const REPORTS: &str = "reports";

/// Holds the folder's lock while alive (released when dropped or when the process ends).
pub struct Lock {
    _file: File,
}

/// Takes the folder's lock, creating the folder; fails at once if another run holds it.
pub fn lock(dir: &Path) -> Result<Lock, String> {
    fs::create_dir_all(dir.join(HISTORY)).map_err(|e| format!("{}: cannot create: {e}", dir.display()))?;
    let path = dir.join(".lock");
    let file = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| format!("{}: cannot open: {e}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(Lock { _file: file }),
        Err(fs::TryLockError::WouldBlock) => {
            Err(format!("{}: another nines collect is writing this folder; try again later", dir.display()))
        }
        Err(fs::TryLockError::Error(e)) => Err(format!("{}: cannot lock: {e}", path.display())),
    }
}

/// What writing one file did.
pub enum Written {
    Unchanged,
    Written { bytes: usize },
}

/// Writes `bytes` to `path` through a temporary file and a rename, unless the file already holds
/// them. A previous file that is not valid JSON is first moved aside (see [`move_aside`]).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    now_ms: TimeMs,
    notes: &mut Vec<String>,
) -> Result<Written, String> {
    if let Ok(existing) = fs::read(path) {
        if existing == bytes {
            return Ok(Written::Unchanged);
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(&existing).is_err() {
            notes.push(move_aside(path, now_ms, "not valid JSON")?);
        }
    }
    replace(path, bytes)
}

/// Writes `bytes` to `path` like [`write_atomic`], for files that are not JSON (the feed, the
/// badges, the reports): nothing is moved aside, since any previous content is simply replaced.
pub fn write_atomic_text(path: &Path, bytes: &[u8]) -> Result<Written, String> {
    if fs::read(path).is_ok_and(|existing| existing == bytes) {
        return Ok(Written::Unchanged);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| format!("{}: cannot create: {e}", parent.display()))?;
    }
    replace(path, bytes)
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place.
fn replace(path: &Path, bytes: &[u8]) -> Result<Written, String> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let tmp = path.with_file_name(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| -> std::io::Result<()> {
        let mut file = File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(format!("{}: cannot write: {e}", path.display()));
    }
    Ok(Written::Written { bytes: bytes.len() })
}

/// Renames a corrupt `path` to `path.corrupt-<time>` and says so.
pub fn move_aside(path: &Path, now_ms: TimeMs, why: &str) -> Result<String, String> {
    let stamp = format_rfc3339(now_ms).replace(':', "");
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let aside = path.with_file_name(format!("{name}.corrupt-{stamp}"));
    fs::rename(path, &aside).map_err(|e| format!("{}: cannot move aside: {e}", path.display()))?;
    Ok(format!("{}: {why}; moved aside to {}", path.display(), aside.display()))
}

/// The shard files of `dir`, oldest first.
pub fn shard_paths(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir.join(HISTORY))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && p.file_stem().and_then(|s| s.to_str()).is_some_and(|s| s.len() == 7 && !s.starts_with('.'))
        })
        .collect();
    paths.sort();
    paths
}

/// Reads every shard of `dir` into one history. A shard that cannot be read is an error; with
/// `aside_at` (the collector) it is moved aside instead, with a note, and the rest is read.
pub fn read_history(
    dir: &Path,
    aside_at: Option<TimeMs>,
    notes: &mut Vec<String>,
) -> Result<Snapshot, String> {
    let mut parts = Vec::new();
    for path in shard_paths(dir) {
        let parsed = fs::read_to_string(&path)
            .map_err(|e| e.to_string())
            .and_then(|text| native::parse(&text).map_err(|e| e.to_string()));
        match (parsed, aside_at) {
            (Ok(parsed), _) => parts.push(parsed.snapshot),
            (Err(message), Some(now_ms)) => notes.push(move_aside(&path, now_ms, &message)?),
            (Err(message), None) => return Err(format!("{}: {message}", path.display())),
        }
    }
    Ok(layout::join(parts))
}

/// Whether `dir` looks like a collected folder.
pub fn is_collected(dir: &Path) -> bool {
    dir.join(HISTORY).is_dir() || dir.join(INDEX).is_file()
}

/// The collector's memory between runs.
#[derive(Serialize, Deserialize, Default, Clone, PartialEq)]
pub struct State {
    pub format: String,
    pub version: u32,
    #[serde(default)]
    pub sources: BTreeMap<String, SourceState>,
}

#[derive(Serialize, Deserialize, Default, Clone, PartialEq)]
pub struct SourceState {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The URL the validators belong to.
    #[serde(default)]
    pub url: String,
    /// The spans this collector observed the source over.
    #[serde(default)]
    pub coverage: Vec<WireSpan>,
    /// The ids of the services the source listed when it was last read (a 304 lists the same).
    #[serde(default)]
    pub services: Vec<String>,
}

#[derive(Serialize, Deserialize, Clone, PartialEq)]
pub struct WireSpan {
    pub start: String,
    pub end: String,
}

impl SourceState {
    pub fn coverage(&self) -> Coverage {
        Coverage::new(
            self.coverage
                .iter()
                .filter_map(|s| Some(Span::new(parse_rfc3339_ms(&s.start)?, parse_rfc3339_ms(&s.end)?)))
                .collect(),
        )
    }

    pub fn set_coverage(&mut self, coverage: &Coverage) {
        self.coverage = coverage
            .spans()
            .iter()
            .map(|s| WireSpan { start: format_rfc3339(s.start_ms), end: format_rfc3339(s.end_ms) })
            .collect();
    }
}

pub const STATE_FORMAT: &str = "nines-collect-state";

/// The state in `dir`; a corrupt one is moved aside (the next run then asks unconditionally).
pub fn read_state(dir: &Path, now_ms: TimeMs, notes: &mut Vec<String>) -> Result<State, String> {
    let path = dir.join(STATE);
    let Ok(text) = fs::read_to_string(&path) else {
        return Ok(State { format: STATE_FORMAT.into(), version: 1, ..State::default() });
    };
    match serde_json::from_str::<State>(&text) {
        Ok(state) if state.format == STATE_FORMAT && state.version == 1 => Ok(state),
        Ok(_) => {
            notes.push(move_aside(&path, now_ms, "not a version-1 collector state")?);
            Ok(State { format: STATE_FORMAT.into(), version: 1, ..State::default() })
        }
        Err(e) => {
            notes.push(move_aside(&path, now_ms, &format!("not valid: {e}"))?);
            Ok(State { format: STATE_FORMAT.into(), version: 1, ..State::default() })
        }
    }
}
