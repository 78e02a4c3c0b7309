//! Bring your own file: open, drop or paste any supported status file. It is read in this page
//! and never uploaded. The first one replaces what the page shows; later ones join it. A large
//! one (2 MiB or more) is parsed in a worker (`super::parse`) while the status line says so.

use std::rc::Rc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use super::error_panel::ErrorPanel;
use super::parse::Input;
use super::sources::{megabytes, Live};
use crate::ingest::{self, IngestError};
use crate::state::AppError;

/// Reads `file` and adds it, saying what is happening meanwhile.
async fn read_file(
    live: Rc<Live>,
    file: web_sys::File,
    status: RwSignal<Option<String>>,
    error: RwSignal<Option<Rc<AppError>>, LocalStorage>,
) {
    let name = file.name();
    // A file larger than any reader accepts is refused before its bytes take the page's memory.
    let bytes = file.size() as usize;
    if bytes > ingest::MAX_INPUT_BYTES {
        let error_now = IngestError::TooLarge { bytes, limit: ingest::MAX_INPUT_BYTES };
        error.set(Some(Rc::new(AppError::Ingest { source_url: name, error: error_now })));
        status.set(None);
        return;
    }
    status.set(Some(format!("Reading {name} ({})…", megabytes(bytes as u64))));
    let bytes = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()
        .and_then(|buffer| buffer.dyn_into::<js_sys::ArrayBuffer>().ok())
        .map(|buffer| js_sys::Uint8Array::new(&buffer));
    let Some(bytes) = bytes else {
        status.set(Some(format!("{name} could not be read as text.")));
        return;
    };
    add_input(live, &name, Input::Bytes(bytes), status, error).await;
}

/// Adds `input` as a source named `name`, after one frame so the progress message shows first.
async fn add_input(
    live: Rc<Live>,
    name: &str,
    input: Input,
    status: RwSignal<Option<String>>,
    error: RwSignal<Option<Rc<AppError>>, LocalStorage>,
) {
    status.set(Some(format!("Parsing {name} ({})…", megabytes(input.len_bytes() as u64))));
    let frame = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(frame).await;
    match live.add_local(name, &input).await {
        Ok(()) => {
            error.set(None);
            status.set(Some(format!("Showing {name}, read in this page; nothing was uploaded.")));
        }
        Err(e) => {
            error.set(Some(e));
            status.set(None);
        }
    }
}

#[component]
pub fn LocalFile(live: Rc<Live>) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let error: RwSignal<Option<Rc<AppError>>, LocalStorage> = RwSignal::new_local(None);
    let live = StoredValue::new_local(live);
    let on_pick = move |e: leptos::ev::Event| {
        let file = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|input| input.files())
            .and_then(|files| files.get(0));
        if let Some(file) = file {
            spawn_local(read_file(live.get_value(), file, status, error));
        }
    };
    // Dropping a file anywhere on the page, or pasting text outside a field, reads it.
    let dragover = window_event_listener(leptos::ev::dragover, |e| e.prevent_default());
    let drop = window_event_listener(leptos::ev::drop, move |e: web_sys::DragEvent| {
        e.prevent_default();
        if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
            spawn_local(read_file(live.get_value(), file, status, error));
        }
    });
    let paste = window_event_listener(leptos::ev::paste, move |e: web_sys::ClipboardEvent| {
        let in_field = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let text = e.clipboard_data().and_then(|d| d.get_data("text").ok()).filter(|t| !t.trim().is_empty());
        if let (false, Some(text)) = (in_field, text) {
            e.prevent_default();
            spawn_local(add_input(live.get_value(), "pasted text", Input::Text(text), status, error));
        }
    });
    on_cleanup(move || {
        dragover.remove();
        drop.remove();
        paste.remove();
    });
    view! {
        <section class="local-file" aria-label="Your own file">
            <label>
                "Open a status file "
                <input
                    type="file"
                    accept=".json,.yml,.yaml,application/json"
                    data-testid="open-file"
                    on:change=on_pick
                />
            </label>
            <span class="muted">
                " or drop it on the page, or paste its text. It is read here and never uploaded."
            </span>
            <p class="caption" data-testid="local-file-status" role="status">
                {move || status.get()}
            </p>
            <div data-testid="local-file-error-slot">
                {move || error.get().map(|e| view! { <ErrorPanel error=e /> })}
            </div>
        </section>
    }
}
