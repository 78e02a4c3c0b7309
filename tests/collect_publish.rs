//! What `nines collect` publishes besides the page's data: the Atom feed, the badges and the
//! monthly reports, written from the history it keeps, read back from the folder.
#![cfg(not(target_arch = "wasm32"))] // loopback servers and a native binary
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failed test

use nines::analysis::Weights;
use nines::publish::badge::file_stem;
use nines::publish::monthly::{monthly_report, MONTHLY_CSV_HEADER};

#[path = "support/collect_run.rs"]
mod collect_run;
#[path = "support/http_server.rs"]
mod http_server;
#[path = "support/rotating_feed.rs"]
mod rotating_feed;

use collect_run::{collect, config, files, history, scratch, text};
use http_server::{serve, Reply};

const ATOM: &str = "http://www.w3.org/2005/Atom";

#[test]
fn a_run_publishes_the_feed_the_badges_and_the_monthly_reports() {
    let dir = scratch("publish");
    let body = rotating_feed::feed(0);
    let server = serve(move |_| Reply::json(body.clone()));
    let config = config(
        &dir,
        &serde_json::json!({"format": "nines-config", "version": 1, "title": "Emma <&>",
            "sources": [{"id": "emma", "url": server.url("/incidents.json"), "format": "statuspage"}],
            "collect": {"interval_s": 300, "retries": 0, "backoff_ms": 10, "timeout_ms": 5000,
                "public_url": "https://o.github.io/nines/status"}}),
    );
    let out = dir.join("out");
    // A report of a month the history does not hold (past the retention) is removed.
    std::fs::create_dir_all(out.join("reports")).unwrap();
    std::fs::write(out.join("reports/2000-01.csv"), "old").unwrap();
    let now = rotating_feed::created_ms(rotating_feed::FEED_SIZE);
    let run = collect(&config, &out, now, &[], &[]);
    let stdout = text(&run.stdout);
    assert!(run.status.success(), "{stdout}{}", text(&run.stderr));
    assert!(stdout.contains("wrote incidents.atom ("), "{stdout}");
    assert!(stdout.contains("removed reports/2000-01.csv (past the retention)"), "{stdout}");
    let h = history(&out);

    // The feed: Atom, its ids under the public URL, the newest 50 incidents of 90 days.
    let atom = std::fs::read_to_string(out.join("incidents.atom")).unwrap();
    let document = roxmltree::Document::parse(&atom).unwrap();
    let root = document.root_element();
    assert_eq!((root.tag_name().namespace(), root.tag_name().name()), (Some(ATOM), "feed"));
    let child_text = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(child_text(root, "id"), "https://o.github.io/nines/status/incidents.atom");
    assert_eq!(child_text(root, "title"), "Emma <&>: incidents", "the config's title, escaped and read back");
    let entries: Vec<_> = root.children().filter(|c| c.tag_name().name() == "entry").collect();
    let recent = h.incidents.iter().filter(|i| i.end_ms.is_none_or(|e| e >= now - 90 * 86_400_000)).count();
    assert_eq!(entries.len(), recent.min(50), "{atom}");
    assert!(!entries.is_empty());
    for entry in &entries {
        let id = child_text(*entry, "id");
        assert!(id.starts_with("https://o.github.io/nines/status/incidents.atom#incident-"), "{id}");
        assert!(h.incidents.iter().any(|i| i.title == child_text(*entry, "title")), "an incident's title");
    }

    // Two badges per service, each an SVG with a title.
    for service in &h.services {
        for kind in ["status", "availability-30d"] {
            let path = out.join(format!("badges/{}-{kind}.svg", file_stem(&service.id)));
            let svg = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let document = roxmltree::Document::parse(&svg).unwrap();
            let title =
                document.descendants().find(|n| n.tag_name().name() == "title").and_then(|n| n.text());
            assert!(title.is_some_and(|t| t.starts_with(&service.name)), "{svg}");
        }
    }

    // The reports: every month of the history, the same figures as computed from the folder.
    let mut view = h.clone();
    view.title = "Emma <&>".into();
    let months = monthly_report(&view, &Weights::STRICT, h.as_of_ms);
    assert!(months.len() > 1, "the feed spans several months");
    let mut names: Vec<String> = std::fs::read_dir(out.join("reports"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut want: Vec<String> =
        months.iter().flat_map(|m| [format!("{}.csv", m.month), format!("{}.md", m.month)]).collect();
    want.sort();
    assert_eq!(names, want);
    for month in &months {
        let csv = std::fs::read_to_string(out.join(format!("reports/{}.csv", month.month))).unwrap();
        assert_eq!(csv, month.to_csv());
        assert_eq!(csv.lines().next(), Some(MONTHLY_CSV_HEADER));
        assert_eq!(csv.lines().count(), h.services.len() + 1);
        let md = std::fs::read_to_string(out.join(format!("reports/{}.md", month.month))).unwrap();
        assert!(md.starts_with(&format!("# Emma &lt;&amp;&gt;: {}\n", month.month)), "{md}");
    }

    // `nines report --monthly` of the folder: the same CSV, the header once.
    let report = std::process::Command::new(env!("CARGO_BIN_EXE_nines"))
        .args(["report", "--monthly", "--to", "csv"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(report.status.success(), "{}", text(&report.stderr));
    let mut want = format!("{MONTHLY_CSV_HEADER}\n");
    for month in &months {
        want.extend(month.to_csv().lines().skip(1).map(|l| format!("{l}\n")));
    }
    assert_eq!(text(&report.stdout).trim_end(), want.trim_end());

    // The same run again rewrites nothing.
    let written = files(&out);
    let again = collect(&config, &out, now, &[], &[]);
    assert!(again.status.success());
    assert!(!text(&again.stdout).contains("wrote"), "{}", text(&again.stdout));
    assert_eq!(files(&out), written);
}
