//! Importing organisers' own files (issue 7), all in the browser: the "Import data" button
//! and a drop zone over the map, the CSV column-mapping step, progress, the imported
//! layers (shown, counted, exported, removed, kept in local storage) and their problems
//! (file, row/feature, field, reason).
//!
//! One mount point, [`ImportPanel`], in the side panel (so the feature can be split into a
//! lazily loaded chunk). Imported layers are added after the loaded data in `state.data`
//! (`domain::import::merge_layers`), so the map, search, filters, details and dashboard
//! treat them like the rest. All parsing is `domain::import`.

mod dialog;
mod files;
mod layers;
mod panel;

use crate::domain::import::{
    check_size, detect_format, encoding_notes, import_text, read_table, CsvTable, ImportFormat,
    ImportLayer, ImportOptions, Imported, TextEncoding,
};
use crate::domain::validate::{DataIssue, Severity};
use crate::ui::state::{use_state, AppState, Loaded};
use leptos::prelude::*;
use std::sync::Arc;

pub use dialog::MappingDialog;
pub use panel::ImportPanel;

/// A CSV file waiting for the user to confirm its columns.
pub struct Pending {
    pub file: String,
    pub table: CsvTable,
    /// The table reader's and decoder's issues (first in the layer's list).
    pub read_issues: Vec<DataIssue>,
    pub encoding: TextEncoding,
}

/// What is being done now, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub file: String,
    /// Rows converted and in all (0 of 0 while reading).
    pub done: usize,
    pub total: usize,
}

#[derive(Clone, Copy)]
pub struct ImportState {
    pub layers: RwSignal<Vec<Arc<ImportLayer>>>,
    /// Layers that could not be kept in local storage: (id, size in MB).
    pub unkept: RwSignal<Vec<(String, f64)>>,
    pub pending: RwSignal<Option<Arc<Pending>>>,
    pub busy: RwSignal<Option<Busy>>,
    /// Files not imported at all (too big, a workbook, unreadable), and kept imports that
    /// could not be read back.
    pub refused: RwSignal<Vec<DataIssue>>,
    pub dragging: RwSignal<bool>,
    /// The data as loaded (without imports), and what we last put in `state.data`.
    pub base: RwSignal<Option<Arc<Loaded>>>,
    merged: StoredValue<Option<Arc<Loaded>>>,
    app: AppState,
}

impl ImportState {
    fn new(app: AppState) -> Self {
        ImportState {
            app,
            layers: RwSignal::new(Vec::new()),
            unkept: RwSignal::new(Vec::new()),
            pending: RwSignal::new(None),
            busy: RwSignal::new(None),
            refused: RwSignal::new(Vec::new()),
            dragging: RwSignal::new(false),
            base: RwSignal::new(None),
            merged: StoredValue::new(None),
        }
    }
}

/// What reading a file gave: a CSV waiting for its column mapping, a finished import
/// (GeoJSON, GPX, KML), or why it was refused.
pub enum FileRead {
    Csv(Pending),
    Imported(Imported),
    Refused(String),
}

/// Reads a file's bytes (in the `import` chunk with the parsers: `ui::lazy::import_reader`).
pub fn read_file(name: &str, bytes: Vec<u8>) -> FileRead {
    let format = match detect_format(name, &bytes) {
        Ok(f) => f,
        Err(e) => return FileRead::Refused(e),
    };
    let decoding = crate::ui::perf::span("import-decode");
    let decoded = crate::domain::import::decode_with(&bytes, files::decode_gbk);
    drop(bytes);
    decoding.end();
    let mut issues = encoding_notes(name, &decoded);
    if format == ImportFormat::Csv {
        let reading = crate::ui::perf::span("import-table");
        let (table, mut found) = read_table(name, &decoded.text);
        reading.end();
        issues.append(&mut found);
        return FileRead::Csv(Pending {
            file: name.to_string(),
            table,
            read_issues: issues,
            encoding: decoded.encoding,
        });
    }
    let mut imported = import_text(name, format, &decoded.text, &ImportOptions::default());
    issues.append(&mut imported.issues);
    imported.issues = issues;
    FileRead::Imported(imported)
}

/// Reads one file the user gave: refused with a message, imported at once (GeoJSON, GPX,
/// KML), or held for the column mapping (CSV).
pub fn start_file(st: ImportState, file: web_sys::File) {
    let name = file.name();
    let size = file.size().max(0.0) as u64;
    st.refused.update(|r| r.retain(|i| i.file != name));
    if let Err(issue) = check_size(&name, size) {
        st.refused.update(|r| r.push(issue));
        return;
    }
    leptos::task::spawn_local(async move {
        st.busy.set(Some(Busy {
            file: name.clone(),
            done: 0,
            total: 0,
        }));
        files::pause().await;
        let refuse = |message: String| {
            st.busy.set(None);
            st.refused
                .update(|r| r.push(DataIssue::new(Severity::Error, &name, "", message)));
        };
        let bytes = match files::read_bytes(&file).await {
            Ok(b) => b,
            Err(e) => return refuse(e),
        };
        // The parsers are downloaded with the first file (a chunk of their own).
        let Ok(read) = crate::ui::lazy::import_reader().await else {
            let lang = st.app.lang.get_untracked();
            return refuse(crate::ui::i18n::chunk::chunk(lang).failed.to_string());
        };
        files::pause().await;
        match read(&name, bytes) {
            FileRead::Refused(e) => refuse(e),
            FileRead::Csv(pending) => {
                st.busy.set(None);
                st.pending.set(Some(Arc::new(pending)));
            }
            FileRead::Imported(imported) => {
                st.busy.set(None);
                add_layer(st, &name, imported);
            }
        }
    });
}

/// Adds an import as a new layer, keeps it in local storage (or says it could not), and
/// moves the map to it.
pub fn add_layer(st: ImportState, file: &str, imported: Imported) {
    // Not the id of a kept layer that could not be read back either: saving over it would
    // lose it without a word.
    let mut taken: Vec<String> = layers::stored_keys()
        .iter()
        .filter_map(|k| k.strip_prefix(crate::domain::import::STORED_KEY_PREFIX))
        .map(str::to_owned)
        .collect();
    st.layers
        .with_untracked(|ls| taken.extend(ls.iter().map(|l| l.id.clone())));
    let id = crate::domain::import::next_layer_id(taken.iter().map(String::as_str));
    let adding = crate::ui::perf::span("import-layer");
    let layer = ImportLayer::new(id, file, &imported);
    layers::keep(st, &layer);
    adding.end();
    st.layers.update(|ls| ls.push(Arc::new(layer)));
    layers::fit_to(st.app, &imported.dataset);
}

/// Creates the import state, restores kept layers and keeps `state.data` merged.
fn provide(state: AppState) -> ImportState {
    let st = ImportState::new(state);
    provide_context(st);
    layers::restore(st);
    layers::keep_merged(state, st);
    st
}

/// The import state (created by [`ImportPanel`]).
pub fn use_import() -> ImportState {
    use_context::<ImportState>().unwrap_or_else(|| provide(use_state()))
}
