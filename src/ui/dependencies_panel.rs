//! A service's dependencies in its detail view: its own availability beside the availability it
//! has once its dependencies' failures are replayed through the graph, the estimate that assumes
//! independent failures, the downtime it inherited, and what-if choices (drop a dependency, give it
//! an independent twin, change how many of a redundant group must be up) with their effect.

use std::sync::Arc;

use leptos::prelude::*;

use super::link::ViewLink;
use super::twin_table::{figure, text, Column, TwinTable};
use crate::analysis::{Composite, Replay, Weights};
use crate::model::format::{format_availability, format_duration_exact};
use crate::model::{Dependency, Snapshot, Span, MS_PER_DAY};
use crate::state::what_if::{format_percent_points, outcome_text, set_dependency_choice, set_group_choice};
use crate::state::{View, ViewState, WhatIfChoice};

const DEPENDENCY_COLUMNS: [Column; 5] =
    [text("Needs"), text("How"), figure("Own"), figure("With its dependencies"), text("What if")];

const WINDOW_DAYS: i64 = 30;

/// The dependencies panel of `service_id`, nothing when it has no dependencies and nothing needs
/// it. It is drawn anew with each refresh, so it reads the state (the what-if choices) untracked
/// and follows it through `changed`, which fires when it changes.
pub fn dependencies_panel(
    snapshot: Arc<Snapshot>,
    weights: Weights,
    service_id: String,
    state: RwSignal<ViewState>,
    changed: RwSignal<usize>,
) -> AnyView {
    let window = Span::ending_at(snapshot.as_of_ms, WINDOW_DAYS * MS_PER_DAY);
    let replay = Replay::new(&snapshot, &weights, window);
    let dependency = replay.dependency_of(&service_id).cloned();
    let needed_by = replay.needed_by(&service_id);
    if dependency.is_none() && needed_by.is_empty() {
        return ().into_any();
    }
    let figures = match replay.composites() {
        Ok(figures) => figures,
        Err(error) => {
            return view! {
                <section class="panel" aria-labelledby="dependencies-heading" data-testid="dependencies">
                    <h2 id="dependencies-heading">"Dependencies"</h2>
                    <p class="error" role="alert">
                        {format!("The dependency graph can't be replayed: {error}.")}
                    </p>
                </section>
            }
            .into_any();
        }
    };
    let panel =
        Choices { snapshot: StoredValue::new(snapshot), state, changed, figures: StoredValue::new(figures) };
    let summary = panel.figure(&service_id).map(dependency_figures);
    let rows = dependency.as_ref().map(|dependency| dependency_table(panel, dependency));
    let outcome = dependency.is_some().then(|| {
        let replay = StoredValue::new(replay);
        let service = service_id.clone();
        let outcome = move || {
            panel.figures.with_value(|figures| {
                replay.with_value(|replay| {
                    panel.with_chosen(|choices| outcome_text(&service, choices, replay, figures))
                })
            })
        };
        view! {
            <p class="what-if" data-testid="what-if-outcome" aria-live="polite">
                {outcome}
            </p>
        }
    });
    let needed_by_line = (!needed_by.is_empty()).then(|| {
        let links = needed_by
            .iter()
            .map(|id| {
                view! {
                    <ViewLink
                        state=state
                        to=View::service(id)
                        label=panel.name(id)
                        testid="service-link"
                        redrawn=true
                    />
                    " "
                }
            })
            .collect_view();
        view! {
            <p class="caption" data-testid="needed-by">
                "Needed by: "
                {links}
            </p>
        }
    });
    let service_name = panel.name(&service_id);
    view! {
        <section class="panel" aria-labelledby="dependencies-heading" data-testid="dependencies">
            <h2 id="dependencies-heading">
                {format!("Dependencies of {service_name} — last {WINDOW_DAYS} days")}
            </h2>
            <p class="caption">
                "Own: what the service's own data shows. With its dependencies: its history replayed through what it needs, so a dependency's outage counts as its outage. The estimate multiplies whole-period figures as if failures were independent. Where outages came together, the replay is above the estimate for required dependencies (one outage is not counted twice) and below it for redundant groups (redundancy is worth less than it promises). An independent twin is a second provider, as available as the first over these days, that fails independently of it."
            </p>
            {summary}
            {rows}
            {outcome}
            {needed_by_line}
        </section>
    }
    .into_any()
}

/// What the rows of the panel share: the data, the screen (whose URL holds the what-if
/// choices) and every service's figures as they are.
#[derive(Clone, Copy)]
struct Choices {
    snapshot: StoredValue<Arc<Snapshot>>,
    state: RwSignal<ViewState>,
    changed: RwSignal<usize>,
    figures: StoredValue<Vec<Composite>>,
}

impl Choices {
    fn name(self, id: &str) -> String {
        self.snapshot.with_value(|s| s.service_name(id).to_string())
    }

    fn figure(self, id: &str) -> Option<Composite> {
        self.figures.with_value(|f| f.iter().find(|c| c.service == id).cloned())
    }

    /// `read` of the what-if choices, which live in the URL so that a link reproduces them (read
    /// from the state each time: cheaper than a memo of them).
    fn with_chosen<R>(self, read: impl FnOnce(&[WhatIfChoice]) -> R) -> R {
        self.changed.get();
        self.state.with_untracked(|s| match &s.view {
            View::Service { what_if, .. } => read(what_if),
            _ => read(&[]),
        })
    }

    fn update(self, update: impl Fn(&[WhatIfChoice]) -> Vec<WhatIfChoice>) {
        self.state.update(|s| {
            if let View::Service { what_if, .. } = &mut s.view {
                *what_if = update(what_if);
            }
        })
    }

    /// Whether the option `value` (`as-is`, `without`, `twin`) is chosen for dependency `id`.
    fn is_chosen(self, id: &str, value: &str) -> bool {
        self.with_chosen(|all| match all.iter().find(|c| c.dependency() == Some(id)) {
            Some(WhatIfChoice::Without(_)) => value == "without",
            Some(WhatIfChoice::Twin(_)) => value == "twin",
            _ => value == "as-is",
        })
    }

    fn choose(self, id: &str, value: &str) {
        let choice = match value {
            "without" => Some(WhatIfChoice::Without(id.to_string())),
            "twin" => Some(WhatIfChoice::Twin(id.to_string())),
            _ => None,
        };
        self.update(|all| set_dependency_choice(all, id, choice.clone()));
    }

    /// How many members of group `index` the choices need up, else `original_k`.
    fn group_needs(self, index: usize, original_k: u32) -> u32 {
        self.with_chosen(|all| {
            all.iter()
                .find_map(|c| match c {
                    WhatIfChoice::GroupNeeds { group, k } if *group == index => Some(*k),
                    _ => None,
                })
                .unwrap_or(original_k)
        })
    }
}

fn dependency_figures(c: Composite) -> impl IntoView {
    let gap = c.gap_ratio().map_or_else(|| "—".to_string(), format_percent_points);
    view! {
        <dl class="figures" data-testid="dependency-figures">
            <div>
                <dt>"Own"</dt>
                <dd data-testid="own-availability">{format_availability(c.own_ratio)}</dd>
            </div>
            <div>
                <dt>"With its dependencies"</dt>
                <dd data-testid="composite-availability">{format_availability(c.composite_ratio)}</dd>
            </div>
            <div>
                <dt>"Estimate if failures were independent"</dt>
                <dd data-testid="static-availability">{format_availability(c.static_ratio)}</dd>
            </div>
            <div>
                <dt>"Replay − estimate"</dt>
                <dd>{gap}</dd>
            </div>
            <div>
                <dt>"Inherited downtime"</dt>
                <dd data-testid="inherited-downtime">{format_duration_exact(c.inherited_down_ms)}</dd>
            </div>
        </dl>
    }
}

/// The dependencies with their figures and a what-if choice each; a redundant group's row
/// chooses how many of its members must be up.
fn dependency_table(panel: Choices, dependency: &Dependency) -> impl IntoView {
    let serial =
        dependency.requires.iter().map(|id| dependency_row(panel, id, "required".into())).collect_view();
    let groups = dependency
        .redundant
        .iter()
        .enumerate()
        .map(|(index, group)| {
            let n = group.of.len() as u32;
            let members = group
                .of
                .iter()
                .map(|id| dependency_row(panel, id, format!("one of group {}", index + 1)))
                .collect_view();
            let original_k = group.k;
            let options = (1..=n)
                .map(|k| {
                    view! {
                        <option
                            value=k.to_string()
                            selected=move || panel.group_needs(index, original_k) == k
                        >
                            {format!("{k} of {n}")}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <tr>
                    <th scope="row" colspan="4">
                        {format!("Group {}: {} of {} must be up", index + 1, group.k, n)}
                    </th>
                    <td>
                        <select
                            aria-label=format!("What if group {} needed", index + 1)
                            data-testid="what-if-k"
                            on:change=move |e| {
                                let k = event_target_value(&e).parse().unwrap_or(original_k);
                                let k = (k != original_k).then_some(k);
                                panel.update(|all| set_group_choice(all, index, k));
                            }
                        >
                            {options}
                        </select>
                    </td>
                </tr>
                {members}
            }
        })
        .collect_view();
    view! {
        <TwinTable label="Dependencies" columns=&DEPENDENCY_COLUMNS class="dependencies">
            {serial}
            {groups}
        </TwinTable>
    }
}

fn dependency_row(panel: Choices, id: &str, role: String) -> impl IntoView {
    let c = panel.figure(id);
    // A twin is as available as the dependency was: without a figure there is nothing to copy.
    let twin_allowed = c.as_ref().is_some_and(|c| c.composite_ratio.or(c.own_ratio).is_some());
    let dependency = id.to_string();
    let (is_id, without_id, twin_id) = (dependency.clone(), dependency.clone(), dependency.clone());
    let label = format!("What if, for {}", panel.name(id));
    view! {
        <tr data-testid="dependency-row" data-dependency-id=id.to_string()>
            <th scope="row">
                <ViewLink
                    state=panel.state
                    to=View::service(id)
                    label=panel.name(id)
                    testid="service-link"
                    redrawn=true
                />
            </th>
            <td>{role}</td>
            <td class="num">{format_availability(c.as_ref().and_then(|c| c.own_ratio))}</td>
            <td class="num">{format_availability(c.as_ref().and_then(|c| c.composite_ratio))}</td>
            <td>
                <select
                    aria-label=label
                    data-testid="what-if-choice"
                    on:change=move |e| panel.choose(&dependency, &event_target_value(&e))
                >
                    <option value="as-is" selected=move || panel.is_chosen(&is_id, "as-is")>
                        "as is"
                    </option>
                    <option value="without" selected=move || panel.is_chosen(&without_id, "without")>
                        "without it"
                    </option>
                    {twin_allowed
                        .then(|| {
                            view! {
                                <option value="twin" selected=move || panel.is_chosen(&twin_id, "twin")>
                                    "with an independent twin"
                                </option>
                            }
                        })}
                </select>
            </td>
        </tr>
    }
}
