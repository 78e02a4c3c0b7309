//! `nines`: the command-line tool over the same core as the dashboard.
//!
//! `nines check [--format NAME] FILE…` reads each file, prints the detected format, the counts and
//! every adjusted record; exit status 1 when any file cannot be read at all.
//! `nines convert [--format NAME] FILE --to nines` writes the file in the native format to stdout.
//! `nines summary [--as-of TIME] [--weights PRESET] [--json] FILE…` prints each service's
//! availability, downtime, incident time, incident count and coverage over 24 h, 7 d, 30 d and
//! 90 d ending at TIME (default: the latest as-of of the files).
//! `nines report [--as-of TIME] [--weights PRESET] [--to markdown|csv] FILE…` writes those figures
//! and the SLO, incident and dependency figures; with `--monthly`, the availability of every
//! service in every calendar month instead (the collector's `reports/`).
//! `nines collect --config FILE --out DIR [--region NAME] [--now TIME]` fetches the config's
//! sources and runs its probes into a collected folder (docs/collect.md); `check`, `summary` and
//! `report` read such a folder (its whole history) wherever they read a file.
//! For Prometheus responses, `--service-label A,B` names the labels tried for the service (default
//! `job,instance`) and `--region-label R` the region's (default `region`).

use std::process::ExitCode;

// The collector fetches over the network and writes files: native only, like its dependencies.
#[cfg(not(target_arch = "wasm32"))]
mod collect;
mod report;

use nines::analysis::Weights;
use nines::ingest::{self, native, Format, ParseOptions, Parsed};
use report::{Analysed, ReportFormat};

fn usage() -> String {
    let formats: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    format!(
        "usage: nines check [--format NAME] FILE|DIR...\n       nines convert [--format NAME] FILE --to nines\n\
         \x20      nines summary [--as-of TIME] [--weights PRESET] [--json] FILE|DIR...\n\
         \x20      nines report [--as-of TIME] [--weights PRESET] [--to markdown|csv] [--monthly] FILE|DIR...\n\
         \x20      nines collect --config FILE --out DIR [--region NAME] [--now TIME]\n\
         windows: {}; weights: strict (default), statuspage, incidentio, or e.g. major=1,partial=0.5,maintenance=0,grace=5\n\
         formats (detected from the content unless --format is given): {}\n\
         Prometheus labels: --service-label A,B (default job,instance), --region-label R (default region)",
        report::window_names(),
        formats.join(", ")
    )
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    #[cfg(not(target_arch = "wasm32"))]
    if args.first().is_some_and(|a| a == "collect") {
        return collect::run(&args[1..]);
    }
    let format = match take_option(&mut args, "--format") {
        Ok(None) => None,
        Ok(Some(name)) => match Format::from_name(&name) {
            Some(format) => Some(format),
            None => return usage_error(&format!("unknown format {name:?}")),
        },
        Err(message) => return usage_error(&message),
    };
    let mut options = ParseOptions::default();
    let labels = (take_option(&mut args, "--service-label"), take_option(&mut args, "--region-label"));
    let to = take_option(&mut args, "--to");
    let (service_labels, region_label, to) = match (labels.0, labels.1, to) {
        (Ok(s), Ok(r), Ok(t)) => (s, r, t),
        (Err(message), _, _) | (_, Err(message), _) | (_, _, Err(message)) => return usage_error(&message),
    };
    if let Some(names) = service_labels {
        options.prometheus.service_labels = names.split(',').map(|n| n.trim().to_string()).collect();
    }
    if let Some(name) = region_label {
        options.prometheus.region_label = name;
    }
    let json = take_flag(&mut args, "--json");
    let monthly = take_flag(&mut args, "--monthly");
    let (as_of, weights) = match (take_option(&mut args, "--as-of"), take_option(&mut args, "--weights")) {
        (Ok(a), Ok(w)) => (a, w),
        (Err(message), _) | (_, Err(message)) => return usage_error(&message),
    };
    let weights = match weights.as_deref().map(Weights::parse).unwrap_or(Ok(Weights::STRICT)) {
        Ok(w) => w,
        Err(message) => return usage_error(&format!("--weights: {message}")),
    };
    let analysis = Analysis { format, options: &options, as_of, weights };
    match (args.first().map(String::as_str), args.len(), to.as_deref()) {
        (Some("check"), n, None) if n > 1 => check(&args[1..], format, &options),
        (Some("summary"), n, None) if n > 1 => analysis.run(&args[1..], |files, as_of_ms, w| {
            if json {
                report::summary_json(files, as_of_ms, w)
            } else {
                report::summary_text(files, as_of_ms, w)
            }
        }),
        (Some("report"), n, to) if n > 1 => {
            let format = match to {
                None | Some("markdown") | Some("md") => ReportFormat::Markdown,
                Some("csv") => ReportFormat::Csv,
                Some(other) => {
                    return usage_error(&format!("cannot report as {other:?}; only markdown or csv"))
                }
            };
            analysis.run(&args[1..], |files, as_of_ms, w| {
                if monthly {
                    report::monthly(files, as_of_ms, w, format)
                } else {
                    report::report(files, as_of_ms, w, format)
                }
            })
        }
        (Some("convert"), 2, Some("nines")) => convert(&args[1], format, &options),
        (Some("convert"), _, Some(other)) => {
            usage_error(&format!("cannot convert to {other:?}; only to nines"))
        }
        _ => usage_error("expected a command and its files"),
    }
}

/// Removes the flag `name` from `args`; whether it was there.
fn take_flag(args: &mut Vec<String>, name: &str) -> bool {
    let before = args.len();
    args.retain(|a| a != name);
    args.len() != before
}

/// What `summary` and `report` need besides the files.
struct Analysis<'a> {
    format: Option<Format>,
    options: &'a ParseOptions,
    as_of: Option<String>,
    weights: Weights,
}

impl Analysis<'_> {
    /// Reads every file, sets each to the shared as-of instant and prints `render`'s output.
    /// Exit status 1 when a file cannot be read or the time is not one.
    fn run(&self, paths: &[String], render: impl Fn(&[Analysed], i64, &Weights) -> String) -> ExitCode {
        let mut files = Vec::new();
        for path in paths {
            match read(path, self.format, self.options) {
                Ok(parsed) => {
                    for issue in &parsed.issues {
                        eprintln!("{path}: {issue}");
                    }
                    files.push(Analysed { path: path.clone(), snapshot: parsed.snapshot });
                }
                Err(message) => {
                    eprintln!("{message}");
                    return ExitCode::FAILURE;
                }
            }
        }
        let as_of_ms = match &self.as_of {
            Some(text) => match ingest::time::read_time_text(text) {
                Some(t) => t.ms,
                None => {
                    eprintln!("nines: --as-of {text:?} is not a time (RFC 3339 such as 2026-11-20T12:00:00Z, or Unix seconds)");
                    return ExitCode::FAILURE;
                }
            },
            None => files.iter().map(|f| f.snapshot.as_of_ms).max().unwrap_or(0),
        };
        for file in &mut files {
            // Open incidents close at the shared instant; windows end there.
            file.snapshot.as_of_ms = as_of_ms;
        }
        println!("{}", render(&files, as_of_ms, &self.weights));
        ExitCode::SUCCESS
    }
}

/// Removes `--name VALUE` (or `--name=VALUE`) from `args`.
fn take_option(args: &mut Vec<String>, name: &str) -> Result<Option<String>, String> {
    let prefix = format!("{name}=");
    if let Some(i) = args.iter().position(|a| a.starts_with(&prefix)) {
        return Ok(Some(args.remove(i)[prefix.len()..].to_string()));
    }
    let Some(i) = args.iter().position(|a| a == name) else { return Ok(None) };
    args.remove(i);
    if i < args.len() {
        Ok(Some(args.remove(i)))
    } else {
        Err(format!("{name} needs a value"))
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("nines: {message}\n{}", usage());
    ExitCode::from(2)
}

/// A file, or a folder `nines collect` wrote (its whole history, every shard joined).
fn read(path: &str, format: Option<Format>, options: &ParseOptions) -> Result<Parsed, String> {
    #[cfg(not(target_arch = "wasm32"))]
    if std::path::Path::new(path).is_dir() {
        let dir = std::path::Path::new(path);
        if !collect::store::is_collected(dir) {
            return Err(format!(
                "{path}: a folder, but not one nines collect wrote (no history/ or index.json)"
            ));
        }
        let snapshot = collect::store::read_history(dir, None, &mut Vec::new())?;
        return Ok(Parsed {
            snapshot,
            format: Format::Native,
            issues: Vec::new(),
            history_months: Vec::new(),
        });
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    ingest::parse_with(&text, format, options).map_err(|e| format!("{path}: {e}"))
}

/// This machine's clock, in ms since the epoch (0 before 1970).
fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

fn check(paths: &[String], format: Option<Format>, options: &ParseOptions) -> ExitCode {
    let mut failed = false;
    for path in paths {
        match read(path, format, options) {
            Ok(parsed) => {
                let s = &parsed.snapshot;
                let samples: usize = s.series.iter().map(|x| x.samples.len()).sum();
                let collected = if std::path::Path::new(path).is_dir() { " (collected history)" } else { "" };
                let (as_of_ms, now_ms) = (s.as_of_ms, now_ms());
                let clock =
                    ingest::future_as_of(as_of_ms, now_ms).or_else(|| ingest::old_as_of(as_of_ms, now_ms));
                println!(
                    "{path}: format={}{collected} services={} incidents={} maintenances={} announcements={} series={} samples={} issues={}",
                    parsed.format.name(),
                    s.services.len(),
                    s.incidents.len(),
                    s.maintenances.len(),
                    s.announcements.len(),
                    s.series.len(),
                    samples,
                    parsed.issues.len() + usize::from(clock.is_some())
                );
                for issue in parsed.issues.iter().chain(&clock) {
                    println!("  {issue}");
                }
            }
            Err(message) => {
                eprintln!("{message}");
                failed = true;
            }
        }
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn convert(path: &str, format: Option<Format>, options: &ParseOptions) -> ExitCode {
    match read(path, format, options) {
        Ok(parsed) => {
            for issue in &parsed.issues {
                eprintln!("{path}: {issue}");
            }
            println!("{}", native::write(&parsed.snapshot));
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
