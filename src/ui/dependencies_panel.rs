//! A service's dependencies in its detail view: its own availability beside the availability it
//! has once its dependencies' failures are replayed through the graph, the estimate that assumes
//! independent failures, the downtime it inherited, and what-if choices (drop a dependency, give it
//! an independent twin, change how many of a redundant group must be up) with their effect.

use std::rc::Rc;

use leptos::prelude::*;

use super::link::ViewLink;
use super::twin_table::{figure, text, Column, TwinTable};
use crate::analysis::{Replay, Weights};
use crate::model::format::{format_availability, format_duration_exact};
use crate::model::{Snapshot, Span, MS_PER_DAY, MS_PER_MINUTE};
use crate::state::what_if::{changes, set_dependency_choice, set_group_choice};
use crate::state::{View, ViewState, WhatIfChoice};

const DEPENDENCY_COLUMNS: [Column; 5] =
    [text("Needs"), text("How"), figure("Own"), figure("With its dependencies"), text("What if")];

const WINDOW_DAYS: i64 = 30;

#[component]
pub fn DependenciesPanel(
    snapshot: Rc<Snapshot>,
    weights: Weights,
    service_id: String,
    state: RwSignal<ViewState>,
) -> impl IntoView {
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
    let name = {
        let snapshot = snapshot.clone();
        move |id: &str| snapshot.service_name(id).to_string()
    };
    let figure = |id: &str| figures.iter().find(|c| c.service == id).cloned();
    let own = figure(&service_id);
    let percent_points = |ratio: f64| format!("{:+.3} pp", ratio * 100.0);

    let summary = own.clone().map(|c| {
        let gap = c.gap_ratio().map_or_else(|| "—".to_string(), percent_points);
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
    });

    // The choices live in the URL, so a link reproduces them.
    let choices = Memo::new(move |_| {
        state.with(|s| match &s.view {
            View::Service { what_if, .. } => what_if.clone(),
            _ => Vec::new(),
        })
    });
    let set_choices = move |update: &dyn Fn(&[WhatIfChoice]) -> Vec<WhatIfChoice>| {
        state.update(|s| {
            if let View::Service { what_if, .. } = &mut s.view {
                *what_if = update(what_if);
            }
        })
    };
    let choose = move |id: &str, value: &str| {
        let choice = match value {
            "without" => Some(WhatIfChoice::Without(id.to_string())),
            "twin" => Some(WhatIfChoice::Twin(id.to_string())),
            _ => None,
        };
        set_choices(&|all| set_dependency_choice(all, id, choice.clone()));
    };
    let chosen = move |id: &str, value: &str| {
        choices.with(|all| {
            let mine = all.iter().find(|c| c.dependency() == Some(id));
            match mine {
                Some(WhatIfChoice::Without(_)) => value == "without",
                Some(WhatIfChoice::Twin(_)) => value == "twin",
                _ => value == "as-is",
            }
        })
    };
    let row = |id: &String, role: String| {
        let c = figure(id);
        // A twin is as available as the dependency was: without a figure there is nothing to copy.
        let twin_allowed = c.as_ref().is_some_and(|c| c.composite_ratio.or(c.own_ratio).is_some());
        let dependency = id.clone();
        let (is_id, without_id, twin_id) = (id.clone(), id.clone(), id.clone());
        let label = format!("What if, for {}", name(id));
        view! {
            <tr data-testid="dependency-row" data-dependency-id=id.clone()>
                <th scope="row">
                    <ViewLink state=state to=View::service(id) label=name(id) testid="service-link" />
                </th>
                <td>{role}</td>
                <td class="num">{format_availability(c.as_ref().and_then(|c| c.own_ratio))}</td>
                <td class="num">{format_availability(c.as_ref().and_then(|c| c.composite_ratio))}</td>
                <td>
                    <select
                        aria-label=label
                        data-testid="what-if-choice"
                        on:change=move |e| choose(&dependency, &event_target_value(&e))
                    >
                        <option value="as-is" selected=move || chosen(&is_id, "as-is")>
                            "as is"
                        </option>
                        <option value="without" selected=move || chosen(&without_id, "without")>
                            "without it"
                        </option>
                        {twin_allowed
                            .then(|| {
                                view! {
                                    <option value="twin" selected=move || chosen(&twin_id, "twin")>
                                        "with an independent twin"
                                    </option>
                                }
                            })}
                    </select>
                </td>
            </tr>
        }
    };
    let rows = dependency.as_ref().map(|dep| {
        let serial = dep.requires.iter().map(|id| row(id, "required".into())).collect_view();
        let groups = dep
            .redundant
            .iter()
            .enumerate()
            .map(|(index, group)| {
                let n = group.of.len() as u32;
                let members =
                    group.of.iter().map(|id| row(id, format!("one of group {}", index + 1))).collect_view();
                let original_k = group.k;
                let needs = move |k: u32| {
                    choices.with(|all| {
                        let chosen = all.iter().find_map(|c| match c {
                            WhatIfChoice::GroupNeeds { group, k } if *group == index => Some(*k),
                            _ => None,
                        });
                        chosen.unwrap_or(original_k) == k
                    })
                };
                let options = (1..=n)
                    .map(|k| {
                        view! {
                            <option value=k.to_string() selected=move || needs(k)>
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
                                    set_choices(&|all| set_group_choice(all, index, k));
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
    });

    let replay = StoredValue::new(replay);
    let figures = StoredValue::new(figures);
    let service = service_id.clone();
    let outcome = move || {
        let changes = figures.with_value(|f| {
            let availability_of = |id: &str| {
                let c = f.iter().find(|c| c.service == id)?;
                c.composite_ratio.or(c.own_ratio)
            };
            choices.with(|all| changes(&service, all, availability_of))
        });
        if changes.is_empty() {
            return "Choose a change above to see what it would have done over these 30 days.".to_string();
        }
        let before =
            figures.with_value(|f| f.iter().find(|c| c.service == service).and_then(|c| c.composite_ratio));
        let after = replay.with_value(|r| {
            r.with_all(&changes)
                .and_then(|r| r.composites())
                .map(|all| all.into_iter().find(|c| c.service == service).and_then(|c| c.composite_ratio))
        });
        match (before, after) {
            (_, Err(error)) => format!("That change can't be replayed: {error}."),
            (Some(before), Ok(Some(after))) => {
                let delta = after - before;
                // A projection: whole minutes are precise enough.
                let minute_ms = MS_PER_MINUTE as f64;
                let per_year_ms = (delta.abs() * 365.25 * MS_PER_DAY as f64 / minute_ms).round() * minute_ms;
                let less_more = if delta >= 0.0 { "less" } else { "more" };
                let per_year = if per_year_ms == 0.0 {
                    "no change in downtime".to_string()
                } else {
                    format!("{} {less_more} downtime a year", format_duration_exact(per_year_ms))
                };
                format!(
                    "With these changes: {} instead of {} ({}; {per_year}).",
                    format_availability(Some(after)),
                    format_availability(Some(before)),
                    percent_points(delta),
                )
            }
            _ => "Not enough data over these 30 days to replay the change.".to_string(),
        }
    };

    let needed_by_line = (!needed_by.is_empty()).then(|| {
        let links = needed_by
            .iter()
            .map(|id| {
                view! {
                    <ViewLink state=state to=View::service(id) label=name(id) testid="service-link" />
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
    let service_name = name(&service_id);
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
            {dependency
                .is_some()
                .then(|| {
                    view! {
                        <p class="what-if" data-testid="what-if-outcome" aria-live="polite">
                            {outcome}
                        </p>
                    }
                })}
            {needed_by_line}
        </section>
    }
    .into_any()
}
