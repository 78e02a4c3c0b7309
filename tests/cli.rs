//! The `nines` command line, driven as a user drives it.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn nines(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_nines")).args(args).output().expect("nines runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every fixture file (not the provenance notes), in a stable order.
fn fixtures() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("fixtures folder")
        .flat_map(|dir| std::fs::read_dir(dir.expect("entry").path()).expect("format folder"))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e != "md"))
        .collect();
    files.sort();
    files
}

#[test]
fn check_reads_every_real_fixture_and_refuses_the_malformed_one() {
    let files = fixtures();
    assert!(files.len() >= 2, "fixtures found: {files:?}");
    for path in files {
        let shown = path.display().to_string();
        let out = nines(&["check", &shown]);
        if shown.contains("/malformed/") {
            assert_eq!(out.status.code(), Some(1), "{shown}: {}", text(&out.stdout));
            assert!(
                text(&out.stderr).contains("not valid JSON at line 2, column 17"),
                "{}",
                text(&out.stderr)
            );
        } else {
            assert_eq!(out.status.code(), Some(0), "{shown}: {}", text(&out.stderr));
            assert!(text(&out.stdout).starts_with(&format!("{shown}: format=")), "{}", text(&out.stdout));
        }
    }
}

#[test]
fn check_prints_format_counts_and_issues() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo.json");
    let out = nines(&["check", demo]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        format!(
            "{demo}: format=nines services=8 incidents=13 maintenances=1 series=4 samples=518400 issues=0\n"
        )
    );
}

#[test]
fn convert_writes_the_native_format_and_usage_errors_exit_2() {
    let demo = concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/demo.json");
    let out = nines(&["convert", demo, "--to", "nines"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        text(&out.stdout),
        std::fs::read_to_string(demo).expect("demo"),
        "converting native is lossless"
    );
    let cases: [&[&str]; 4] =
        [&[], &["check"], &["convert", demo, "--to", "csv"], &["check", "--format", "nope", demo]];
    for args in cases {
        let out = nines(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(text(&out.stderr).contains("usage: nines check"), "{args:?}");
    }
    let forced = nines(&["check", "--format", "nines", demo]);
    assert_eq!(forced.status.code(), Some(0));
}

#[test]
fn prometheus_label_names_can_be_chosen() {
    let response = r#"{"status":"success","data":{"resultType":"matrix","result":[
        {"metric":{"__name__":"probe_success","job":"blackbox","instance":"mail.example.com","zone":"eu"},
         "values":[[1767225600,"1"],[1767225660,"0"]]}]}}"#;
    let path = std::env::temp_dir().join(format!("nines-cli-prometheus-{}.json", std::process::id()));
    std::fs::write(&path, response).expect("temp file");
    let shown = path.display().to_string();
    let by_default = nines(&["convert", &shown, "--to", "nines"]);
    let chosen =
        nines(&["convert", &shown, "--to", "nines", "--service-label", "instance", "--region-label", "zone"]);
    std::fs::remove_file(&path).ok();
    assert_eq!(by_default.status.code(), Some(0), "{}", text(&by_default.stderr));
    assert!(text(&by_default.stdout).contains(r#""service":"blackbox""#), "job names the service by default");
    assert!(!text(&by_default.stdout).contains(r#""region""#), "no `region` label, so no region");
    assert_eq!(chosen.status.code(), Some(0), "{}", text(&chosen.stderr));
    assert!(
        text(&chosen.stdout).contains(r#""service":"mail.example.com","region":"eu""#),
        "{}",
        text(&chosen.stdout)
    );
}
