//! The demo data set: ninety days of Northwind Traders' services, told as a story.
//!
//! Everything here is fixed: the times are compile-time constants and the only "randomness" is a
//! splitmix64 generator with fixed seeds, so the same code always writes the same file. The
//! story, which the dashboard's tests assert on: a calm quarter of short blips, one regional
//! File-sharing outage in Europe in October, and then, on Thursday 2026-11-19, a third-party
//! network failure (closure id MO1221364) that stops email in North America for most of a day.
//!
//! This file is self-contained apart from `nines` so that tests can include it with
//! `#[path = "../examples/gen_demo/story.rs"] mod story;`.

use nines::model::{
    Announcement, Dependency, Incident, IncidentStatus, IncidentUpdate, Level, Maintenance, Origin, Region,
    Samples, Series, Service, Slo, Snapshot, Span, TimeMs, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE,
};

// ---------------------------------------------------------------------------------------------
// Time, checked at compile time.

/// Days from 1970-01-01 to the given civil date (proleptic Gregorian; H. Hinnant's algorithm).
const fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (month + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

const fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `year-month-dayThour:minute:00Z` in milliseconds. Used only in constants, so a bad date is a
/// compile error, not a runtime panic.
const fn utc(year: i64, month: i64, day: i64, hour: i64, minute: i64) -> TimeMs {
    assert!(month >= 1 && month <= 12, "month out of range");
    assert!(day >= 1 && day <= days_in_month(year, month), "day out of range");
    assert!(hour >= 0 && hour < 24, "hour out of range");
    assert!(minute >= 0 && minute < 60, "minute out of range");
    days_from_civil(year, month, day) * MS_PER_DAY + hour * MS_PER_HOUR + minute * MS_PER_MINUTE
}

/// The instant the data describes.
const AS_OF_MS: TimeMs = utc(2026, 11, 23, 0, 0);
/// Ninety days ending at as-of.
const COVERAGE_START_MS: TimeMs = utc(2026, 8, 25, 0, 0);
const _: () = assert!(AS_OF_MS - COVERAGE_START_MS == 90 * MS_PER_DAY, "coverage must be 90 days");

/// Probe resolution.
const STEP_MS: i64 = MS_PER_MINUTE;

// ---------------------------------------------------------------------------------------------
// Catalogue: regions, services, dependencies.

const REGIONS: &[(&str, &str)] = &[("na", "North America"), ("eu", "Europe"), ("apac", "Asia-Pacific")];
const ALL_REGIONS: &[&str] = &["na", "eu", "apac"];

struct ServiceSpec {
    id: &'static str,
    name: &'static str,
    group: &'static str,
    tags: &'static [&'static str],
    /// SLO target over 30 days, if any.
    slo: Option<f64>,
}

const SERVICES: &[ServiceSpec] = &[
    ServiceSpec { id: "email", name: "Email", group: "Productivity suite", tags: &[], slo: Some(0.999) },
    ServiceSpec { id: "chat", name: "Chat", group: "Productivity suite", tags: &[], slo: Some(0.999) },
    ServiceSpec {
        id: "files",
        name: "File sharing",
        group: "Productivity suite",
        tags: &[],
        slo: Some(0.999),
    },
    ServiceSpec { id: "sso", name: "Identity & SSO", group: "Identity", tags: &[], slo: Some(0.9995) },
    ServiceSpec {
        id: "webapp",
        name: "Customer web app",
        group: "Our products",
        tags: &[],
        slo: Some(0.999),
    },
    ServiceSpec { id: "api", name: "Public API", group: "Our products", tags: &[], slo: Some(0.9995) },
    ServiceSpec {
        id: "suite",
        name: "Cloud productivity suite",
        group: "Providers",
        tags: &["third-party"],
        slo: None,
    },
    ServiceSpec {
        id: "network",
        name: "Network & CDN provider",
        group: "Providers",
        tags: &["third-party"],
        slo: None,
    },
];

const SLO_WINDOW_DAYS: u32 = 30;

/// (service, serial requirements). `sso` and `network` need nothing and have no entry.
const DEPENDENCIES: &[(&str, &[&str])] = &[
    ("email", &["suite", "sso"]),
    ("chat", &["suite", "sso"]),
    ("files", &["suite", "sso"]),
    ("suite", &["network"]),
    ("webapp", &["sso", "api"]),
    ("api", &["network"]),
];

// ---------------------------------------------------------------------------------------------
// Incidents.

/// `IncidentStatus` without the owned `Other` variant, so specs can be constants.
#[derive(Clone, Copy)]
enum St {
    Investigating,
    Identified,
    Mitigating,
    Monitoring,
    Resolved,
}

impl St {
    fn status(self) -> IncidentStatus {
        match self {
            St::Investigating => IncidentStatus::Investigating,
            St::Identified => IncidentStatus::Identified,
            St::Mitigating => IncidentStatus::Mitigating,
            St::Monitoring => IncidentStatus::Monitoring,
            St::Resolved => IncidentStatus::Resolved,
        }
    }
}

struct UpdateSpec {
    at_ms: TimeMs,
    status: St,
    impact: Option<Level>,
    text: &'static str,
}

struct IncidentSpec {
    id: &'static str,
    title: &'static str,
    impact: Level,
    origin: Origin,
    services: &'static [&'static str],
    /// Empty: everywhere the services run.
    regions: &'static [&'static str],
    start_ms: TimeMs,
    end_ms: TimeMs,
    updates: &'static [UpdateSpec],
    links: &'static [&'static str],
}

const fn up(at_ms: TimeMs, status: St, text: &'static str) -> UpdateSpec {
    UpdateSpec { at_ms, status, impact: None, text }
}

/// The Thursday outage.
const MO_START_MS: TimeMs = utc(2026, 11, 19, 13, 10);
const MO_END_MS: TimeMs = utc(2026, 11, 20, 14, 5);

/// All incidents, in start order. All are resolved; none but MO1221364 is a major outage in North
/// America, and none but MO1221364 touches email in North America at all.
const INCIDENTS: &[IncidentSpec] = &[
    IncidentSpec {
        id: "NW-2026-0829",
        title: "Chat messages delayed in Europe",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["chat"],
        regions: &["eu"],
        start_ms: utc(2026, 8, 29, 9, 12),
        end_ms: utc(2026, 8, 29, 9, 30),
        updates: &[
            up(
                utc(2026, 8, 29, 9, 19),
                St::Investigating,
                "We're investigating reports that chat messages in Europe are arriving up to a minute late.",
            ),
            up(
                utc(2026, 8, 29, 9, 30),
                St::Resolved,
                "A message-queue node in our Europe cluster restarted during routine patching and its \
                 backlog has now drained. Messages are delivered without delay again.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-0903",
        title: "Elevated Public API latency and timeouts",
        impact: Level::Partial,
        origin: Origin::SelfOperated,
        services: &["api"],
        regions: &[],
        start_ms: utc(2026, 9, 3, 16, 5),
        end_ms: utc(2026, 9, 3, 16, 50),
        updates: &[
            up(
                utc(2026, 9, 3, 16, 12),
                St::Investigating,
                "Some Public API requests are timing out and others are taking several seconds. We're \
                 investigating.",
            ),
            up(
                utc(2026, 9, 3, 16, 26),
                St::Identified,
                "A database index was dropped by this afternoon's schema migration, so order lookups \
                 fall back to full scans. We're rebuilding the index.",
            ),
            up(
                utc(2026, 9, 3, 16, 50),
                St::Resolved,
                "The index has been rebuilt and API latency is back to normal in all regions.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-0908",
        title: "Chat slow to load in Asia-Pacific",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["chat"],
        regions: &["apac"],
        start_ms: utc(2026, 9, 8, 3, 40),
        end_ms: utc(2026, 9, 8, 4, 18),
        updates: &[
            up(
                utc(2026, 9, 8, 3, 52),
                St::Investigating,
                "Users in Asia-Pacific report that chat channels take a long time to load. We're looking \
                 into it.",
            ),
            up(
                utc(2026, 9, 8, 4, 5),
                St::Monitoring,
                "We've added capacity to the Asia-Pacific presence service, which was saturated by a \
                 reconnect storm after a client update. Load times are improving.",
            ),
            up(utc(2026, 9, 8, 4, 18), St::Resolved, "Chat load times in Asia-Pacific are back to normal."),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-0911",
        title: "Slow token refresh in Identity & SSO",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["sso"],
        regions: &[],
        start_ms: utc(2026, 9, 11, 14, 30),
        end_ms: utc(2026, 9, 11, 14, 55),
        updates: &[
            up(
                utc(2026, 9, 11, 14, 38),
                St::Investigating,
                "Token refreshes are taking up to ten seconds in all regions; users may see brief \
                 delays when apps renew their sessions. Sign-in is not affected.",
            ),
            up(
                utc(2026, 9, 11, 14, 46),
                St::Identified,
                "A certificate-revocation check is timing out against a slow endpoint. We've switched \
                 the check to the cached list.",
            ),
            up(utc(2026, 9, 11, 14, 55), St::Resolved, "Token refresh times are back to normal everywhere."),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-0917",
        title: "Customer web app slow to load in Asia-Pacific",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["webapp"],
        regions: &["apac"],
        start_ms: utc(2026, 9, 17, 6, 10),
        end_ms: utc(2026, 9, 17, 6, 42),
        updates: &[
            up(
                utc(2026, 9, 17, 6, 21),
                St::Investigating,
                "Pages of the customer web app are loading slowly for users in Asia-Pacific. We're \
                 investigating.",
            ),
            up(
                utc(2026, 9, 17, 6, 42),
                St::Resolved,
                "This morning's release shipped an uncompressed script bundle. We've rolled the release \
                 back and page load times are normal again.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-0924",
        title: "Sign-in failures through a partner's SSO connector",
        impact: Level::Degraded,
        origin: Origin::Customer,
        services: &["sso"],
        regions: &["eu"],
        start_ms: utc(2026, 9, 24, 10, 2),
        end_ms: utc(2026, 9, 24, 10, 17),
        updates: &[
            up(
                utc(2026, 9, 24, 10, 8),
                St::Investigating,
                "Users signing in through one partner organisation's SAML connector in Europe are \
                 getting an error. Other sign-ins are not affected.",
            ),
            up(
                utc(2026, 9, 24, 10, 17),
                St::Resolved,
                "The partner's connector had been configured with an expired signing certificate. \
                 Their administrator uploaded the new certificate and sign-ins work again.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-1002",
        title: "Slow file uploads in North America",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["files"],
        regions: &["na"],
        start_ms: utc(2026, 10, 2, 18, 20),
        end_ms: utc(2026, 10, 2, 18, 34),
        updates: &[
            up(
                utc(2026, 10, 2, 18, 26),
                St::Investigating,
                "Large file uploads in North America are slower than usual. Downloads are not affected.",
            ),
            up(
                utc(2026, 10, 2, 18, 34),
                St::Resolved,
                "A virus-scanning worker pool had scaled down too far. It has scaled back up and upload \
                 speeds are normal.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "NW-2026-1007",
        title: "File sharing unavailable in Europe",
        impact: Level::Major,
        origin: Origin::SelfOperated,
        services: &["files"],
        regions: &["eu"],
        start_ms: utc(2026, 10, 7, 8, 35),
        end_ms: utc(2026, 10, 7, 10, 45),
        updates: &[
            up(
                utc(2026, 10, 7, 8, 44),
                St::Investigating,
                "Users in Europe can't open, upload or sync files. We're investigating with priority.",
            ),
            up(
                utc(2026, 10, 7, 9, 15),
                St::Identified,
                "The primary storage cluster in Europe lost quorum after a failed disk-controller \
                 firmware update, and the automatic failover to the standby cluster stalled. We're \
                 completing the failover by hand.",
            ),
            up(
                utc(2026, 10, 7, 10, 20),
                St::Monitoring,
                "Failover to the standby cluster is complete and files are available again. We're \
                 verifying that sync clients have caught up.",
            ),
            up(
                utc(2026, 10, 7, 10, 45),
                St::Resolved,
                "File sharing in Europe is fully restored; no data was lost. We'll publish a review of \
                 why the automatic failover stalled.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "CDN-58213",
        title: "CDN edge congestion in Asia-Pacific",
        impact: Level::Degraded,
        origin: Origin::ThirdParty,
        services: &["network", "webapp"],
        regions: &["apac"],
        start_ms: utc(2026, 10, 14, 11, 5),
        end_ms: utc(2026, 10, 14, 11, 55),
        updates: &[
            up(
                utc(2026, 10, 14, 11, 18),
                St::Investigating,
                "Our CDN provider reports congestion at its Singapore and Sydney edge locations. Pages \
                 of the customer web app load slowly in Asia-Pacific.",
            ),
            up(
                utc(2026, 10, 14, 11, 36),
                St::Mitigating,
                "The provider is steering traffic to neighbouring edge locations.",
            ),
            up(
                utc(2026, 10, 14, 11, 55),
                St::Resolved,
                "The provider has added capacity at the affected locations and reports the issue \
                 resolved. Load times in Asia-Pacific are normal.",
            ),
        ],
        links: &["https://status.example.net/incidents/58213"],
    },
    IncidentSpec {
        id: "NW-2026-1029",
        title: "Chat messages delayed in North America",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["chat"],
        regions: &["na"],
        start_ms: utc(2026, 10, 29, 15, 48),
        end_ms: utc(2026, 10, 29, 16, 10),
        updates: &[
            up(
                utc(2026, 10, 29, 15, 55),
                St::Investigating,
                "Some chat messages in North America are delivered with a delay of up to two minutes.",
            ),
            up(
                utc(2026, 10, 29, 16, 10),
                St::Resolved,
                "A noisy tenant was exhausting the fan-out workers. We've rate-limited it and message \
                 delivery is immediate again.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "EX1187402",
        title: "Delayed delivery of inbound email in Europe",
        impact: Level::Degraded,
        origin: Origin::ThirdParty,
        services: &["email", "suite"],
        regions: &["eu"],
        start_ms: utc(2026, 11, 4, 7, 30),
        end_ms: utc(2026, 11, 4, 7, 56),
        updates: &[
            up(
                utc(2026, 11, 4, 7, 41),
                St::Investigating,
                "We're investigating reports that inbound email to users in Europe is delayed by up to \
                 fifteen minutes.",
            ),
            up(
                utc(2026, 11, 4, 7, 56),
                St::Resolved,
                "We've restarted a subset of mail-transport infrastructure that was processing messages \
                 slowly, and queued messages have been delivered. This is the final update on the \
                 event. Closure id: EX1187402",
            ),
        ],
        links: &["https://status.example.com/incidents/EX1187402"],
    },
    IncidentSpec {
        id: "NW-2026-1110",
        title: "Customer web app errors in Europe after a release",
        impact: Level::Degraded,
        origin: Origin::SelfOperated,
        services: &["webapp"],
        regions: &["eu"],
        start_ms: utc(2026, 11, 10, 13, 2),
        end_ms: utc(2026, 11, 10, 13, 14),
        updates: &[
            up(
                utc(2026, 11, 10, 13, 6),
                St::Identified,
                "Some users in Europe see an error when saving their profile after today's release. \
                 We're rolling the release back.",
            ),
            up(
                utc(2026, 11, 10, 13, 14),
                St::Resolved,
                "The rollback is complete and profiles save normally again.",
            ),
        ],
        links: &[],
    },
    IncidentSpec {
        id: "MO1221364",
        title: "Users in North America can't send or receive email",
        impact: Level::Major,
        origin: Origin::ThirdParty,
        services: &["email", "suite", "network"],
        regions: &["na"],
        start_ms: MO_START_MS,
        end_ms: MO_END_MS,
        updates: &[
            up(
                utc(2026, 11, 19, 13, 25),
                St::Investigating,
                "We're investigating reports that users in North America can't send or receive email \
                 through Exchange Online. We're reviewing service telemetry and mail-flow logs to \
                 isolate the cause. Next update by: Thursday, November 19, 2026, at 3:30 PM UTC",
            ),
            up(
                utc(2026, 11, 19, 15, 40),
                St::Identified,
                "We've identified that infrastructure operated by a third-party network provider in \
                 North America is failing, and mail-flow traffic routed through it is being dropped. \
                 We're working with the provider and preparing to move affected traffic to alternate \
                 infrastructure. Next update by: Thursday, November 19, 2026, at 8:00 PM UTC",
            ),
            UpdateSpec {
                at_ms: utc(2026, 11, 19, 19, 40),
                status: St::Mitigating,
                impact: Some(Level::Partial),
                text: "We've load balanced affected traffic to alternate infrastructure; most users can \
                       send and receive email again, some may still see delays. Messages sent during \
                       the event are queued and will be delivered as capacity allows. Next update by: \
                       Friday, November 20, 2026, at 3:00 AM UTC",
            },
            up(
                utc(2026, 11, 20, 2, 30),
                St::Monitoring,
                "We're carefully rebalancing traffic in stages so that the alternate infrastructure \
                 isn't overloaded, and the backlog of queued messages is shrinking. We're monitoring \
                 the service as the remaining traffic is moved. Next update by: Friday, November 20, \
                 2026, at 3:00 PM UTC",
            ),
            up(
                MO_END_MS,
                St::Resolved,
                "We've confirmed that traffic is fully rebalanced and the issue is resolved. Final \
                 status: queued messages have been delivered and mail flow is healthy for all users \
                 in North America. Scope of impact: users in North America couldn't send or receive \
                 email from 1:10 PM UTC on Thursday, November 19, 2026; from 7:40 PM UTC most users \
                 could, with delays, until 2:05 PM UTC on Friday, November 20, 2026. Preliminary root \
                 cause: a hardware failure in a third-party network provider's infrastructure in \
                 North America caused mail-flow traffic routed through it to be dropped, and our \
                 routing did not fail over to alternate paths automatically. Next steps: we're \
                 reviewing our routing configuration so that traffic fails over automatically in \
                 the future, and we'll publish a post-incident report within five business days. \
                 This is the final update on the event. Closure id: MO1221364",
            ),
        ],
        links: &["https://status.example.com/incidents/MO1221364"],
    },
];

/// One window in the past, and one scheduled after the data's as-of.
const MAINTENANCES: &[(&str, &str, &[&str], TimeMs, TimeMs)] = &[
    (
        "MNT-2026-10-18",
        "Identity platform upgrade",
        &["sso"],
        utc(2026, 10, 18, 2, 0),
        utc(2026, 10, 18, 4, 0),
    ),
    (
        "MNT-2026-11-28",
        "Mail relay certificate rotation",
        &["email"],
        utc(2026, 11, 28, 2, 0),
        utc(2026, 11, 28, 3, 30),
    ),
];

/// A notice from the mail provider: a planned change with a date to act by (an announcement, never
/// an outage).
fn announcements() -> Vec<Announcement> {
    vec![Announcement {
        id: "MC1198023".into(),
        title: "Basic authentication for SMTP relay retires on 15 January".into(),
        services: strings(&["email"]),
        tags: strings(&["Plan for change", "Admin impact", "Retirement"]),
        start_ms: utc(2026, 11, 16, 17, 0),
        end_ms: Some(utc(2027, 2, 15, 0, 0)),
        action_by_ms: Some(utc(2027, 1, 15, 0, 0)),
        text: "Devices and applications that send mail through the SMTP relay with a user name and \
               password stop working on 15 January 2027.\n\
               • Move scanners and line-of-business applications to OAuth or to a connector.\n\
               • The relay's sign-in report lists the accounts that still use basic authentication."
            .into(),
        links: strings(&["https://status.example.com/announcements/MC1198023"]),
    }]
}

// ---------------------------------------------------------------------------------------------
// Probe series.

/// (service, region, seed) of each one-minute probe series.
const SERIES: &[(&str, &str, u64)] = &[
    ("email", "na", 0x4E57_0001),
    ("email", "eu", 0x4E57_0002),
    ("chat", "na", 0x4E57_0003),
    ("webapp", "apac", 0x4E57_0004),
];

/// On average one isolated failed probe minute per this many minutes (two days).
const FAILED_MINUTE_EVERY: u64 = 2 * 24 * 60;
/// Lengths in minutes of the probe's own outages (no data) in each series.
const PROBE_GAPS_MIN: [usize; 2] = [7, 12];

/// The probes' up-ratio while a service is at `level`.
fn probe_value(level: Level) -> f64 {
    match level {
        Level::Major => 0.0,
        // Most users recovered.
        Level::Partial => 0.6,
        Level::Degraded => 0.97,
        Level::Ok | Level::Maintenance | Level::Unknown => 1.0,
    }
}

/// Rounded the way the native writer rounds, so that `parse(write(x)) == x`.
fn round4(value: f64) -> f32 {
    ((value * 1e4).round() / 1e4) as f32
}

/// splitmix64: tiny, fixed, good enough for sprinkling noise.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0; the modulo bias is irrelevant here).
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

/// The noiseless up-ratio per minute of `service` in `region`: 1 except during the level spans
/// of the incidents that touch it; where several overlap the worst (lowest) value wins, and a
/// minute only partly covered gets the time-weighted mix.
fn clean_up_ratios(incidents: &[Incident], service: &str, region: &str, count: usize) -> Vec<f64> {
    let pieces: Vec<(Span, f64)> = incidents
        .iter()
        .filter(|i| i.services.iter().any(|s| s == service) && i.affects_region(region))
        .flat_map(|i| i.level_spans(AS_OF_MS))
        .map(|(span, level)| (span, probe_value(level)))
        .filter(|(_, value)| *value < 1.0)
        .collect();
    let mut values = vec![1.0; count];
    let minute_span = |i: usize| {
        let start_ms = COVERAGE_START_MS + i as i64 * STEP_MS;
        Span::new(start_ms, start_ms + STEP_MS)
    };
    let index_of =
        |t_ms: TimeMs| ((t_ms - COVERAGE_START_MS).div_euclid(STEP_MS)).clamp(0, count as i64) as usize;
    for (span, _) in &pieces {
        let (first, last) = (index_of(span.start_ms), index_of(span.end_ms - 1) + 1);
        for (i, value) in values.iter_mut().enumerate().take(last.min(count)).skip(first) {
            let minute = minute_span(i);
            // Elementary intervals of this minute, each at the worst value that covers it.
            let mut bounds = vec![minute.start_ms, minute.end_ms];
            for (s, _) in &pieces {
                if let Some(c) = s.intersect(&minute) {
                    bounds.extend([c.start_ms, c.end_ms]);
                }
            }
            bounds.sort_unstable();
            bounds.dedup();
            let weighted: f64 = bounds
                .windows(2)
                .map(|w| {
                    let part = Span::new(w[0], w[1]);
                    let worst = pieces
                        .iter()
                        .filter(|(s, _)| s.start_ms <= part.start_ms && part.end_ms <= s.end_ms)
                        .map(|(_, v)| *v)
                        .fold(1.0, f64::min);
                    worst * part.duration_ms() as f64
                })
                .sum();
            *value = weighted / STEP_MS as f64;
        }
    }
    values
}

fn probe_series(incidents: &[Incident], service: &str, region: &str, seed: u64) -> Series {
    let count = ((AS_OF_MS - COVERAGE_START_MS) / STEP_MS) as usize;
    let clean = clean_up_ratios(incidents, service, region, count);
    let mut up: Vec<f32> = clean.iter().map(|v| round4(*v)).collect();
    let mut rng = SplitMix64(seed);

    // The probe's own outages: no data. Placed only where the service was fully up, apart from
    // each other, and never in the last day (so the current picture is complete).
    let latest_start = count.saturating_sub(24 * 60);
    let mut placed: Vec<(usize, usize)> = Vec::new();
    for len in PROBE_GAPS_MIN {
        for _attempt in 0..1000 {
            let start = rng.below(latest_start.saturating_sub(len) as u64) as usize;
            let range = start.saturating_sub(60)..(start + len + 60).min(count);
            let clear = clean[range.clone()].iter().all(|v| *v == 1.0)
                && placed.iter().all(|&(s, l)| start + len + 24 * 60 < s || s + l + 24 * 60 < start);
            if clear {
                up[start..start + len].fill(f32::NAN);
                placed.push((start, len));
                break;
            }
        }
    }

    // Isolated failed probe minutes: about one every two days, only between two up minutes.
    for i in 1..count.saturating_sub(1) {
        if rng.below(FAILED_MINUTE_EVERY) == 0 && up[i - 1] == 1.0 && up[i] == 1.0 && up[i + 1] == 1.0 {
            up[i] = 0.0;
        }
    }

    Series {
        service: service.into(),
        region: Some(region.into()),
        samples: Samples::Regular { start_ms: COVERAGE_START_MS, step_ms: STEP_MS, up_ratio: up },
        latency_ms: Vec::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// The snapshot.

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

fn incident(spec: &IncidentSpec) -> Incident {
    Incident {
        id: spec.id.into(),
        title: spec.title.into(),
        impact: spec.impact,
        source_impact: None,
        status: IncidentStatus::Resolved,
        origin: spec.origin,
        services: strings(spec.services),
        regions: strings(spec.regions),
        start_ms: spec.start_ms,
        end_ms: Some(spec.end_ms),
        updates: spec
            .updates
            .iter()
            .map(|u| IncidentUpdate {
                at_ms: u.at_ms,
                status: u.status.status(),
                text: u.text.into(),
                impact: u.impact,
            })
            .collect(),
        links: strings(spec.links),
    }
}

/// The whole demo data set. Deterministic: every call returns the same snapshot.
pub fn demo_snapshot() -> Snapshot {
    let mut incidents: Vec<Incident> = INCIDENTS.iter().map(incident).collect();
    incidents.sort_by_key(|i| i.start_ms);
    let series = SERIES
        .iter()
        .map(|&(service, region, seed)| probe_series(&incidents, service, region, seed))
        .collect();
    Snapshot {
        title: "Northwind Traders — service status".into(),
        as_of_ms: AS_OF_MS,
        coverage: Span::new(COVERAGE_START_MS, AS_OF_MS).into(),
        regions: REGIONS.iter().map(|&(id, name)| Region { id: id.into(), name: name.into() }).collect(),
        services: SERVICES
            .iter()
            .map(|s| Service {
                id: s.id.into(),
                name: s.name.into(),
                group: Some(s.group.into()),
                regions: strings(ALL_REGIONS),
                tags: strings(s.tags),
                slo: s.slo.map(|target_ratio| Slo { target_ratio, window_days: SLO_WINDOW_DAYS }),
                coverage: None,
            })
            .collect(),
        incidents,
        maintenances: MAINTENANCES
            .iter()
            .map(|&(id, title, services, start_ms, end_ms)| Maintenance {
                id: id.into(),
                title: title.into(),
                services: strings(services),
                regions: Vec::new(),
                span: Span::new(start_ms, end_ms),
            })
            .collect(),
        announcements: announcements(),
        series,
        dependencies: DEPENDENCIES
            .iter()
            .map(|&(service, requires)| Dependency {
                service: service.into(),
                requires: strings(requires),
                redundant: Vec::new(),
            })
            .collect(),
    }
}
