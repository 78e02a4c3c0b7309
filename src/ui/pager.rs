//! A long table shown a page at a time ([`state::page_of`](crate::state::page_of)): which rows
//! the page holds, and buttons to the pages before and after.

use leptos::prelude::*;

use crate::state::PAGE_ROWS;

/// "Rows 101–200 of 50000" between the buttons to the pages before and after; nothing when every
/// row fits on one page. `shown` is the page drawn (clamped), `page` the page asked.
pub fn pager(total_rows: usize, shown: usize, page: RwSignal<usize>) -> impl IntoView {
    let first_row = shown * PAGE_ROWS + 1;
    let last_row = total_rows.min(first_row - 1 + PAGE_ROWS);
    (total_rows > PAGE_ROWS).then(|| {
        view! {
            <nav class="pager" aria-label="Pages of the table" data-testid="pager">
                <button type="button" disabled=shown == 0 on:click=move |_| page.set(shown.saturating_sub(1))>
                    "Previous"
                </button>
                <span aria-live="polite">{format!("Rows {first_row}–{last_row} of {total_rows}")}</span>
                <button type="button" disabled=last_row == total_rows on:click=move |_| page.set(shown + 1)>
                    "Next"
                </button>
            </nav>
        }
    })
}
