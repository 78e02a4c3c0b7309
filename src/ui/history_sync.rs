//! The screen's state lives in the URL: read at start, written back as it changes (a new history
//! entry for a new screen, a replaced one for zooming and panning, per
//! [`history_action`](crate::state::history_action)), and read again on back and forward.

use leptos::prelude::*;
use wasm_bindgen::JsValue;

use crate::state::{history_action, parse_query, ColorScheme, HistoryAction, ViewState};

/// The page's query string (`?…`), or empty.
fn location_search() -> String {
    web_sys::window().and_then(|w| w.location().search().ok()).unwrap_or_default()
}

/// The state from the address bar, with what it ignored (shown to the user, not an error).
pub fn read() -> (ViewState, Vec<String>) {
    parse_query(location_search().trim_start_matches('?'))
}

/// Provides the state as a signal kept in step with the address bar, and applies the theme.
pub fn provide() -> (RwSignal<ViewState>, Vec<String>) {
    let (initial, ignored) = read();
    let state = RwSignal::new(initial.clone());
    let written = StoredValue::new(initial);
    Effect::new(move |_| {
        let now = state.get();
        apply_theme(now.theme);
        let before = written.get_value();
        let action = history_action(&before, &now);
        if action != HistoryAction::None {
            write(&now, action);
        }
        written.set_value(now);
    });
    let popstate = window_event_listener(leptos::ev::popstate, move |_| {
        let (now, _) = read();
        // Already in the address bar: record it so the effect writes nothing.
        written.set_value(now.clone());
        state.set(now);
    });
    on_cleanup(move || popstate.remove());
    provide_context(state);
    (state, ignored)
}

/// The state provided by [`provide`], if any (components mounted alone, as in tests, have none).
pub fn use_state() -> Option<RwSignal<ViewState>> {
    use_context::<RwSignal<ViewState>>()
}

fn write(state: &ViewState, action: HistoryAction) {
    let Some(window) = web_sys::window() else { return };
    let Ok(history) = window.history() else { return };
    let location = window.location();
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    let query = state.to_query();
    let url = if query.is_empty() { format!("{path}{hash}") } else { format!("{path}?{query}{hash}") };
    let _ = match action {
        HistoryAction::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryAction::Replace | HistoryAction::None => {
            history.replace_state_with_url(&JsValue::NULL, "", Some(&url))
        }
    };
}

/// `data-theme` on the root element: the stylesheet's light or dark colours, or the system's.
fn apply_theme(theme: ColorScheme) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else {
        return;
    };
    let _ = match theme {
        ColorScheme::Auto => root.remove_attribute("data-theme"),
        ColorScheme::Light => root.set_attribute("data-theme", "light"),
        ColorScheme::Dark => root.set_attribute("data-theme", "dark"),
    };
}
