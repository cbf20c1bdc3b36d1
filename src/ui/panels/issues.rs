//! Loading progress, a failed load, and the list of data problems: what and where
//! (`file: path: message`), so that bad input never leaves a blank page.

use crate::domain::validate::Severity;
use crate::ui::i18n::later::later;
use crate::ui::i18n::progress_text;
use crate::ui::state::{use_state, LoadState};
use leptos::prelude::*;

#[component]
pub fn LoadingIndicator() -> impl IntoView {
    let state = use_state();
    move || match state.load.get() {
        // The map already shows the sites (from `sites.points`): a status line, not a box
        // over the map.
        LoadState::Loading { .. } if state.preview.with(Option::is_some) => {
            let text = later(state.lang.get()).sites;
            Some(
                view! { <p class="loading-later" role="status" aria-live="polite">{text}</p> }
                    .into_any(),
            )
        }
        LoadState::Loading { done, total } => {
            let lang = state.lang.get();
            Some(
                view! {
                    <div class="loading" role="status" aria-live="polite">
                        <p>{lang.t().loading}</p>
                        <progress max=total.to_string() value=done.to_string()>
                            {format!("{done}/{total}")}
                        </progress>
                        <p class="hint">{progress_text(lang, done, total)}</p>
                    </div>
                }
                .into_any(),
            )
        }
        LoadState::Ready if state.later_loading.get() => {
            let text = later(state.lang.get()).reading;
            Some(
                view! { <p class="loading-later" role="status" aria-live="polite">{text}</p> }
                    .into_any(),
            )
        }
        _ => None,
    }
}

#[component]
pub fn LoadError() -> impl IntoView {
    let state = use_state();
    move || match state.load.get() {
        LoadState::Failed(message) => Some(view! {
            <section class="load-error" role="alert">
                <h2>{move || state.lang.get().t().load_failed}</h2>
                <p>{message}</p>
            </section>
        }),
        _ => None,
    }
}

/// Problems listed one by one; past this many the list says how many more there are
/// (100k identical problems would otherwise stall the page).
const MAX_LISTED: usize = 200;

#[component]
pub fn IssuesPanel() -> impl IntoView {
    let state = use_state();
    let count = move || state.issues.with(|i| i.len()) + state.url_problems.with(|p| p.len());
    let has_errors = move || {
        state
            .issues
            .with(|i| i.iter().any(|x| x.severity == Severity::Error))
            || state.url_problems.with(|p| !p.is_empty())
    };
    move || {
        (count() > 0).then(|| {
            let t = state.lang.get().t();
            view! {
                <section class="panel-section issues" aria-labelledby="issues-heading">
                    <details open=has_errors()>
                        <summary id="issues-heading">
                            {format!("{} ({})", t.data_problems, count())}
                        </summary>
                        <ul>
                            {state.url_problems.get().into_iter().map(|p| view! {
                                <li><span class="sev sev-warning">{t.severity_warning}</span>"URL: "{p}</li>
                            }).collect_view()}
                            {state.issues.get().into_iter().take(MAX_LISTED).map(|issue| {
                                // A typed problem in the reader's language (`?data=` GeoJSON).
                                let words = issue.text(state.lang.get().text_lang());
                                let (class, label) = match issue.severity {
                                    Severity::Error => ("sev sev-error", t.severity_error),
                                    Severity::Warning => ("sev sev-warning", t.severity_warning),
                                    Severity::Info => ("sev sev-info", t.severity_info),
                                };
                                let place = if issue.path.is_empty() {
                                    issue.file.clone()
                                } else {
                                    format!("{}: {}", issue.file, issue.path)
                                };
                                view! {
                                    <li><span class=class>{label}</span>{place}": "{words}</li>
                                }
                            }).collect_view()}
                        </ul>
                        {move || {
                            let more = state.issues.with(|i| i.len().saturating_sub(MAX_LISTED));
                            (more > 0).then(|| view! { <p class="hint">{format!("… +{more}")}</p> })
                        }}
                    </details>
                </section>
            }
        })
    }
}
