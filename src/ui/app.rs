//! The page: the screen's state from the URL, the sources (config, `?source=`, or a file the user
//! brings), a loading state, then the dashboard or a readable error. `embed` drops the page
//! chrome; `wall` enlarges the type and shows the views in turn.

use leptos::prelude::*;

use super::dashboard::Dashboard;
use super::error_panel::ErrorPanel;
use super::history_sync;
use super::link::ViewLink;
use super::local_file::LocalFile;
use super::sign_in;
use super::sources;
use crate::state::view_state::WALL_DWELL_S;
use crate::state::{View, ViewState};

#[component]
pub fn App() -> impl IntoView {
    // A sign-in's answer leaves the address before the view state is read from it.
    sign_in::take_answer();
    let (state, ignored) = history_sync::provide();
    let query = web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default();
    // The sources are read once per page: later changes of the address are screens, not data.
    let progress = RwSignal::new(None::<String>);
    let live = LocalResource::new(move || sources::start(query.clone(), progress));
    let embed = move || state.with(|s| s.embed);
    let wall = move || state.with(|s| s.wall);
    rotate_on_wall(state);
    let ignored_note = (!ignored.is_empty()).then(|| {
        view! {
            <details class="issues" data-testid="url-ignored">
                <summary>{format!("{} part(s) of the address were ignored", ignored.len())}</summary>
                <ul>{ignored.into_iter().map(|reason| view! { <li>{reason}</li> }).collect_view()}</ul>
            </details>
        }
    });
    view! {
        {move || (!embed()).then(|| top_bar(state))}
        <main class="page" class:embed=embed class:wall=wall>
            {ignored_note}
            {move || match live.get() {
                None => loading(progress).into_any(),
                Some(Err(error)) => view! { <ErrorPanel error=error /> }.into_any(),
                Some(Ok(live)) => live_dashboard(live, state, progress).into_any(),
            }}
        </main>
    }
}

/// The page's heading and the links to the views.
fn top_bar(state: RwSignal<ViewState>) -> impl IntoView {
    view! {
        <header class="topbar">
            <span class="brand">"Nines"</span>
            <span class="tagline">"resilience dashboard"</span>
            <nav class="views" aria-label="Views">
                <ViewLink state=state to=View::Overview label="Overview" testid="nav-overview" />
                <ViewLink
                    state=state
                    to=View::Incidents {
                        filters: Default::default(),
                    }
                    label="Incidents"
                    testid="nav-incidents"
                />
                <ViewLink state=state to=View::Regions label="Regions" testid="nav-regions" />
                <ViewLink state=state to=View::Correlations label="Correlations" testid="nav-correlations" />
                <ViewLink
                    state=state
                    to=View::Monthly {
                        services_as_rows: false,
                    }
                    label="Monthly"
                    testid="nav-monthly"
                />
            </nav>
        </header>
    }
}

/// A wall screen shows each view in turn; the sources keep it current.
fn rotate_on_wall(state: RwSignal<ViewState>) {
    let wall_on = Memo::new(move |_| state.with(|s| s.wall));
    Effect::new(move |previous: Option<Option<IntervalHandle>>| {
        if let Some(Some(handle)) = previous {
            handle.clear();
        }
        let next_view = move || {
            state.update(|s| {
                s.view = s.view.next_on_wall();
                s.panel = None;
                s.incident = None;
            })
        };
        let dwell = std::time::Duration::from_secs(u64::from(WALL_DWELL_S));
        wall_on.get().then(|| set_interval_with_handle(next_view, dwell).ok()).flatten()
    });
}

/// Before the first data: a spinner and how far the download is.
fn loading(progress: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="loading" data-testid="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            "Loading status data…"
            " "
            <span data-testid="load-progress">{move || progress.get()}</span>
        </p>
    }
}

/// The sources' data: the file picker, a refresh's progress and the dashboard, or the error that
/// left no data at all.
fn live_dashboard(
    live: std::rc::Rc<sources::Live>,
    state: RwSignal<ViewState>,
    progress: RwSignal<Option<String>>,
) -> impl IntoView {
    // A new screen (view and its service, panel, embedding, weights) mounts a new dashboard; the
    // range, clock, theme, opened incident and incident filters change in place (typing in the
    // incident search must not remount the view).
    let screen = Memo::new(move |_| {
        state.with(|s| {
            let service = match &s.view {
                View::Service { id, .. } => Some(id.clone()),
                _ => None,
            };
            (s.view.name(), service, s.panel, s.embed, s.weights.clone())
        })
    });
    let (loaded, failure) = (live.loaded, live.failure);
    let local_file = (!state.with_untracked(|s| s.embed || s.wall)).then(|| {
        // Only the signals go into the view; the resource keeps `live` alive.
        view! { <LocalFile live=live.clone() /> }
    });
    let has_data = Memo::new(move |_| loaded.with(Option::is_some));
    let dashboard = move || {
        let _screen = screen.get();
        let first = loaded.get_untracked().filter(|_| has_data.get());
        let error = first.is_none().then(|| failure.get()).flatten();
        match (first, error) {
            // Mounted once per screen: new data flows into the mounted dashboard. A failed
            // refresh while there is data is the banners' business, not a remount. Once it has
            // data, the signal never loses it.
            (Some(first), _) => {
                let current = Signal::derive_local(move || loaded.get().unwrap_or_else(|| first.clone()));
                view! { <Dashboard loaded=current /> }.into_any()
            }
            (None, Some(error)) => view! { <ErrorPanel error=error /> }.into_any(),
            (None, None) => ().into_any(),
        }
    };
    // A refresh of a large source says how far it is.
    let refreshing = move || {
        progress.get().map(|text| {
            view! {
                <p class="caption" data-testid="load-progress" role="status">
                    {text}
                </p>
            }
        })
    };
    view! {
        {local_file}
        {refreshing}
        {dashboard}
    }
}
