//! Hand-written states with their canonical queries, tolerant reading of hand-edited links, and
//! the round trip on random states.

use super::*;
use crate::model::MS_PER_DAY;

/// 2026-11-19T12:00:00Z.
const NOV_19_NOON: i64 = 1_795_089_600_000;

fn service(id: &str) -> View {
    View::service(id)
}

/// States and the query each is written as; each query reads back as its state with nothing ignored.
#[test]
fn hand_made_states_have_canonical_queries() {
    let base = ViewState::default();
    let cases = [
        ("the default screen", base.clone(), ""),
        (
            "service detail over a custom range",
            ViewState {
                view: service("email"),
                range: Range::Custom { start_ms: NOV_19_NOON, end_ms: NOV_19_NOON + MS_PER_DAY },
                ..base.clone()
            },
            "view=service&service=email&from=2026-11-19T12:00:00Z&to=2026-11-20T12:00:00Z",
        ),
        (
            "what-if choices in the service view, in the order they were made",
            ViewState {
                view: View::Service {
                    id: "webapp".into(),
                    what_if: vec![
                        WhatIfChoice::Twin("api".into()),
                        WhatIfChoice::GroupNeeds { group: 0, k: 2 },
                    ],
                },
                ..base.clone()
            },
            "view=service&service=webapp&whatif=twin:api&whatif=k:1:2",
        ),
        (
            "one service's uptime bars, embedded, dark",
            ViewState {
                view: service("email"),
                panel: Some(Panel::UptimeBars),
                embed: true,
                theme: ColorScheme::Dark,
                ..base.clone()
            },
            "view=service&service=email&theme=dark&panel=uptime-bars&embed=1",
        ),
        (
            "wall screen over a week",
            ViewState {
                wall: true,
                range: Range::Preset { days: 7 },
                theme: ColorScheme::Light,
                ..base.clone()
            },
            "range=7d&theme=light&wall=1",
        ),
        (
            "incidents with every filter and an open incident",
            ViewState {
                view: View::Incidents {
                    filters: IncidentFilters {
                        service: Some("email".into()),
                        region: Some("eu-west".into()),
                        origin: Some(Origin::ThirdParty),
                        impact: Some(Level::Partial),
                        search: Some("dns & tls 100%".into()),
                    },
                },
                incident: Some("INC 42/b".into()),
                ..base.clone()
            },
            "view=incidents&service=email&region=eu-west&origin=third_party&impact=partial\
             &q=dns+%26+tls+100%25&incident=INC+42/b",
        ),
        (
            "regions in local time with custom weights",
            ViewState {
                view: View::Regions,
                clock: Clock::Local,
                weights: Some("major=1,partial=0.5".into()),
                ..base.clone()
            },
            "view=regions&clock=local&weights=major%3D1,partial%3D0.5",
        ),
        (
            "the monthly table, services as rows",
            ViewState { view: View::Monthly { services_as_rows: true }, ..base.clone() },
            "view=monthly&rows=services",
        ),
        (
            "the monthly table, months as rows (the default)",
            ViewState { view: View::Monthly { services_as_rows: false }, ..base.clone() },
            "view=monthly",
        ),
        (
            "correlations over a preset weighting",
            ViewState { view: View::Correlations, weights: Some("statuspage".into()), ..base.clone() },
            "view=correlations&weights=statuspage",
        ),
        (
            "sources in order, and a configuration",
            ViewState {
                sources: vec!["https://a.example/s.json?x=1&y=2".into(), "data/b.json".into()],
                config: Some("conf/nines.json".into()),
                ..base.clone()
            },
            "config=conf/nines.json&source=https://a.example/s.json%3Fx%3D1%26y%3D2&source=data/b.json",
        ),
        (
            "a panel of the overview",
            ViewState { panel: Some(Panel::Timeline), ..base.clone() },
            "panel=timeline",
        ),
    ];
    for (label, state, query) in cases {
        assert_eq!(state.to_query(), query, "{label}: written");
        assert_eq!(parse_query(query), (state.clone(), Vec::new()), "{label}: read back");
        assert_eq!(parse_query(&format!("?{query}")).0, state, "{label}: with a leading ?");
    }
}

/// Hand-edited links: what is usable is kept, and each ignored piece is reported once.
#[test]
fn hand_edited_links_are_read_tolerantly() {
    let base = ViewState::default();
    let cases = [
        (
            "a service alone is its detail",
            "?embed&panel=Uptime-Bars&service=email",
            ViewState { view: service("email"), panel: Some(Panel::UptimeBars), embed: true, ..base.clone() },
            0,
        ),
        ("unknown key", "colour=red&theme=DARK", ViewState { theme: ColorScheme::Dark, ..base.clone() }, 1),
        ("bad theme", "theme=blue", base.clone(), 1),
        ("bad view", "view=map", base.clone(), 1),
        ("service view without a service", "view=service", base.clone(), 1),
        (
            "a filter outside the incidents view",
            "view=regions&region=eu",
            ViewState { view: View::Regions, ..base.clone() },
            1,
        ),
        (
            "bad origin and impact, good search",
            "view=incidents&origin=aliens&impact=meh&q=tls+cert",
            ViewState {
                view: View::Incidents {
                    filters: IncidentFilters {
                        search: Some("tls cert".into()),
                        ..IncidentFilters::default()
                    },
                },
                ..base.clone()
            },
            2,
        ),
        (
            "repeated key: the first wins",
            "range=7d&range=90d",
            ViewState { range: Range::Preset { days: 7 }, ..base.clone() },
            1,
        ),
        ("empty values are absent", "incident=&q=&config=&source=", base.clone(), 0),
        (
            "explicit defaults",
            "view=overview&range=30d&clock=UTC&theme=auto&embed=0&wall=no",
            base.clone(),
            0,
        ),
        ("bad flag", "embed=maybe", base.clone(), 1),
        ("bad weights", "weights=major=2", base.clone(), 1),
        (
            "preset weights in any case",
            "weights=%20StatusPage",
            ViewState { weights: Some("statuspage".into()), ..base.clone() },
            0,
        ),
        ("bad range", "range=soon", base.clone(), 1),
        (
            "repeated sources kept in order",
            "source=b.json&source=a.json&source=b.json",
            ViewState { sources: vec!["b.json".into(), "a.json".into(), "b.json".into()], ..base.clone() },
            0,
        ),
        ("keys in any case", "VIEW=regions", ViewState { view: View::Regions, ..base.clone() }, 0),
        (
            "months as rows, said aloud",
            "view=monthly&rows=Months",
            ViewState { view: View::Monthly { services_as_rows: false }, ..base.clone() },
            0,
        ),
        (
            "a bad rows in the monthly view",
            "view=monthly&rows=weeks",
            ViewState { view: View::Monthly { services_as_rows: false }, ..base.clone() },
            1,
        ),
        (
            "rows in another view",
            "view=regions&rows=services",
            ViewState { view: View::Regions, ..base.clone() },
            1,
        ),
    ];
    for (label, query, want, ignored) in cases {
        let (state, messages) = parse_query(query);
        assert_eq!(state, want, "{label}: state");
        assert_eq!(messages.len(), ignored, "{label}: ignored {messages:?}");
    }
}

#[test]
fn messages_name_the_parameter_and_the_reason() {
    let (_, messages) = parse_query("theme=blue&colour=red&view=regions&service=email");
    let want = [
        "colour=red: unknown parameter",
        "theme=blue: expected auto, light or dark",
        "service=email: the regions view does not use it",
    ];
    for (got, want) in messages.iter().zip(want) {
        assert_eq!(got, want, "message");
    }
    assert_eq!(messages.len(), want.len(), "count {messages:?}");

    let (state, messages) = parse_query("service=webapp&whatif=twin:api&whatif=drop:sso&whatif=twin:api");
    assert_eq!(
        state.view,
        View::Service { id: "webapp".into(), what_if: vec![WhatIfChoice::Twin("api".into())] }
    );
    assert_eq!(
        messages,
        [
            "whatif=drop:sso: expected without:<dependency>, twin:<dependency> or k:<group>:<k>",
            "whatif=twin:api: repeated",
        ]
    );
    let (_, messages) = parse_query("view=regions&whatif=twin:api");
    assert_eq!(messages, ["whatif=twin:api: the regions view does not use it"]);
}

#[test]
fn wall_screens_cycle_through_the_views() {
    let mut view = service("email");
    let mut seen = Vec::new();
    for _ in 0..5 {
        view = view.next_on_wall();
        seen.push(view.name());
    }
    assert_eq!(seen, ["overview", "incidents", "regions", "correlations", "overview"], "cycle");
}

#[cfg(not(target_arch = "wasm32"))]
mod round_trip {
    use super::*;
    use proptest::option::of;
    use proptest::prelude::*;

    /// Text with the characters a query must escape, and any other.
    fn text() -> impl Strategy<Value = String> {
        prop_oneof!["[a-z0-9 &=+%#?/:,.é-]{1,10}", ".{1,6}"]
    }

    fn view() -> impl Strategy<Value = View> {
        let origin = prop::sample::select(vec![
            Origin::SelfOperated,
            Origin::ThirdParty,
            Origin::Customer,
            Origin::Unknown,
        ]);
        let level = prop::sample::select(Level::KNOWN.to_vec());
        let filters = (of(text()), of(text()), of(origin), of(level), of(text())).prop_map(
            |(service, region, origin, impact, search)| IncidentFilters {
                service,
                region,
                origin,
                impact,
                search,
            },
        );
        prop_oneof![
            Just(View::Overview),
            (text(), prop::collection::vec(what_if(), 0..4)).prop_map(|(id, mut what_if)| {
                // A repeated choice is read once.
                let mut seen = Vec::new();
                what_if.retain(|c| {
                    let new = !seen.contains(c);
                    seen.push(c.clone());
                    new
                });
                View::Service { id, what_if }
            }),
            filters.prop_map(|filters| View::Incidents { filters }),
            Just(View::Regions),
            Just(View::Correlations),
        ]
    }

    fn what_if() -> impl Strategy<Value = WhatIfChoice> {
        prop_oneof![
            text().prop_map(WhatIfChoice::Without),
            text().prop_map(WhatIfChoice::Twin),
            (0usize..5, 1u32..5).prop_map(|(group, k)| WhatIfChoice::GroupNeeds { group, k }),
        ]
    }

    fn range() -> impl Strategy<Value = Range> {
        prop_oneof![
            (1u32..=3650).prop_map(|days| Range::Preset { days }),
            (0i64..4_000_000_000_000, 1i64..10_000_000_000)
                .prop_map(|(start_ms, length_ms)| Range::Custom { start_ms, end_ms: start_ms + length_ms }),
        ]
    }

    fn weights() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec!["strict", "statuspage", "incidentio"]).prop_map(String::from),
            (0u8..=10, 0u8..=10)
                .prop_map(|(major, partial)| format!("major={},partial=0.{partial}", major / 10)),
        ]
    }

    fn state() -> impl Strategy<Value = ViewState> {
        let clock = prop::sample::select(vec![Clock::Utc, Clock::Local]);
        let theme = prop::sample::select(vec![ColorScheme::Auto, ColorScheme::Light, ColorScheme::Dark]);
        let panel = of(prop::sample::select(Panel::ALL.to_vec()));
        (
            view(),
            range(),
            clock,
            theme,
            any::<bool>(),
            panel,
            any::<bool>(),
            of(weights()),
            of(text()),
            prop::collection::vec(text(), 0..3),
            of(text()),
        )
            .prop_map(
                |(view, range, clock, theme, embed, panel, wall, weights, incident, sources, config)| {
                    ViewState {
                        view,
                        range,
                        clock,
                        theme,
                        embed,
                        panel,
                        wall,
                        weights,
                        incident,
                        sources,
                        config,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn parse_of_to_query_is_the_state(state in state()) {
            let query = state.to_query();
            let (read, ignored) = parse_query(&query);
            prop_assert!(ignored.is_empty(), "{} ignored {:?}", query, ignored);
            prop_assert_eq!(&read, &state, "{}", query);
            prop_assert_eq!(read.to_query(), query, "written again");
        }
    }
}
