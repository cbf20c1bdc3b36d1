//! Importing organisers' own files (issue 7), all in the browser: the "Import data" button
//! and a drop zone over the map, the CSV column-mapping step, progress, the imported
//! layers (shown, counted, exported, removed, kept in local storage) and their problems
//! (file, row/feature, field, reason).
//!
//! One mount point, [`ImportPanel`], in the side panel (so the feature can be split into a
//! lazily loaded chunk). Imported layers are added after the loaded data in `state.data`
//! (`domain::import::MergeBuilder`, `merging`), so the map, search, filters, details and
//! dashboard treat them like the rest. All parsing is `domain::import`.
//!
//! A 50 MB file must not freeze the page: every long step (reading the table, converting
//! rows, merging, clustering) runs in slices that yield to the browser (`ui::slices`),
//! with progress, and can be cancelled; a cancelled import changes nothing.

mod dialog;
mod files;
mod layers;
mod merging;
mod panel;
pub(crate) mod precision;

use crate::domain::import::{
    check_size, decode_unicode, detect_format, encoding_notes, CsvTable, Decoded, GeoJsonImport,
    GpxImport, ImportFormat, ImportLayer, ImportOptions, Imported, KmlImport, Reason, SlicedImport,
    TableReader, TextEncoding,
};
use crate::domain::validate::{DataIssue, Severity};
use crate::ui::perf::span;
use crate::ui::slices::{run_in_slices, Slicer};
use crate::ui::state::{use_state, AppState, Loaded};
use leptos::prelude::*;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

pub use dialog::MappingDialog;
pub use panel::ImportPanel;

/// Records read between two looks at the clock (a few ms).
const TABLE_STEP: usize = 1000;
/// GeoJSON features read between two looks at the clock (a few ms).
const FEATURE_STEP: usize = 200;
/// GPX/KML bytes parsed between two looks at the clock (a few ms; scanned: 8 times that).
const XML_STEP_BYTES: usize = 64 * 1024;

/// A CSV file waiting for the user to confirm its columns.
pub struct Pending {
    pub file: String,
    pub table: CsvTable,
    /// The table reader's and decoder's issues (first in the layer's list).
    pub read_issues: Vec<DataIssue>,
    pub encoding: TextEncoding,
}

/// Which part of an import is running.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// The file into memory (no progress known), then its rows (`done` of `total` bytes).
    Reading,
    /// Rows to records: `done` of `total` rows.
    Converting,
    /// The layer merged into the data and the map's clusters built: `done` of `total`.
    Adding,
}

/// What is being done now, for the progress line.
#[derive(Clone, Debug, PartialEq)]
pub struct Busy {
    pub file: String,
    pub stage: Stage,
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
    /// The layer the user just removed, offered back ("已移除 X · 撤销") for a few seconds.
    pub removed: RwSignal<Option<layers::Removed>>,
    /// The data as loaded (without imports), and what we last put in `state.data`.
    pub base: RwSignal<Option<Arc<Loaded>>>,
    merged: StoredValue<Option<Arc<Loaded>>>,
    /// What `merged` was made of, and what a merge in flight is making.
    merged_key: StoredValue<Option<merging::MergeKey>>,
    merging: StoredValue<Option<merging::MergeKey>>,
    /// Bumped by every new merge: older ones in flight give up.
    merge_gen: StoredValue<u64>,
    /// The import running now: bumped by each new one and by "Cancel import", so that
    /// the one in flight gives up at its next pause and changes nothing.
    ticket: StoredValue<u64>,
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
            removed: RwSignal::new(None),
            base: RwSignal::new(None),
            merged: StoredValue::new(None),
            merged_key: StoredValue::new(None),
            merging: StoredValue::new(None),
            merge_gen: StoredValue::new(0),
            ticket: StoredValue::new(0),
        }
    }

    /// A new import's ticket (any import in flight is abandoned).
    fn next_ticket(self) -> u64 {
        self.ticket.update_value(|t| *t += 1);
        self.ticket.get_value()
    }

    /// Whether the import holding `ticket` is still wanted.
    fn wanted(self, ticket: u64) -> bool {
        self.ticket.get_value() == ticket
    }

    fn progress(self, file: &str, stage: Stage, done: usize, total: usize) {
        self.busy.set(Some(Busy {
            file: file.to_owned(),
            stage,
            done,
            total,
        }));
    }

    /// Stops the import in flight: it changes nothing (the data, the layers and the kept
    /// layers stay as they were).
    pub fn cancel(self) {
        self.next_ticket();
        self.busy.set(None);
    }
}

/// What reading a file gave: a CSV waiting for its column mapping, a finished import
/// (GeoJSON, GPX, KML), or why it was refused.
pub enum FileRead {
    Csv(Pending),
    Imported(Imported),
    Refused(Reason),
}

/// Reads a file's bytes in slices, with progress (in the `import` chunk with the parsers:
/// `ui::lazy::import_reader`); `None` when the import was cancelled meanwhile.
pub fn read_file(
    st: ImportState,
    ticket: u64,
    name: String,
    bytes: Vec<u8>,
) -> Pin<Box<dyn Future<Output = Option<FileRead>>>> {
    Box::pin(read_in_slices(st, ticket, name, bytes))
}

async fn read_in_slices(
    st: ImportState,
    ticket: u64,
    name: String,
    bytes: Vec<u8>,
) -> Option<FileRead> {
    let format = match detect_format(&name, &bytes) {
        Ok(f) => f,
        Err(e) => return Some(FileRead::Refused(e)),
    };
    let mut slicer = Slicer::default();
    let decoding = span("import-decode");
    let unicode = decode_unicode(bytes);
    decoding.end();
    let decoded = match unicode {
        Ok(decoded) => decoded,
        Err(bytes) => {
            let wanted = move || st.wanted(ticket);
            let (text, had_errors) =
                files::decode_gbk_in_slices(&bytes, &mut slicer, &wanted).await?;
            Decoded {
                text,
                encoding: TextEncoding::Gbk,
                had_errors,
            }
        }
    };
    let mut issues = encoding_notes(&name, &decoded);
    let wanted = move || st.wanted(ticket);
    let progress = |(read, all)| st.progress(&name, Stage::Reading, read, all);
    let progress = &progress;
    if format != ImportFormat::Csv {
        let text = decoded.text;
        let options = ImportOptions::default();
        let mut imported = match format {
            ImportFormat::GeoJson => {
                let import = GeoJsonImport::new(&name, &text, &options);
                sliced(&mut slicer, &wanted, import, FEATURE_STEP, progress).await?
            }
            ImportFormat::Gpx => {
                let import = GpxImport::new(&name, &text, &options);
                sliced(&mut slicer, &wanted, import, XML_STEP_BYTES, progress).await?
            }
            _ => {
                let import = KmlImport::new(&name, &text, &options);
                sliced(&mut slicer, &wanted, import, XML_STEP_BYTES, progress).await?
            }
        };
        issues.append(&mut imported.issues);
        imported.issues = issues;
        return Some(FileRead::Imported(imported));
    }
    let encoding = decoded.encoding;
    let mut reader = TableReader::new(&name, decoded.text);
    let step = |r: &mut TableReader<_>| r.step(TABLE_STEP);
    let report = |r: &TableReader<_>| progress(r.progress_bytes());
    run_in_slices(
        &mut slicer,
        "import-table",
        &wanted,
        &mut reader,
        step,
        report,
    )
    .await?;
    let reading = span("import-table");
    let (table, mut found) = reader.finish();
    reading.end();
    issues.append(&mut found);
    Some(FileRead::Csv(Pending {
        file: name,
        table,
        read_issues: issues,
        encoding,
    }))
}

/// Runs a GeoJSON, GPX or KML import to its end in slices of `size`, with progress;
/// `None` if it was cancelled meanwhile.
async fn sliced<I: SlicedImport>(
    slicer: &mut Slicer,
    wanted: &dyn Fn() -> bool,
    mut import: I,
    size: usize,
    progress: &dyn Fn((usize, usize)),
) -> Option<Imported> {
    let step = |i: &mut I| i.step(size);
    let report = |i: &I| progress(i.progress_bytes());
    run_in_slices(slicer, "import-parse", wanted, &mut import, step, report).await?;
    let finishing = span("import-finish");
    let imported = import.finish();
    finishing.end();
    Some(imported)
}

/// Reads one file the user gave: refused with a message, imported at once (GeoJSON, GPX,
/// KML), or held for the column mapping (CSV). One import at a time.
pub fn start_file(st: ImportState, file: web_sys::File) {
    let name = file.name();
    let size = file.size().max(0.0) as u64;
    st.refused.update(|r| r.retain(|i| i.file != name));
    if st.busy.with_untracked(Option::is_some) || st.pending.with_untracked(Option::is_some) {
        let message = crate::ui::i18n::import::import(st.app.lang.get_untracked()).busy;
        st.refused
            .update(|r| r.push(DataIssue::new(Severity::Error, &name, "", message)));
        return;
    }
    if let Err(issue) = check_size(&name, size) {
        st.refused.update(|r| r.push(issue));
        return;
    }
    let ticket = st.next_ticket();
    leptos::task::spawn_local(async move {
        st.progress(&name, Stage::Reading, 0, 0);
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
        if !st.wanted(ticket) {
            return;
        }
        files::pause().await;
        let Some(result) = read(st, ticket, name.clone(), bytes).await else {
            return; // cancelled: nothing changed
        };
        if !st.wanted(ticket) {
            return;
        }
        match result {
            FileRead::Refused(reason) => {
                st.busy.set(None);
                let issue = DataIssue::because(Severity::Error, &name, "", reason);
                st.refused.update(|r| r.push(issue));
            }
            FileRead::Csv(pending) => {
                st.busy.set(None);
                st.pending.set(Some(Arc::new(pending)));
            }
            FileRead::Imported(imported) => {
                let mut slicer = Slicer::default();
                merging::add_layer(st, &name, imported, ticket, &mut slicer).await;
            }
        }
    });
}

/// Creates the import state, restores kept layers and keeps `state.data` merged.
fn provide(state: AppState) -> ImportState {
    let st = ImportState::new(state);
    provide_context(st);
    layers::restore(st);
    merging::keep_merged(state, st);
    st
}

/// The import state (created by [`ImportPanel`]).
pub fn use_import() -> ImportState {
    use_context::<ImportState>().unwrap_or_else(|| provide(use_state()))
}
