//! What every panel of a view shares, provided once by the dashboard as context instead of being
//! passed down through each panel's props: the data, the time range and clock, the screen's
//! state, the weights and the profiles measured with them, the service a service view is about,
//! and opening an incident.

use std::sync::Arc;

use leptos::prelude::*;

use super::time_view::TimeView;
use crate::analysis::{ServiceProfiles, Weights};
use crate::model::Snapshot;
use crate::state::ViewState;

#[derive(Clone, Copy)]
pub struct PanelContext {
    /// The merged data. A refresh replaces it, and every panel follows in place.
    pub snapshot: Signal<Arc<Snapshot>>,
    pub view: TimeView,
    pub state: RwSignal<ViewState>,
    /// How levels count as down, in every figure.
    pub weights: Weights,
    /// Each service's profile with `weights`, built once per data and shared by every panel.
    pub profiles: Memo<ServiceProfiles>,
    /// The service of a service view; `None` in the other views.
    pub only_service: StoredValue<Option<String>>,
    pub on_incident: Callback<usize>,
}

impl PanelContext {
    /// Whether the view shows service `id` (every service, except in a service view).
    pub fn shows_service(&self, id: &str) -> bool {
        self.only_service.with_value(|only| only.as_deref().is_none_or(|only| only == id))
    }
}

/// The context the dashboard provides to every panel it mounts.
pub fn panel_context() -> PanelContext {
    expect_context::<PanelContext>()
}
