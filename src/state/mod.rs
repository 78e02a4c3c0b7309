//! The state of the screen and of its data sources, as pure data and pure transitions: no
//! browser types here, so all of it builds and tests natively.
//!
//! - [`url`]: the view, range, selection and display choices, read from and written to the
//!   query string ([`query`] does the encoding, [`range`] the time range);
//! - [`history`]: whether a change of state pushes a browser history entry or replaces it;
//! - [`refresh`]: when each source is fetched again, with backoff after failures, and what the
//!   "stale" banner says;
//! - [`what_if`]: the service view's what-if choices and the graph changes they stand for;
//! - [`cache`]: the envelope of a source's last good response kept in browser storage;
//! - [`sources`]: each source's data, status and error as attempts succeed and fail, merged into
//!   what the page shows ([`loaded`]), or the error it shows instead ([`errors`]).
//!
//! `docs/url.md` describes the parameters and the refresh rules for people.

pub mod cache;
pub mod collected;
pub mod errors;
pub mod filter;
pub mod history;
pub mod loaded;
pub mod query_string;
pub mod range;
pub mod refresh;
pub mod sources;
pub mod view_state;
pub mod what_if;

pub use cache::CachedEntry;
pub use errors::{AppError, FetchError};
pub use filter::{page_of, worst_level, PAGE_ROWS};
pub use history::{history_action, HistoryAction};
pub use loaded::{Loaded, LoadedSource};
pub use range::Range;
pub use refresh::{DataOrigin, SourceStatus};
pub use sources::{Published, Slots};
pub use view_state::{parse_query, Clock, ColorScheme, IncidentFilters, Panel, View, ViewState};
pub use what_if::WhatIfChoice;
