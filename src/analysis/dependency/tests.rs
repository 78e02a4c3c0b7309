//! Hand-computed replays over a 100-hour window.
//!
//! `app` needs `db` (which needs `storage`) and one of two networks. Down times, in hours:
//! app itself 50–55, db 10–20, storage 60–62, net-a 30–40, net-b 35–45.

use super::*;
use crate::model::{Incident, Level, Service, MS_PER_HOUR};

const H: i64 = MS_PER_HOUR;

fn graph() -> Snapshot {
    let down =
        |id: &str, from_h: i64, to_h: i64| Incident::for_test(id, Level::Major, from_h * H, Some(to_h * H));
    Snapshot {
        as_of_ms: 100 * H,
        coverage: Span::new(0, 100 * H).into(),
        services: ["app", "db", "storage", "net-a", "net-b"].into_iter().map(Service::for_test).collect(),
        incidents: vec![
            down("app", 50, 55),
            down("db", 10, 20),
            down("storage", 60, 62),
            down("net-a", 30, 40),
            down("net-b", 35, 45),
        ],
        dependencies: vec![
            Dependency {
                service: "app".into(),
                requires: vec!["db".into()],
                redundant: vec![RedundantGroup { k: 1, of: vec!["net-a".into(), "net-b".into()] }],
            },
            Dependency { service: "db".into(), requires: vec!["storage".into()], redundant: Vec::new() },
        ],
        ..Snapshot::default()
    }
}

fn replay() -> Replay {
    Replay::new(&graph(), &Weights::STRICT, Span::new(0, 100 * H))
}

fn close(got: Option<f64>, want: f64) -> bool {
    got.is_some_and(|g| (g - want).abs() < 1e-12)
}

#[test]
fn composite_inherits_serial_and_redundant_failures() {
    let all = replay().composites().expect("no cycle");
    let app = all.iter().find(|c| c.service == "app").expect("app");
    assert!(close(app.own_ratio, 0.95), "{app:?}");
    // Down: own 5 h + db 10 h + storage (through db) 2 h + both networks 35–40: 5 h = 22 h.
    assert!(close(app.composite_ratio, 0.78), "{app:?}");
    // 0.95 × (0.9 × 0.98) × (1 − 0.1 × 0.1)
    assert!(close(app.static_ratio, 0.95 * 0.882 * 0.99), "{app:?}");
    assert!(close(app.gap_ratio(), 0.78 - 0.95 * 0.882 * 0.99), "{app:?}");
    assert!((app.inherited_down_ms - 17.0 * H as f64).abs() < 1e-6, "{app:?}");
    let db = all.iter().find(|c| c.service == "db").expect("db");
    assert!(close(db.composite_ratio, 0.88) && close(db.static_ratio, 0.882), "{db:?}");
    let storage = all.iter().find(|c| c.service == "storage").expect("storage");
    assert_eq!(storage.composite_ratio, storage.own_ratio, "no dependencies: composite is own");
}

#[test]
fn what_if_changes_are_hand_computed() {
    let r = replay();
    let change = |c: Change| r.what_if("app", &c).expect("valid change");
    // (label, change, app's composite after)
    let cases = vec![
        ("without db", Change::RemoveDependency { service: "app".into(), dependency: "db".into() }, 0.90),
        ("both networks needed", Change::SetK { service: "app".into(), group: 0, k: 2 }, 0.68),
        (
            // db's 12 effective hours down are half covered by an independent 50 % twin.
            "an independent twin of db",
            Change::AddRedundant {
                service: "app".into(),
                dependency: "db".into(),
                provider: Provider::Independent { availability_ratio: 0.5 },
            },
            0.84,
        ),
        (
            // The twin is db's own timeline 50 h later: down 60–70, overlapping db's 60–62.
            "db's timeline 50 h later as a twin",
            Change::AddRedundant {
                service: "app".into(),
                dependency: "db".into(),
                provider: Provider::Shifted { of: "db".into(), shift_ms: 50 * H },
            },
            0.88,
        ),
    ];
    for (label, c, after) in cases {
        let got = change(c);
        assert!(close(got.before_ratio, 0.78), "{label}: {got:?}");
        assert!(close(got.after_ratio, after), "{label}: {got:?}");
        let minutes = -(after - 0.78) * 365.25 * 1440.0;
        assert!(
            (got.delta_downtime_minutes_per_year().unwrap_or(f64::NAN) - minutes).abs() < 1e-6,
            "{label}"
        );
    }
    let unknown = Change::RemoveDependency { service: "app".into(), dependency: "dns".into() };
    assert_eq!(
        r.what_if("app", &unknown).map(|_| ()),
        Err(DependencyError::NoSuchDependency { service: "app".into(), dependency: "dns".into() })
    );
}

#[test]
fn cycles_are_refused_with_their_path() {
    let mut s = graph();
    s.dependencies.push(Dependency {
        service: "storage".into(),
        requires: vec!["app".into()],
        redundant: Vec::new(),
    });
    let err = Replay::new(&s, &Weights::STRICT, Span::new(0, 100 * H)).composites().map(|_| ());
    assert_eq!(
        err,
        Err(DependencyError::Cycle(vec!["app".into(), "db".into(), "storage".into(), "app".into()]))
    );
    assert_eq!(
        err.map_err(|e| e.to_string()),
        Err("the dependencies form a cycle: app → db → storage → app".to_string())
    );
}

#[test]
fn k_of_n_is_the_binomial_tail() {
    assert!((k_of_n(2, &[0.9, 0.9, 0.9]) - (3.0 * 0.81 * 0.1 + 0.729)).abs() < 1e-12);
    assert!((k_of_n(1, &[0.9, 0.8]) - (1.0 - 0.1 * 0.2)).abs() < 1e-12);
    assert_eq!(k_of_n(0, &[]), 1.0);
    assert_eq!(k_of_n(3, &[1.0, 1.0]), 0.0, "more needed than there are");
}

#[test]
fn unknown_dependency_time_is_not_counted() {
    // db's data starts at hour 50 only (its own series): before that, app's composite has no data.
    let mut s = graph();
    s.series.push(crate::model::Series {
        service: "storage".into(),
        region: None,
        samples: crate::model::Samples::Regular { start_ms: 50 * H, step_ms: H, up_ratio: vec![1.0; 50] },
        latency_ms: Vec::new(),
    });
    s.incidents.retain(|i| !i.services.contains(&"storage".to_string()));
    let all = Replay::new(&s, &Weights::STRICT, Span::new(0, 100 * H)).composites().expect("no cycle");
    let app = all.iter().find(|c| c.service == "app").expect("app");
    // Hours 50–100 only: app's own 5 h down; db and the networks are up then.
    assert!(close(app.composite_ratio, 0.9), "{app:?}");
}

#[test]
fn changes_combine_in_order() {
    let r = replay();
    let figure = |r: &Replay| {
        r.composites()
            .expect("no cycle")
            .into_iter()
            .find(|c| c.service == "app")
            .and_then(|c| c.composite_ratio)
    };
    // Without db and with both networks needed: own 5 h + networks 30–45 (15 h) = 20 h down.
    let changes = [
        Change::SetK { service: "app".into(), group: 0, k: 2 },
        Change::RemoveDependency { service: "app".into(), dependency: "db".into() },
    ];
    assert!(close(figure(&r.with_all(&changes).expect("valid")), 0.80));
    assert!(close(figure(&r.with_all(&[]).expect("no change")), 0.78));
    // Removing both networks empties the group: a later SetK on it is refused.
    let emptied = [
        Change::RemoveDependency { service: "app".into(), dependency: "net-a".into() },
        Change::RemoveDependency { service: "app".into(), dependency: "net-b".into() },
        Change::SetK { service: "app".into(), group: 0, k: 1 },
    ];
    assert_eq!(
        r.with_all(&emptied).map(|_| ()),
        Err(DependencyError::NoSuchGroup { service: "app".into(), index: 0 })
    );
    assert_eq!(r.needed_by("db"), vec!["app".to_string()]);
    assert_eq!(r.needed_by("storage"), vec!["db".to_string()]);
    assert!(r.needed_by("app").is_empty());
    assert_eq!(r.dependency_of("db").map(|d| d.requires.clone()), Some(vec!["storage".to_string()]));
}

#[test]
fn a_chain_ten_thousand_deep_replays_on_a_small_stack() {
    // s0 needs s1, which needs s2, … s9999; the last is down 10 of 100 hours, and every service
    // inherits it. On a 256 KiB stack (less than the browser gives), a recursive walk would overflow.
    const DEPTH: usize = 10_000;
    let id = |i: usize| format!("s{i}");
    let snapshot = Snapshot {
        as_of_ms: 100 * H,
        coverage: Span::new(0, 100 * H).into(),
        services: (0..DEPTH).map(|i| Service::for_test(&id(i))).collect(),
        incidents: vec![Incident::for_test(&id(DEPTH - 1), Level::Major, 10 * H, Some(20 * H))],
        dependencies: (0..DEPTH - 1)
            .map(|i| Dependency { service: id(i), requires: vec![id(i + 1)], redundant: Vec::new() })
            .collect(),
        ..Snapshot::default()
    };
    let walk = std::thread::Builder::new().stack_size(256 * 1024).spawn(move || {
        let replay = Replay::new(&snapshot, &Weights::STRICT, Span::new(0, 100 * H));
        let all = replay.composites().expect("no cycle");
        let mut looped = snapshot.clone();
        looped.dependencies.push(Dependency {
            service: id(DEPTH - 1),
            requires: vec![id(0)],
            redundant: Vec::new(),
        });
        let cycle = Replay::new(&looped, &Weights::STRICT, Span::new(0, 100 * H)).composites();
        (all, cycle)
    });
    let (all, cycle) = walk.expect("thread starts").join().expect("no stack overflow");
    assert_eq!(all.len(), DEPTH);
    for c in [&all[0], &all[DEPTH / 2], &all[DEPTH - 1]] {
        assert!(close(c.composite_ratio, 0.9), "{c:?}");
    }
    assert!(close(all[0].own_ratio, 1.0) && close(all[0].static_ratio, 0.9), "{:?}", all[0]);
    match cycle {
        Err(DependencyError::Cycle(path)) => {
            assert_eq!(path.len(), DEPTH + 1, "the whole loop, back to its start");
            assert_eq!((path[0].as_str(), path[DEPTH].as_str()), ("s0", "s0"));
        }
        other => panic!("expected the cycle, got {:?}", other.map(|c| c.len())),
    }
}
