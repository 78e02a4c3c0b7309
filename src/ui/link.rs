//! Links between screens: real addresses (they open in a new tab, and can be copied), followed in
//! place by updating the URL state when clicked plainly; and the list items of a record's links
//! to the web.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::state::{View, ViewState};

/// A link to view `to`, with the current range, clock, theme and weights kept; the panel and the
/// open incident are left behind. `aria-current="page"` marks the link to the view on screen.
///
/// `redrawn`: the link is in content drawn anew with every refresh (a table's rows), so it reads
/// `state` without subscribing to it, and makes its address again when a pointer enters it or it
/// takes the focus (before anyone can open or copy it). A dropped effect keeps its place among a
/// signal's subscribers until the signal changes, and `state` can stay unchanged for as long as a
/// wall screen shows the page: every redraw would leave its links' effects behind.
#[component]
pub fn ViewLink(
    state: RwSignal<ViewState>,
    to: View,
    #[prop(into)] label: String,
    testid: &'static str,
    #[prop(optional)] redrawn: bool,
) -> impl IntoView {
    let target = {
        let to = to.clone();
        move || {
            if !redrawn {
                state.track();
            }
            state.with_untracked(|now| address(now, &to))
        }
    };
    let renew = {
        let to = to.clone();
        move |e: &web_sys::Event| {
            let link = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            if let (true, Some(link)) = (redrawn, link) {
                let _ = link.set_attribute("href", &state.with_untracked(|now| address(now, &to)));
            }
        }
    };
    let current = {
        let to = to.clone();
        move || {
            let is = |s: &ViewState| match (&s.view, &to) {
                (View::Service { id: a, .. }, View::Service { id: b, .. }) => a == b,
                (now, to) => now.name() == to.name(),
            };
            if redrawn {
                state.with_untracked(is)
            } else {
                state.with(is)
            }
        }
    };
    view! {
        <a
            href=target
            data-testid=testid
            aria-current=move || current().then_some("page")
            on:pointerenter={
                let renew = renew.clone();
                move |e: leptos::ev::PointerEvent| renew(e.as_ref())
            }
            on:focus=move |e: leptos::ev::FocusEvent| renew(e.as_ref())
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

/// The address of view `to` from state `now`.
fn address(now: &ViewState, to: &View) -> String {
    let mut next = now.clone();
    go(&mut next, to.clone());
    format!("?{}", next.to_query())
}

fn go(state: &mut ViewState, to: View) {
    state.view = to;
    state.panel = None;
    state.incident = None;
}

/// `links` (http(s) addresses from data) as list items, each opening in a new tab without handing
/// the dashboard to it; the address is its text.
pub fn web_link_items<'a>(links: impl IntoIterator<Item = &'a String>) -> Vec<impl IntoView> {
    links
        .into_iter()
        .map(|l| {
            view! {
                <li>
                    <a href=l.clone() rel="noopener noreferrer" target="_blank">
                        {l.clone()}
                    </a>
                </li>
            }
        })
        .collect()
}
