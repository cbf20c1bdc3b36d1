//! The import section of the side panel (the feature's one mount point): the "Import data"
//! button, the drop zone over the page, progress, refused files, and each imported layer
//! with its count, show/hide, exports, remove, and its problems as a table (severity,
//! file, row/feature, field, reason).

use super::{layers, start_file, use_import, ImportState, Stage};
use crate::domain::import::{
    field_label, issues_csv, layer_csv, layer_geojson, record_label, split_issue_path, ImportLayer,
};
use crate::domain::validate::{DataIssue, Severity};
use crate::ui::download::save;
use crate::ui::i18n::import::{self as s, import as strings};
use crate::ui::i18n::Lang;
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::sync::Arc;

/// Problems shown per layer; all of them are in the CSV download.
const MAX_LISTED: usize = 300;

#[component]
pub fn ImportPanel() -> impl IntoView {
    let state = use_state();
    let st = use_import();
    let has_pending = Memo::new(move |_| st.pending.with(|p| p.is_some()));
    let input = NodeRef::<leptos::html::Input>::new();
    let t = move || strings(state.lang.get());
    let on_pick = move |_| {
        let Some(el) = input.get() else { return };
        if let Some(file) = el.files().and_then(|f| f.get(0)) {
            start_file(st, file);
        }
        // The same file may be picked again (after a fix, or to import it twice).
        el.set_value("");
    };
    drop_zone(st);
    view! {
        <section class="panel-section import-section" aria-labelledby="import-heading">
            <h2 id="import-heading">{move || t().section}</h2>
            <p class="hint">{move || t().intro}</p>
            <button class="import-button" on:click=move |_| {
                if let Some(el) = input.get() { el.click(); }
            }>{move || t().button}</button>
            <input node_ref=input type="file" class="visually-hidden" tabindex="-1"
                accept=".csv,.tsv,.txt,.geojson,.json,.gpx,.kml"
                aria-label=move || t().file_label on:change=on_pick />
            <Show when=move || st.busy.with(Option::is_some)>{move || progress_view(st)}</Show>
            {move || refused_view(st, state.lang.get())}
            <div class="import-removed" role="status" aria-live="polite">
                {move || st.removed.get().map(|r| {
                    let file = r.layer.file.clone();
                    let label = s::undo_label(state.lang.get(), &file);
                    view! {
                        <span>{s::removed(state.lang.get(), &file)}" · "</span>
                        <button class="link-button" aria-label=label
                            on:click=move |_| layers::undo_remove(st)>{s::undo(state.lang.get())}</button>
                        <button class="close-button small" aria-label=state.lang.get().t().close
                            on:click=move |_| layers::dismiss_removed(st)>"×"</button>
                    }
                })}
            </div>
            <ul class="import-layers">
                <For each=move || st.layers.get() key=|l| (l.id.clone(), l.visible) let:layer>
                    {layer_view(st, layer)}
                </For>
            </ul>
            // The mapping dialog (and the CSV converter) come in the `import` chunk, when a
            // CSV is waiting for its columns.
            {move || has_pending.get().then(|| {
                crate::ui::lazy::lazy(crate::ui::lazy::mapping_dialog, (), "import-dialog-chunk")
            })}
            <Show when=move || st.dragging.get()>
                <div class="import-drop" aria-hidden="true"><p>{move || t().drop_here}</p></div>
            </Show>
        </section>
    }
}

/// The progress line of the import running now, with "Cancel import". Built once per
/// import: only the bar and the text follow the progress, so that the button stays the
/// same element (re-created on each update, a click could fall between two of them).
fn progress_view(st: ImportState) -> impl IntoView {
    let state = use_state();
    let bar = move || {
        st.busy.with(|b| {
            b.as_ref()
                .filter(|b| b.total > 0)
                .map(|b| (b.done, b.total))
        })
    };
    let text = move || {
        let lang = state.lang.get();
        let t = strings(lang);
        st.busy.with(|b| {
            let Some(b) = b else { return String::new() };
            match b.stage {
                _ if b.total == 0 => format!("{} {}…", t.reading, b.file),
                Stage::Reading => {
                    format!("{} {}: {}", t.reading, b.file, s::percent(b.done, b.total))
                }
                Stage::Converting => format!(
                    "{} {}: {}",
                    t.importing,
                    b.file,
                    s::progress(lang, b.done, b.total)
                ),
                Stage::Adding => {
                    format!("{} {}: {}", t.adding, b.file, s::percent(b.done, b.total))
                }
            }
        })
    };
    view! {
        <div class="import-progress" role="status" aria-live="polite">
            <progress max=move || bar().map(|(_, total)| total.to_string())
                value=move || bar().map(|(done, _)| done.to_string())></progress>
            <span>{text}</span>
            <button class="dash-button import-cancel" on:click=move |_| st.cancel()>
                {move || strings(state.lang.get()).cancel_import}
            </button>
        </div>
    }
}

fn refused_view(st: ImportState, lang: Lang) -> Option<impl IntoView> {
    let refused = st.refused.get();
    (!refused.is_empty()).then(|| {
        view! {
            <div class="import-refused" role="alert">
                <h3>{strings(lang).refused}</h3>
                <ul>
                    {refused.into_iter().map(|i| view! { <li><strong>{i.file.clone()}</strong>": "{i.text(lang.text_lang())}</li> }).collect_view()}
                </ul>
            </div>
        }
    })
}

fn layer_view(st: ImportState, layer: Arc<ImportLayer>) -> impl IntoView {
    let state = use_state();
    let lang = move || state.lang.get();
    let id = layer.id.clone();
    let check_id = format!("import-layer-{}", layer.id);
    let d = &layer.dataset;
    let (sites, routes, activities) = (d.sites.len(), d.routes.len(), d.activities.len());
    // Errors first, then by row (as stored: in the order found).
    let mut listed = layer.data_issues();
    crate::domain::import::listing_order(&mut listed);
    let issues = Arc::new(listed);
    let has_errors = layer.errors() > 0;
    let base_name = layer
        .file
        .rsplit_once('.')
        .map_or(layer.file.as_str(), |(b, _)| b)
        .to_owned();
    let (l1, l2, l3) = (layer.clone(), layer.clone(), layer.clone());
    let (n1, n2, n3) = (base_name.clone(), base_name.clone(), base_name);
    let issues_for_csv = issues.clone();
    let issue_count = issues.len();
    let toggle_id = id.clone();
    let remove_id = id.clone();
    let unkept_id = id.clone();
    let (precision_id, precision_layer, stated) = (id.clone(), id.clone(), layer.stated);
    let file = layer.file.clone();
    let file_for_label = layer.file.clone();
    view! {
        <li class="import-layer">
            <div class="import-layer-head">
                <input type="checkbox" id=check_id.clone() prop:checked=layer.visible
                    on:change=move |ev| layers::set_visible(st, &toggle_id, event_target_checked(&ev)) />
                <label for=check_id>
                    <strong>{file}</strong>" "
                    <span class="count">{move || format!("({})", s::counts(lang(), sites, routes, activities))}</span>
                </label>
            </div>
            {super::precision::precision_select(format!("import-precision-{}", precision_id), move || stated, move |p| layers::set_precision(st, &precision_layer, p))}
            <p class="hint">{move || s::summary(lang(), &l1.format, l1.records, l1.skipped, l1.issues.len())}</p>
            {move || {
                let unkept = st.unkept.with(|u| u.iter().find(|(i, _)| *i == unkept_id).map(|(_, mb)| *mb));
                match unkept {
                    Some(mb) => view! { <p class="import-unkept" role="alert">{s::not_kept(lang(), mb)}</p> }.into_any(),
                    None => view! { <p class="hint">{strings(lang()).kept}</p> }.into_any(),
                }
            }}
            <div class="import-actions">
                <button class="dash-button" on:click=move |_| { save(&format!("{n1}.geojson"), "application/geo+json", &layer_geojson(&l2.dataset)); }>
                    {move || strings(lang()).export_geojson}
                </button>
                <button class="dash-button" on:click=move |_| { save(&format!("{n2}.csv"), "text/csv;charset=utf-8", &layer_csv(&l3.dataset)); }>
                    {move || strings(lang()).export_csv}
                </button>
                <button class="dash-button import-remove" aria-label=move || s::remove_label(lang(), &file_for_label)
                    on:click=move |_| layers::remove(st, &remove_id)>
                    {move || strings(lang()).remove}
                </button>
            </div>
            {(!issues.is_empty()).then(|| view! {
                <details class="import-problems" open=has_errors>
                    <summary>{move || format!("{} ({})", strings(lang()).problems, issue_count)}</summary>
                    {problems_table(issues.clone(), lang)}
                    <button class="dash-button" on:click=move |_| { save(&format!("{n3}-problems.csv"), "text/csv;charset=utf-8", &issues_csv(&issues_for_csv, lang().text_lang())); }>
                        {move || format!("{} CSV", strings(lang()).problems)}
                    </button>
                </details>
            })}
        </li>
    }
}

fn problems_table(
    issues: Arc<Vec<DataIssue>>,
    lang: impl Fn() -> Lang + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let more = issues.len().saturating_sub(MAX_LISTED);
    let rows = move || {
        let t = lang().t();
        issues
            .iter()
            .take(MAX_LISTED)
            .map(|i| {
                let (class, label) = match i.severity {
                    Severity::Error => ("sev sev-error", t.severity_error),
                    Severity::Warning => ("sev sev-warning", t.severity_warning),
                    Severity::Info => ("sev sev-info", t.severity_info),
                };
                let (record, field) = split_issue_path(&i.path);
                let words = lang().text_lang();
                view! {
                    <tr>
                        <td><span class=class>{label}</span></td>
                        <td>{i.file.clone()}</td>
                        <td>{record_label(&record, words)}</td>
                        <td>{field_label(&field, words)}</td>
                        <td>{i.text(words)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <div class="import-table-wrap">
            <table class="import-problems-table">
                <thead><tr>
                    <th scope="col">{move || strings(lang()).severity}</th>
                    <th scope="col">{move || strings(lang()).file}</th>
                    <th scope="col">{move || strings(lang()).record}</th>
                    <th scope="col">{move || strings(lang()).field}</th>
                    <th scope="col">{move || strings(lang()).reason}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {(more > 0).then(|| view! { <p class="hint">{format!("… +{more} (CSV)")}</p> })}
    }
}

/// Dragging a file anywhere over the page shows the drop zone; dropping imports it.
fn drop_zone(st: ImportState) {
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer()
            .is_some_and(|dt| dt.types().includes(&"Files".into(), 0))
    };
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            st.dragging.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        // Leaving the window: no element under the pointer any more.
        if ev.related_target().is_none() {
            st.dragging.set(false);
        }
    });
    let drop = window_event_listener(leptos::ev::drop, move |ev| {
        st.dragging.set(false);
        let file = ev
            .data_transfer()
            .and_then(|dt| dt.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            ev.prevent_default();
            start_file(st, file);
        }
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        drop.remove();
    });
    // A file dropped before this code had arrived (kept by the main module's guard).
    if let Some(file) = crate::ui::drop_guard::take() {
        start_file(st, file);
    }
}
