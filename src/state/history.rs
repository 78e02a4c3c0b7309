//! Whether a change of state adds a browser history entry, so that Back undoes navigation but
//! not every zoom step.
//!
//! Rules, first match wins:
//! 1. Nothing changed: no history action (and no URL write).
//! 2. A wall screen moving on (wall mode before and after): replace — nobody presses Back on a
//!    wall screen, and a day of cycling must not fill the history.
//! 3. Navigation pushes: another view, service, what-if choice or filter (except the search
//!    text), another opened incident, another panel, other sources or configuration, or another
//!    preset range (choosing "7 days" over "30 days" is a deliberate step).
//! 4. Everything else replaces: a custom range (zoom, pan, drag — one entry however many wheel
//!    steps), typing in the search box, the clock, the theme, the weights, embed and wall.

use super::range::Range;
use super::view_state::{Panel, View, ViewState};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryAction {
    /// `history.pushState`: a new entry that Back returns from.
    Push,
    /// `history.replaceState`: the current entry now shows the new state.
    Replace,
    /// The URL already says this.
    None,
}

/// The history action for going from `before` to `after`.
pub fn history_action(before: &ViewState, after: &ViewState) -> HistoryAction {
    if before == after {
        return HistoryAction::None;
    }
    if before.wall && after.wall {
        return HistoryAction::Replace;
    }
    let presets_differ = matches!((before.range, after.range), (Range::Preset { .. }, Range::Preset { .. }))
        && before.range != after.range;
    if place(before) != place(after) || presets_differ {
        HistoryAction::Push
    } else {
        HistoryAction::Replace
    }
}

/// Where the state is, in the sense of rule 3: the view without its search text, the open
/// incident, the panel and the data.
fn place(state: &ViewState) -> (View, Option<&str>, Option<Panel>, &[String], Option<&str>) {
    let mut view = state.view.clone();
    if let View::Incidents { filters } = &mut view {
        filters.search = None;
    }
    (view, state.incident.as_deref(), state.panel, &state.sources, state.config.as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Level;
    use crate::state::view_state::{Clock, ColorScheme, IncidentFilters};

    #[test]
    fn navigation_pushes_and_adjustments_replace() {
        let base = ViewState::default();
        let incidents = |search: Option<&str>, impact: Option<Level>| ViewState {
            view: View::Incidents {
                filters: IncidentFilters {
                    search: search.map(String::from),
                    impact,
                    ..IncidentFilters::default()
                },
            },
            ..ViewState::default()
        };
        let zoomed =
            |start_ms| ViewState { range: Range::Custom { start_ms, end_ms: 9_000_000 }, ..base.clone() };
        let wall = |view| ViewState { view, wall: true, ..base.clone() };
        use HistoryAction::{None as Nothing, Push, Replace};
        let cases = [
            ("identical", base.clone(), base.clone(), Nothing),
            ("another view", base.clone(), ViewState { view: View::Regions, ..base.clone() }, Push),
            (
                "another service",
                ViewState { view: View::service("email"), ..base.clone() },
                ViewState { view: View::service("dns"), ..base.clone() },
                Push,
            ),
            ("a filter", incidents(None, None), incidents(None, Some(Level::Major)), Push),
            ("typing a search", incidents(Some("dn"), None), incidents(Some("dns"), None), Replace),
            (
                "opening an incident",
                base.clone(),
                ViewState { incident: Some("INC-7".into()), ..base.clone() },
                Push,
            ),
            ("closing it", ViewState { incident: Some("INC-7".into()), ..base.clone() }, base.clone(), Push),
            ("a panel", base.clone(), ViewState { panel: Some(Panel::Timeline), ..base.clone() }, Push),
            (
                "another source",
                base.clone(),
                ViewState { sources: vec!["a.json".into()], ..base.clone() },
                Push,
            ),
            (
                "a preset range",
                base.clone(),
                ViewState { range: Range::Preset { days: 7 }, ..base.clone() },
                Push,
            ),
            ("zooming in", base.clone(), zoomed(1_000_000), Replace),
            ("zooming further", zoomed(1_000_000), zoomed(2_000_000), Replace),
            ("reset to the preset", zoomed(1_000_000), base.clone(), Replace),
            ("the clock", base.clone(), ViewState { clock: Clock::Local, ..base.clone() }, Replace),
            ("the theme", base.clone(), ViewState { theme: ColorScheme::Dark, ..base.clone() }, Replace),
            (
                "the weights",
                base.clone(),
                ViewState { weights: Some("statuspage".into()), ..base.clone() },
                Replace,
            ),
            ("wall cycling", wall(View::Overview), wall(View::Regions), Replace),
            ("entering wall mode", base.clone(), wall(View::Overview), Replace),
        ];
        for (label, before, after, want) in cases {
            assert_eq!(history_action(&before, &after), want, "{label}");
        }
    }
}
