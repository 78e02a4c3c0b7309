//! Links between screens: real addresses (they open in a new tab, and can be copied), followed in
//! place by updating the URL state when clicked plainly.

use leptos::prelude::*;

use crate::state::{View, ViewState};

/// A link to view `to`, with the current range, clock, theme and weights kept; the panel and the
/// open incident are left behind. `aria-current="page"` marks the link to the view on screen.
#[component]
pub fn ViewLink(
    state: RwSignal<ViewState>,
    to: View,
    #[prop(into)] label: String,
    testid: &'static str,
) -> impl IntoView {
    let target = {
        let to = to.clone();
        move || {
            let mut next = state.get();
            go(&mut next, to.clone());
            format!("?{}", next.to_query())
        }
    };
    let current = {
        let to = to.clone();
        move || {
            state.with(|s| match (&s.view, &to) {
                (View::Service { id: a, .. }, View::Service { id: b, .. }) => a == b,
                (now, to) => now.name() == to.name(),
            })
        }
    };
    view! {
        <a
            href=target
            data-testid=testid
            aria-current=move || current().then_some("page")
            on:click=move |e: leptos::ev::MouseEvent| {
                if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                    return;
                }
                e.prevent_default();
                let to = to.clone();
                state.update(|s| go(s, to));
            }
        >
            {label}
        </a>
    }
}

fn go(state: &mut ViewState, to: View) {
    state.view = to;
    state.panel = None;
    state.incident = None;
}
