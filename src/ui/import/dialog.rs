//! The CSV column-mapping step: a modal dialog with one select per column (the domain's
//! guess first), the coordinate system (with the offset hint), a preview of the first rows
//! as they will import, and Import / Cancel. Import converts in slices, yielding to the
//! browser between them, so that a 50 MB file shows progress and the page stays responsive.

use super::{merging, use_import, ImportState, Pending, Stage};
use crate::domain::coords::CoordSystem;
use crate::domain::import::{
    offset_hint, preview_rows, split_issue_path, suggest_mapping, ColumnMapping, CsvImport, Field,
    ImportOptions, StatedPrecision,
};
use crate::ui::i18n::import::{self as s, import as strings};
use crate::ui::perf::span;
use crate::ui::slices::{run_in_slices, Slicer};
use crate::ui::state::use_state;
use leptos::prelude::*;
use std::sync::Arc;

/// Rows shown in the preview.
const PREVIEW_ROWS: usize = 8;
/// Rows converted between two looks at the clock (a few ms).
const ROWS_PER_STEP: usize = 500;
/// Entries of the rows-seen index freed between two looks at the clock.
const RELEASE_STEP: usize = 10_000;

#[component]
pub fn MappingDialog() -> impl IntoView {
    let state = use_state();
    let st = use_import();
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let mapping = RwSignal::new(ColumnMapping::default());
    let coords = RwSignal::new(CoordSystem::Wgs84);
    let stated = RwSignal::new(StatedPrecision::NotStated);
    // A new file: the domain's guess, WGS-84, and the dialog opens.
    Effect::new(move || {
        let pending = st.pending.get();
        if let Some(p) = &pending {
            mapping.set(suggest_mapping(&p.table));
            coords.set(CoordSystem::Wgs84);
            stated.set(StatedPrecision::NotStated);
        }
        if let Some(d) = dialog.get() {
            if pending.is_some() && !d.open() {
                let _ = d.show_modal();
            } else if pending.is_none() && d.open() {
                d.close();
            }
        }
    });
    let preview = Memo::new(move |_| {
        let p = st.pending.get()?;
        let options = ImportOptions {
            coords: coords.get(),
            stated: StatedPrecision::NotStated,
        };
        Some(mapping.with(|m| preview_rows(&p.file, &p.table, m, &options, PREVIEW_ROWS)))
    });
    let hint = Memo::new(move |_| {
        let p = st.pending.get()?;
        let chosen = coords.get();
        let reference = st.base.get()?;
        mapping.with(|m| offset_hint(&p.file, &p.table, m, chosen, &reference.dataset))
    });
    let t = move || strings(state.lang.get());
    let cancel = move || st.pending.set(None);
    let confirm = move |_| {
        let Some(p) = st.pending.get_untracked() else {
            return;
        };
        st.pending.set(None);
        let options = ImportOptions {
            coords: coords.get_untracked(),
            stated: stated.get_untracked(),
        };
        run(st, p, mapping.get_untracked(), options);
    };
    view! {
        <dialog node_ref=dialog class="import-dialog" aria-labelledby="import-dialog-title"
            on:cancel=move |_: web_sys::Event| cancel()>
            {move || st.pending.get().map(|p| {
                let lang = state.lang.get();
                let rows = p.table.rows.len();
                view! {
                    <h2 id="import-dialog-title">{s::title(lang, &p.file)}</h2>
                    <p class="hint">{t().mapping_intro}</p>
                    <p class="import-facts">
                        {format!("{}: {} · {}: {} · {}: {rows}", t().encoding, p.encoding.label(),
                            t().delimiter, s::delimiter_label(lang, p.table.delimiter), t().rows)}
                    </p>
                    {columns_view(p.clone(), mapping)}
                    {coords_view(coords, hint)}
                    {super::precision::precision_select("import-dialog-precision".into(), move || stated.get(), move |p| stated.set(p))}
                    {move || (!mapping.with(ColumnMapping::has_position)).then(|| view! {
                        <p class="import-warning" role="alert">{t().no_position}</p>
                    })}
                    {preview_view(preview)}
                    <div class="import-dialog-actions">
                        <button class="dash-button primary" on:click=confirm>{s::import_rows(lang, rows)}</button>
                        <button class="dash-button" on:click=move |_| cancel()>{t().cancel}</button>
                    </div>
                }
            })}
        </dialog>
    }
}

fn columns_view(p: Arc<Pending>, mapping: RwSignal<ColumnMapping>) -> impl IntoView {
    let state = use_state();
    let t = move || strings(state.lang.get());
    let rows = p
        .table
        .headers
        .iter()
        .enumerate()
        .map(|(col, header)| {
            let sample = p
                .table
                .rows
                .iter()
                .take(20)
                .map(|r| p.table.cell(r, col))
                .find(|c| !c.is_empty())
                .unwrap_or("")
                .to_owned();
            let header = header.clone();
            let label = header.clone();
            let value = move || {
                mapping.with(|m| {
                    m.columns
                        .get(col)
                        .copied()
                        .flatten()
                        .and_then(|f| Field::ALL.iter().position(|x| *x == f))
                        .map_or(String::new(), |i| i.to_string())
                })
            };
            let change = move |ev| {
                let v = event_target_value(&ev);
                let field = v.parse::<usize>().ok().and_then(|i| Field::ALL.get(i).copied());
                mapping.update(|m| m.set(col, field));
            };
            view! {
                <tr>
                    <th scope="row">{header}</th>
                    <td class="import-sample">{sample}</td>
                    <td>
                        <select aria-label=move || s::column_select_label(state.lang.get(), &label)
                            prop:value=value on:change=change>
                            <option value="">{move || t().keep_as_property}</option>
                            {Field::ALL.iter().enumerate().map(|(i, f)| {
                                let f = *f;
                                view! { <option value=i.to_string()>{move || s::field_label(state.lang.get(), f)}</option> }
                            }).collect_view()}
                        </select>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="import-table-wrap">
            <table class="import-columns">
                <thead><tr>
                    <th scope="col">{move || t().column}</th>
                    <th scope="col">{move || t().sample}</th>
                    <th scope="col">{move || t().field}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn coords_view(
    coords: RwSignal<CoordSystem>,
    hint: Memo<Option<crate::domain::import::OffsetHint>>,
) -> impl IntoView {
    let state = use_state();
    let t = move || strings(state.lang.get());
    let options = [CoordSystem::Wgs84, CoordSystem::Gcj02, CoordSystem::Bd09]
        .into_iter()
        .map(|system| {
            view! {
                <label class="import-radio">
                    <input type="radio" name="import-coords" prop:checked=move || coords.get() == system
                        on:change=move |_| coords.set(system) />
                    {move || s::system_label(state.lang.get(), system)}
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="import-coords">
            <legend>{move || t().coord_system}</legend>
            {options}
        </fieldset>
        {move || hint.get().map(|h| {
            let suggested = h.suggested;
            view! {
                <p class="import-hint" role="status">
                    {s::offset_text(state.lang.get(), &h)}" "
                    <button class="link-button" on:click=move |_| coords.set(suggested)>{t().use_suggested}</button>
                </p>
            }
        })}
    }
}

fn preview_view(preview: Memo<Option<Vec<crate::domain::import::PreviewRow>>>) -> impl IntoView {
    let state = use_state();
    let t = move || strings(state.lang.get());
    view! {
        <h3>{move || t().preview}</h3>
        <div class="import-table-wrap">
            <table class="import-preview">
                <thead><tr>
                    <th scope="col">{move || t().row}</th>
                    <th scope="col">{move || t().name}</th>
                    <th scope="col">{move || t().lon}</th>
                    <th scope="col">{move || t().lat}</th>
                    <th scope="col">{move || t().kind}</th>
                    <th scope="col">{move || t().status}</th>
                </tr></thead>
                <tbody>
                    {move || preview.get().unwrap_or_default().into_iter().map(|r| {
                        let lang = state.lang.get();
                        let problems: Vec<String> = r.issues.iter().map(|i| {
                            let (_, field) = split_issue_path(&i.path);
                            let words = i.text(lang.text_lang());
                            if field.is_empty() { words } else { format!("{field}: {words}") }
                        }).collect();
                        let status = if problems.is_empty() { t().ok.to_owned() } else { problems.join("; ") };
                        let class = if r.site.is_none() { "preview-skipped" } else if problems.is_empty() { "" } else { "preview-warned" };
                        match r.site {
                            Some(site) => {
                                let kind = match lang {
                                    crate::ui::i18n::Lang::Zh => site.kind.label_zh(),
                                    crate::ui::i18n::Lang::En => site.kind.label_en(),
                                };
                                view! {
                                    <tr class=class>
                                        <td>{r.row}</td><td>{if lang == crate::ui::i18n::Lang::En && !site.name_en.is_empty() { site.name_en.clone() } else { site.name.clone() }}</td>
                                        <td>{format!("{:.5}", site.position.lon)}</td>
                                        <td>{format!("{:.5}", site.position.lat)}</td>
                                        <td>{kind}</td><td>{status}</td>
                                    </tr>
                                }.into_any()
                            }
                            None => view! {
                                <tr class=class><td>{r.row}</td><td colspan="4">"—"</td><td>{status}</td></tr>
                            }.into_any(),
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// Converts the rows in slices with progress, then adds the layer (`merging::add_layer`).
fn run(st: ImportState, p: Arc<Pending>, mapping: ColumnMapping, options: ImportOptions) {
    let ticket = st.next_ticket();
    leptos::task::spawn_local(async move {
        let file = p.file.clone();
        let total = p.table.rows.len();
        st.progress(&file, Stage::Converting, 0, total);
        let mut slicer = Slicer::default();
        slicer.pause().await;
        // The dialog has let go of the file by now: take it rather than copy 270k rows.
        let pending = Arc::try_unwrap(p).unwrap_or_else(|p| copy(&p));
        let mut import =
            CsvImport::new(&file, pending.table, mapping, &options, pending.read_issues);
        let wanted = move || st.wanted(ticket);
        let converted = run_in_slices(
            &mut slicer,
            "import-convert",
            &wanted,
            &mut import,
            |i| i.step(ROWS_PER_STEP),
            |i| st.progress(&file, Stage::Converting, i.done(), total),
        )
        .await;
        if converted.is_none() {
            return; // cancelled: nothing changed
        }
        let released = run_in_slices(
            &mut slicer,
            "import-release",
            &wanted,
            &mut import,
            |i| i.release(RELEASE_STEP),
            |_| {},
        )
        .await;
        if released.is_none() {
            return;
        }
        slicer.pause().await;
        if !st.wanted(ticket) {
            return;
        }
        let finishing = span("import-finish");
        let imported = import.finish();
        finishing.end();
        merging::add_layer(st, &file, imported, ticket, &mut slicer).await;
    });
}

fn copy(p: &Pending) -> Pending {
    Pending {
        file: p.file.clone(),
        table: p.table.clone(),
        read_issues: p.read_issues.clone(),
        encoding: p.encoding,
    }
}
