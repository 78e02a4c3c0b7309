//! Nines: a resilience dashboard. The pure core (`model`, `ingest`, `analysis`, `chart`, `config`,
//! `history`, `publish`) builds and tests natively; `ui` is the browser shell behind the `web` feature.

pub mod analysis;
pub mod chart;
pub mod config;
pub mod encoding;
pub mod history;
pub mod ingest;
pub mod model;
pub mod publish;
pub mod state;

#[cfg(feature = "web")]
pub mod ui;
