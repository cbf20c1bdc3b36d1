//! The activity a CSV row gives, when it has a date or counts: one activity at the row's
//! site, of the mapped type ("other" when none), with the sessions and participants the
//! row states (qualifiers such as 约/多 kept). A count without a date gives no activity (an
//! activity must be placed in time) and says so; a bad count is left out, not guessed.

use super::columns::Field;
use super::csv_rows::{CsvImport, RowAt};
use super::table::TableRow;
use super::values::{parse_activity_type, parse_count, parse_date};
use super::Reason;
use crate::domain::model::{Activity, ActivityId, ActivityTarget, ActivityType, Qualifier};
use crate::domain::validate::Severity;

const ACTIVITY_FIELDS: [Field; 5] = [
    Field::Date,
    Field::Participants,
    Field::Sessions,
    Field::ActivityType,
    Field::ActivityTitle,
];

impl CsvImport {
    /// Whether the row fills any activity column.
    pub(super) fn has_activity(&self, row: &TableRow) -> bool {
        ACTIVITY_FIELDS.iter().any(|f| {
            let cell = self.mapping.column(*f).and_then(|c| row.cells.get(c));
            cell.is_some_and(|c| !c.trim().is_empty())
        })
    }

    /// Adds the row's activity at site `site`, if the row has one.
    pub(super) fn activity(&mut self, row: &TableRow, at: &RowAt, site: usize) {
        if !self.has_activity(row) {
            return;
        }
        let col = |f: Field| self.mapping.column(f).unwrap_or(0);
        let date = match self.text(row, Field::Date).map(|d| (parse_date(&d), d)) {
            Some((Ok(Some((date, excel))), text)) => {
                if excel {
                    let reason = Reason::ExcelDate {
                        text,
                        date: date.to_string(),
                    };
                    self.b
                        .issue(Severity::Info, &at.cell(col(Field::Date)), reason);
                }
                date
            }
            Some((Err(e), _)) => {
                let reason = Reason::ActivityLeftOut(Box::new(e));
                self.b
                    .issue(Severity::Error, &at.cell(col(Field::Date)), reason);
                return;
            }
            Some((Ok(None), _)) | None => {
                let reason = Reason::ActivityWithoutDate;
                self.b.issue(Severity::Error, &at.whole(), reason);
                return;
            }
        };
        let participants = self.count(row, at, Field::Participants);
        let sessions = self.count(row, at, Field::Sessions);
        let (kind, type_text) = self.activity_type(row, at);
        let site_ref = &self.b.data.sites[site];
        let title = self
            .text(row, Field::ActivityTitle)
            .unwrap_or_else(|| format!("{} {date}", site_ref.name));
        let mut notes: Vec<String> = Vec::new();
        if let Some((n, Some(q))) = sessions {
            notes.push(format!("sessions: {} {n}", q.label_en()));
        }
        notes.extend(type_text.map(|t| format!("type as written: {t}")));
        let note = (!notes.is_empty()).then(|| notes.join("; "));
        let activity = Activity {
            id: ActivityId(format!("{}-activity-row{}", site_ref.id, row.row)),
            target: ActivityTarget::Site(site_ref.id.clone()),
            date,
            recurrence: None,
            kind,
            title,
            title_en: String::new(),
            sessions: sessions.map(|s| s.0),
            participants: participants.map(|p| p.0),
            participants_qualifier: participants.and_then(|p| p.1),
            organiser: None,
            note,
            sources: self.b.sources(),
        };
        self.b.data.activities.push(activity);
    }

    fn count(
        &mut self,
        row: &TableRow,
        at: &RowAt,
        field: Field,
    ) -> Option<(u64, Option<Qualifier>)> {
        let text = self.text(row, field)?;
        match parse_count(&text) {
            Ok(v) => v,
            Err(e) => {
                let col = self.mapping.column(field).unwrap_or(0);
                let reason = Reason::FigureLeftOut(Box::new(e));
                self.b.issue(Severity::Error, &at.cell(col), reason);
                None
            }
        }
    }

    /// The mapped type, and the text when it is not one we know (kept in the note).
    fn activity_type(&mut self, row: &TableRow, at: &RowAt) -> (ActivityType, Option<String>) {
        let Some(text) = self.text(row, Field::ActivityType) else {
            return (ActivityType::Other, None);
        };
        match parse_activity_type(&text) {
            Some(kind) => (kind, None),
            None => {
                let col = self.mapping.column(Field::ActivityType).unwrap_or(0);
                let reason = Reason::UnknownActivityType(text.clone());
                self.b.issue(Severity::Info, &at.cell(col), reason);
                (ActivityType::Other, Some(text))
            }
        }
    }
}
