//! The browser shell (feature `web`): fetching, Leptos components and the canvases. Logic that
//! native tests can reach lives in the core modules; this layer wires it to the page.

mod announcements;
mod app;
mod bars_panel;
mod burndown_panel;
pub mod canvas;
mod chart;
mod correlations_view;
mod curve_panel;
mod dashboard;
mod dependencies_panel;
mod error_panel;
mod export;
mod fetch;
mod history_sync;
mod incident;
mod incidents_view;
mod level_class;
mod link;
mod local_file;
mod maintenance;
mod monthly_view;
mod pager;
mod panel;
mod parse;
mod perf;
mod probe_panel;
mod regions_view;
mod sign_in;
mod sources;
mod time_view;
mod timeline_panel;
mod twin_table;

pub use crate::state::{AppError, FetchError, Loaded, LoadedSource};
pub use app::App;
pub use chart::css_theme;
pub use dashboard::Dashboard;
pub use parse::{answer_in_worker, WORKER_MIN_BYTES};

/// Mounts the dashboard on `<body>`.
pub fn mount() {
    leptos::mount::mount_to_body(App);
}
