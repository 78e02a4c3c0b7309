//! The CSS classes of a status level, shared by every badge, swatch and status line, so that
//! `style/` colours each level in one place.

use crate::model::Level;

/// `level level-<name>`: the badge class and the level's colour class.
pub fn level_class(level: Level) -> &'static str {
    match level {
        Level::Ok => "level level-ok",
        Level::Maintenance => "level level-maintenance",
        Level::Degraded => "level level-degraded",
        Level::Partial => "level level-partial",
        Level::Major => "level level-major",
        Level::Unknown => "level level-unknown",
    }
}
