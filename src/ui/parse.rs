//! Reading a source's text without stalling the page: inputs of [`WORKER_MIN_BYTES`] or more
//! ([`WORKER_MIN_NATIVE_BYTES`] in the native format, whose reader is faster) are parsed in a Web
//! Worker running this same module (no second wasm binary), smaller ones on the main thread,
//! where they take less time than handing them over.
//!
//! The worker is a module worker made from a few lines of script (a Blob URL). It imports the
//! page's own JS glue — its address is the glue's `import.meta.url`, so it works at any sub-path
//! — initialises the module (whose `main` does nothing without a window) and calls the exported
//! `parse_in_worker`, which answers with an [`ingest::handoff::Answer`]: the sample columns as
//! typed arrays, handed over without copying, and the rest as a compact text read back here. The
//! wasm file's address is the one Trunk preloads in the page (its name carries a hash the glue
//! does not know). Errors come back as the same [`IngestError`]s. A worker that cannot start
//! or load the module is dropped for the rest of the page's life, with a note in the console,
//! and inputs are parsed on the main thread as before. A worker that fails while reading an
//! input, or has not answered within [`worker_timeout_ms`], is stopped and the input is
//! [`IngestError::Stopped`]: it is not read again on the main thread, where the same failure
//! would stall or end the page (the next large input starts a new worker); inputs waiting behind
//! it in that worker are read on the main thread. Once it has answered every question the worker
//! is stopped, giving back the memory it grew to. The round trip is the User Timing measure
//! `nines:parse-worker`; reading the answer here is `nines:parse`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Float32Array, Object, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::ingest::{self, handoff, Format, IngestError, ParseOptions, Parsed};

/// Inputs from this many bytes up (2 MiB) are parsed in the worker. Below it the main thread
/// parses in under about 40 ms (53 MB/s for Statuspage JSON, 145 MB/s for the native format:
/// docs/performance.md), less than the worker takes to start (a few hundred ms, once per page)
/// and short of a long task; the 1 MiB demo stays there.
pub const WORKER_MIN_BYTES: usize = 2 * 1024 * 1024;

/// Inputs in the native format are read on the main thread up to this many bytes (4 MiB): its
/// reader, at 145 MB/s (docs/performance.md), reads that in about 30 ms, where the worker's round
/// trip took 130–230 ms for a collected folder's 2.7 MB index.
pub const WORKER_MIN_NATIVE_BYTES: usize = 4 * 1024 * 1024;

/// How long the worker may take over an input of `len_bytes`, starting included: 20 s, and
/// 250 ms more per MiB (84 s for the largest input read, 256 MiB, which Statuspage's reader, at
/// the 53 MB/s docs/performance.md measured, reads in about 5 s), so that only a reader that
/// hangs or crawls reaches it.
pub fn worker_timeout_ms(len_bytes: usize) -> i32 {
    let mib = i32::try_from(len_bytes >> 20).unwrap_or(i32::MAX);
    mib.saturating_mul(250).saturating_add(20_000)
}

/// The worker's whole script. `glue` and `wasm` are the absolute URLs of the page's JS glue and
/// wasm module.
const WORKER_SCRIPT: &str = r#"let ready;
onmessage = async (event) => {
  const { id, glue, wasm, input, format, labels, region } = event.data;
  let loaded = false;
  try {
    ready ??= import(glue).then(async (m) => { await m.default({ module_or_path: wasm }); return m; });
    const m = await ready;
    loaded = true;
    const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
    const answer = m.parse_in_worker(bytes, format, labels, region);
    const moved = answer.columns.map((a) => a.buffer);
    postMessage({ id, answer }, moved);
  } catch (error) {
    postMessage({ id, failed: String((error && error.stack) || error), loaded });
  }
};
"#;

#[wasm_bindgen]
extern "C" {
    type ImportMeta;
    #[wasm_bindgen(thread_local_v2, js_namespace = import, js_name = meta)]
    static IMPORT_META: ImportMeta;
    #[wasm_bindgen(method, getter)]
    fn url(this: &ImportMeta) -> String;
}

/// A source's body: text already in this module, or bytes as they came from the network or disk.
pub enum Input {
    Text(String),
    Bytes(Uint8Array),
}

impl Input {
    pub fn len_bytes(&self) -> usize {
        match self {
            Input::Text(text) => text.len(),
            Input::Bytes(bytes) => bytes.length() as usize,
        }
    }

    /// Its first [`ingest::NATIVE_HEAD_BYTES`], as bytes.
    fn head(&self) -> Vec<u8> {
        match self {
            Input::Text(text) => text.as_bytes().iter().take(ingest::NATIVE_HEAD_BYTES).copied().collect(),
            Input::Bytes(bytes) => bytes.subarray(0, ingest::NATIVE_HEAD_BYTES as u32).to_vec(),
        }
    }

    /// The text, decoded as `Response.text()` and `File.text()` do (UTF-8, a BOM dropped,
    /// malformed bytes replaced).
    pub fn text(&self) -> String {
        match self {
            Input::Text(text) => text.clone(),
            Input::Bytes(bytes) => decode_utf8(bytes),
        }
    }
}

fn decode_utf8(bytes: &Uint8Array) -> String {
    web_sys::TextDecoder::new()
        .and_then(|decoder| decoder.decode_with_buffer_source(bytes))
        // Every browser that runs this page has a TextDecoder.
        .unwrap_or_default()
}

/// Reads `input` as `format` (or detects it), in the worker when it is large.
pub async fn parse(
    input: &Input,
    format: Option<Format>,
    options: &ParseOptions,
) -> Result<Parsed, IngestError> {
    let native = format == Some(Format::Native) || format.is_none() && ingest::looks_native(&input.head());
    let worker_min_bytes = if native { WORKER_MIN_NATIVE_BYTES } else { WORKER_MIN_BYTES };
    if input.len_bytes() >= worker_min_bytes {
        match parse_in_worker_thread(input, format, options).await {
            Ok(result) => return result,
            Err(WorkerFailure::Failed(reason)) => return Err(IngestError::Stopped { reason }),
            Err(WorkerFailure::Unavailable(reason)) => {
                web_sys::console::warn_1(&format!("Nines: parsing on the main thread: {reason}").into());
            }
        }
    }
    match input {
        Input::Text(text) => {
            super::perf::measure("nines:parse", || ingest::parse_with(text, format, options))
        }
        // One copy into this module's memory, then the reader that works on bytes.
        Input::Bytes(bytes) => {
            let bytes = bytes.to_vec();
            super::perf::measure("nines:parse", || ingest::parse_bytes_with(&bytes, format, options))
        }
    }
}

/// Why the worker gave no answer.
enum WorkerFailure {
    /// It could not start, load the module or take the input: the main thread reads it.
    Unavailable(String),
    /// It failed, or ran out of time, while reading this input: it is not read again.
    Failed(String),
}

/// The worker's answer, or why there is none.
async fn parse_in_worker_thread(
    input: &Input,
    format: Option<Format>,
    options: &ParseOptions,
) -> Result<Result<Parsed, IngestError>, WorkerFailure> {
    let worker = ParseWorker::get().map_err(WorkerFailure::Unavailable)?;
    let message = Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = Reflect::set(&message, &JsValue::from_str(key), value);
    };
    set("glue", &JsValue::from_str(&worker.glue_url));
    set("wasm", &JsValue::from_str(&worker.wasm_url));
    match input {
        Input::Text(text) => set("input", &JsValue::from_str(text)),
        Input::Bytes(bytes) => set("input", bytes),
    }
    set("format", &format.map_or(JsValue::NULL, |f| JsValue::from_str(f.name())));
    set("labels", &JsValue::from_str(&options.prometheus.service_labels.join("\n")));
    set("region", &JsValue::from_str(&options.prometheus.region_label));
    super::perf::start("nines:parse-worker");
    let reply = worker.ask(message, worker_timeout_ms(input.len_bytes())).await;
    super::perf::end("nines:parse-worker");
    let reply = match reply {
        Ok(reply) => reply,
        Err(failure) => {
            match failure {
                WorkerFailure::Unavailable(_) => ParseWorker::give_up(),
                WorkerFailure::Failed(_) => ParseWorker::stop(),
            }
            return Err(failure);
        }
    };
    ParseWorker::release_if_idle();
    let unreadable = || WorkerFailure::Failed("the worker's answer was not readable".into());
    let answer = read_answer(&reply).ok_or_else(unreadable)?;
    super::perf::measure("nines:parse", || handoff::decode(answer)).ok_or_else(unreadable)
}

/// The [`handoff::Answer`] in a JS object `{text, columns}`.
fn read_answer(reply: &JsValue) -> Option<handoff::Answer> {
    let field = |key: &str| Reflect::get(reply, &JsValue::from_str(key)).ok();
    let text = field("text")?.as_string()?;
    let columns = field("columns")?
        .dyn_into::<Array>()
        .ok()?
        .iter()
        .map(|a| a.dyn_into::<Float32Array>().ok().map(|a| a.to_vec()))
        .collect::<Option<Vec<_>>>()?;
    Some(handoff::Answer { text, columns })
}

/// What the worker's module answers: `{text, columns: Float32Array[]}`.
pub fn answer_in_worker(bytes: &[u8], format: Option<String>, labels: &str, region: &str) -> JsValue {
    let format = format.as_deref().and_then(Format::from_name);
    let mut options = ParseOptions::default();
    options.prometheus.service_labels =
        labels.split('\n').filter(|l| !l.is_empty()).map(String::from).collect();
    options.prometheus.region_label = region.to_string();
    let answer = handoff::encode(ingest::parse_bytes_with(bytes, format, &options));
    let reply = Object::new();
    let columns: Array = answer.columns.iter().map(|c| Float32Array::from(c.as_slice())).collect();
    let _ = Reflect::set(&reply, &JsValue::from_str("text"), &JsValue::from_str(&answer.text));
    let _ = Reflect::set(&reply, &JsValue::from_str("columns"), &columns);
    reply.into()
}

/// The questions awaiting an answer: id, resolve, reject.
type Pending = Rc<RefCell<Vec<(u32, js_sys::Function, js_sys::Function)>>>;

/// The page's one parse worker, started on first use.
struct ParseWorker {
    worker: web_sys::Worker,
    glue_url: String,
    wasm_url: String,
    pending: Pending,
    /// It reported an error: its script or module failed, or it crashed.
    broken: Rc<Cell<bool>>,
    next_id: Cell<u32>,
    _on_message: Closure<dyn FnMut(web_sys::Event)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

enum State {
    NotStarted,
    Running(Rc<ParseWorker>),
    /// It failed once; the main thread parses from now on.
    Unavailable,
}

thread_local! {
    static STATE: RefCell<State> = const { RefCell::new(State::NotStarted) };
    /// The worker script's Blob URL, made once and kept for the page's life (a few hundred
    /// bytes): each new worker starts from it.
    static SCRIPT_URL: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The worker script's URL.
fn script_url() -> Result<String, String> {
    if let Some(url) = SCRIPT_URL.with(|url| url.borrow().clone()) {
        return Ok(url);
    }
    let parts = Array::of1(&JsValue::from_str(WORKER_SCRIPT));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|e| format!("no script blob: {}", js_message(&e)))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| format!("no script URL: {}", js_message(&e)))?;
    SCRIPT_URL.with(|kept| *kept.borrow_mut() = Some(url.clone()));
    Ok(url)
}

impl ParseWorker {
    /// The running worker, starting it if needed.
    fn get() -> Result<Rc<ParseWorker>, String> {
        STATE.with(|state| {
            let mut state = state.borrow_mut();
            match &*state {
                State::Running(worker) => Ok(worker.clone()),
                State::Unavailable => Err("the parse worker failed earlier".into()),
                State::NotStarted => match ParseWorker::start() {
                    Ok(worker) => {
                        let worker = Rc::new(worker);
                        *state = State::Running(worker.clone());
                        Ok(worker)
                    }
                    Err(reason) => {
                        *state = State::Unavailable;
                        Err(reason)
                    }
                },
            }
        })
    }

    /// Stops the worker when no question is open, so that the memory it grew to read a large
    /// input is given back; the next large input starts a new one.
    fn release_if_idle() {
        STATE.with(|state| {
            let mut state = state.borrow_mut();
            if let State::Running(worker) = &*state {
                if worker.pending.borrow().is_empty() {
                    worker.worker.terminate();
                    *state = State::NotStarted;
                }
            }
        });
    }

    /// Stops the running worker for good: every question still open is answered with a failure.
    /// A question failed because its worker was stopped over another input finds none running,
    /// and leaves the next large input a new worker.
    fn give_up() {
        if STATE.with(|state| matches!(*state.borrow(), State::Running(_))) {
            ParseWorker::replace_with(State::Unavailable);
        }
    }

    /// Stops the worker after it failed on an input; the next large input starts a new one.
    /// Every other question still open is answered with a failure (and read on the main thread).
    fn stop() {
        ParseWorker::replace_with(State::NotStarted);
    }

    fn replace_with(next: State) {
        let previous = STATE.with(|state| std::mem::replace(&mut *state.borrow_mut(), next));
        if let State::Running(worker) = previous {
            worker.worker.terminate();
            fail_all(&worker.pending, "the parse worker stopped");
        }
    }

    fn start() -> Result<ParseWorker, String> {
        let glue_url = IMPORT_META.with(ImportMeta::url);
        let wasm_url = wasm_url(&glue_url).ok_or("the page's wasm module address is unknown")?;
        let script_url = script_url()?;
        let worker_options = web_sys::WorkerOptions::new();
        worker_options.set_type(web_sys::WorkerType::Module);
        let worker = web_sys::Worker::new_with_options(&script_url, &worker_options)
            .map_err(|e| format!("the worker could not start: {}", js_message(&e)))?;
        let pending: Pending = Rc::default();
        let on_message = {
            let pending = pending.clone();
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                let data = event.unchecked_into::<web_sys::MessageEvent>().data();
                let id = Reflect::get(&data, &JsValue::from_str("id")).ok().and_then(|v| v.as_f64());
                let Some(id) = id else { return };
                let open = pending.borrow().iter().position(|(asked, ..)| *asked == id as u32);
                let Some((_, resolve, reject)) = open.map(|at| pending.borrow_mut().swap_remove(at)) else {
                    return;
                };
                let answer = Reflect::get(&data, &JsValue::from_str("answer")).unwrap_or(JsValue::UNDEFINED);
                // A failure is rejected with the whole message: `failed` and `loaded`.
                let settle = if answer.is_object() { (resolve, answer) } else { (reject, data) };
                let _ = settle.0.call1(&JsValue::NULL, &settle.1);
            })
        };
        let broken = Rc::new(Cell::new(false));
        let on_error = {
            let (pending, broken) = (pending.clone(), broken.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
                // The worker is not dropped here (this closure belongs to it): the next question
                // sees `broken` and gives up.
                broken.set(true);
                // An ErrorEvent's message, read as a plain property (no binding for one use).
                let message = Reflect::get(&event, &JsValue::from_str("message"))
                    .ok()
                    .and_then(|m| m.as_string())
                    .filter(|m| !m.is_empty())
                    .unwrap_or_else(|| "the parse worker could not load".into());
                fail_all(&pending, &message);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(ParseWorker {
            worker,
            glue_url,
            wasm_url,
            pending,
            broken,
            next_id: Cell::new(0),
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends `message` (an object without `id`) and waits for the answer, at most `timeout_ms`.
    async fn ask(&self, message: Object, timeout_ms: i32) -> Result<JsValue, WorkerFailure> {
        let unavailable = |reason: String| WorkerFailure::Unavailable(reason);
        if self.broken.get() {
            return Err(unavailable("the parse worker reported an error".into()));
        }
        let window = web_sys::window().ok_or_else(|| unavailable("no window".into()))?;
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let _ = Reflect::set(&message, &JsValue::from_str("id"), &JsValue::from(id));
        let pending = self.pending.clone();
        let promise = js_sys::Promise::new(&mut |resolve, reject| {
            pending.borrow_mut().push((id, resolve, reject));
        });
        if let Err(error) = self.worker.post_message(&message) {
            self.pending.borrow_mut().retain(|(asked, ..)| *asked != id);
            return Err(unavailable(format!(
                "the input could not be sent to the worker: {}",
                js_message(&error)
            )));
        }
        // The timer resolves with `undefined`; an answer is an object.
        let mut timer = None;
        let out_of_time = js_sys::Promise::new(&mut |resolve, _| {
            timer = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, timeout_ms).ok();
        });
        let first = js_sys::Promise::race(&Array::of2(&promise, &out_of_time));
        let settled = wasm_bindgen_futures::JsFuture::from(first).await;
        if let Some(timer) = timer {
            window.clear_timeout_with_handle(timer);
        }
        match settled {
            Ok(answer) if answer.is_undefined() => Err(WorkerFailure::Failed(format!(
                "the parse worker did not finish within {} s",
                timeout_ms / 1000
            ))),
            Ok(answer) => Ok(answer),
            Err(reason) => {
                let field = |key: &str| Reflect::get(&reason, &JsValue::from_str(key)).ok();
                let failed =
                    field("failed").and_then(|f| f.as_string()).unwrap_or_else(|| js_message(&reason));
                // The first line of a stack trace is the error's name and message.
                let failed =
                    format!("the parse worker failed: {}", failed.lines().next().unwrap_or_default());
                // Failed after the module loaded: the input itself made it fail.
                match field("loaded").and_then(|l| l.as_bool()) {
                    Some(true) => Err(WorkerFailure::Failed(failed)),
                    _ => Err(unavailable(failed)),
                }
            }
        }
    }
}

/// The absolute URL of the page's wasm module: the one Trunk preloads in the page, else the name
/// Trunk gives it next to the glue (`nines-web-<hash>.js` -> `nines-web-<hash>_bg.wasm`).
fn wasm_url(glue_url: &str) -> Option<String> {
    let preloaded = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(r#"link[rel=preload][type="application/wasm"]"#).ok().flatten())
        .and_then(|link| link.get_attribute("href"))
        .and_then(|href| web_sys::Url::new_with_base(&href, glue_url).ok())
        .map(|url| url.href());
    preloaded.or_else(|| glue_url.strip_suffix(".js").map(|stem| format!("{stem}_bg.wasm")))
}

/// An exception's message.
pub fn js_message(error: &JsValue) -> String {
    match error.dyn_ref::<js_sys::Error>() {
        Some(error) => String::from(error.message()),
        None => error.as_string().unwrap_or_else(|| "unknown error".into()),
    }
}

/// Answers every open question with `reason`.
fn fail_all(pending: &Pending, reason: &str) {
    let open = std::mem::take(&mut *pending.borrow_mut());
    for (_, _, reject) in open {
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str(reason));
    }
}
