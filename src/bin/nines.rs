//! `nines`: the command-line tool over the same core as the dashboard.
//!
//! `nines check [--format NAME] FILE…` reads each file, prints the detected format, the counts and
//! every adjusted record; exit status 1 when any file cannot be read at all.
//! `nines convert [--format NAME] FILE --to nines` writes the file in the native format to stdout.
//! For Prometheus responses, `--service-label A,B` names the labels tried for the service (default
//! `job,instance`) and `--region-label R` the region's (default `region`).

use std::process::ExitCode;

use nines::ingest::{self, native, Format, ParseOptions, Parsed};

fn usage() -> String {
    let formats: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    format!(
        "usage: nines check [--format NAME] FILE...\n       nines convert [--format NAME] FILE --to nines\n\
         formats (detected from the content unless --format is given): {}\n\
         Prometheus labels: --service-label A,B (default job,instance), --region-label R (default region)",
        formats.join(", ")
    )
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
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
    match (args.first().map(String::as_str), args.len(), to.as_deref()) {
        (Some("check"), n, None) if n > 1 => check(&args[1..], format, &options),
        (Some("convert"), 2, Some("nines")) => convert(&args[1], format, &options),
        (Some("convert"), _, Some(other)) => {
            usage_error(&format!("cannot convert to {other:?}; only to nines"))
        }
        _ => usage_error("expected a command and its files"),
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

fn read(path: &str, format: Option<Format>, options: &ParseOptions) -> Result<Parsed, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    ingest::parse_with(&text, format, options).map_err(|e| format!("{path}: {e}"))
}

fn check(paths: &[String], format: Option<Format>, options: &ParseOptions) -> ExitCode {
    let mut failed = false;
    for path in paths {
        match read(path, format, options) {
            Ok(parsed) => {
                let s = &parsed.snapshot;
                let samples: usize = s.series.iter().map(|x| x.samples.len()).sum();
                println!(
                    "{path}: format={} services={} incidents={} maintenances={} series={} samples={} issues={}",
                    parsed.format.name(),
                    s.services.len(),
                    s.incidents.len(),
                    s.maintenances.len(),
                    s.series.len(),
                    samples,
                    parsed.issues.len()
                );
                for issue in &parsed.issues {
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
