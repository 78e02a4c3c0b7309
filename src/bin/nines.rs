//! `nines`: the command-line tool over the same core as the dashboard.
//!
//! `nines check FILE…` reads each file, prints the detected format, the counts and every
//! adjusted record; exit status 1 when any file cannot be read at all.
//! `nines convert FILE --to nines` writes the file in the native format to stdout.

use std::process::ExitCode;

use nines::ingest::{self, native, Parsed};

const USAGE: &str = "usage: nines check FILE...\n       nines convert FILE --to nines";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("check") if args.len() > 1 => check(&args[1..]),
        Some("convert") if args.len() == 4 && args[2] == "--to" && args[3] == "nines" => convert(&args[1]),
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn read(path: &str) -> Result<Parsed, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: cannot read: {e}"))?;
    ingest::parse(&text, None).map_err(|e| format!("{path}: {e}"))
}

fn check(paths: &[String]) -> ExitCode {
    let mut failed = false;
    for path in paths {
        match read(path) {
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

fn convert(path: &str) -> ExitCode {
    match read(path) {
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
