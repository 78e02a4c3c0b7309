//! A table of figures in a scrolling, focusable, labelled frame: the text twin of a chart, or a
//! view's table. A wide table scrolls inside its frame, never the page, and keyboard users reach
//! the frame to scroll it.

use leptos::prelude::*;

/// A column heading; a numeric column's heading is aligned like its figures.
#[derive(Clone, Copy, Debug)]
pub struct Column {
    pub heading: &'static str,
    pub numeric: bool,
}

/// A column of text.
pub const fn text(heading: &'static str) -> Column {
    Column { heading, numeric: false }
}

/// A column of figures.
pub const fn figure(heading: &'static str) -> Column {
    Column { heading, numeric: true }
}

#[component]
pub fn TwinTable(
    /// What the table holds, for screen readers: the frame's label.
    #[prop(into)]
    label: Signal<String>,
    columns: &'static [Column],
    /// Classes besides `twin-table`.
    #[prop(optional)]
    class: &'static str,
    #[prop(optional)] testid: Option<&'static str>,
    /// The rows.
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() { "twin-table".to_string() } else { format!("twin-table {class}") };
    let headings = columns
        .iter()
        .map(|c| {
            view! {
                <th scope="col" class=c.numeric.then_some("num")>
                    {c.heading}
                </th>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            <table class=class data-testid=testid>
                <thead>
                    <tr>{headings}</tr>
                </thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
