//! The state of the screen, as pure data and pure transitions: no browser types here, so all of
//! it builds and tests natively.
//!
//! - [`url`]: the view, range, selection and display choices, read from and written to the
//!   query string ([`query`] does the encoding, [`range`] the time range);
//! - [`history`]: whether a change of state pushes a browser history entry or replaces it.

pub mod history;
pub mod query;
pub mod range;
pub mod url;

pub use history::{history_action, HistoryAction};
pub use range::Range;
pub use url::{parse_query, Clock, IncidentFilters, Panel, Theme, View, ViewState};
