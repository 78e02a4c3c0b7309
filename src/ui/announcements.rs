//! The incidents view's announcements: publishers' notices that are not outages (planned changes,
//! retirements, news; Microsoft 365's message-center posts), newest first, narrowed by the view's
//! service and search. Each opens to its text (shown as text, never as HTML) and its links.

use leptos::prelude::*;

use super::link::web_link_items;
use crate::model::format::format_date;
use crate::model::Snapshot;

/// The most drawn at once; the count says how many match.
const MAX_SHOWN: usize = 50;

/// The announcements `found` (indices into `snapshot.announcements`, newest first), dates on the
/// clock `utc_offset_minutes` from UTC; nothing when the data has none.
pub fn announcements(snapshot: &Snapshot, found: &[usize], utc_offset_minutes: i32) -> AnyView {
    if snapshot.announcements.is_empty() {
        return ().into_any();
    }
    let date = |t_ms| format_date(t_ms, utc_offset_minutes);
    let mut items = Vec::new();
    for a in found.iter().take(MAX_SHOWN).filter_map(|i| snapshot.announcements.get(*i)) {
        let mut facts = a.tags.clone();
        if !a.services.is_empty() {
            facts.push(snapshot.service_names(&a.services));
        }
        facts.push(format!("published {}", date(a.start_ms)));
        if let Some(end_ms) = a.end_ms {
            facts.push(format!("until {}", date(end_ms)));
        }
        if let Some(t_ms) = a.action_by_ms {
            facts.push(format!("act by {}", date(t_ms)));
        }
        items.push(view! {
            <li data-testid="announcement" data-announcement-id=a.id.clone()>
                <details>
                    <summary>
                        <span class="incident-id">{a.id.clone()}</span>
                        " — "
                        {a.title.clone()}
                        <span class="caption" data-testid="announcement-facts">
                            {facts.join(" · ")}
                        </span>
                    </summary>
                    <p data-testid="announcement-text">{a.text.clone()}</p>
                    <ul class="links">{web_link_items(&a.links)}</ul>
                </details>
            </li>
        });
    }
    let count = found.len();
    let shown = match count > MAX_SHOWN {
        true => format!("; the newest {MAX_SHOWN} shown"),
        false => String::new(),
    };
    view! {
        <section
            class="panel announcements"
            aria-labelledby="announcements-heading"
            data-testid="announcements"
        >
            <h2 id="announcements-heading">"Announcements"</h2>
            <p class="caption" data-testid="announcement-count">
                {format!(
                    "{count} notice{} of planned changes and news{shown}. They are not outages: no figure counts them.",
                    if count == 1 { "" } else { "s" },
                )}
            </p>
            <ul>{items}</ul>
        </section>
    }
    .into_any()
}
