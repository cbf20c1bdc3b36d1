//! `activities.json` and `visits.json`: plain (non-spatial) records that point at a site
//! or a region.

use super::fields::{required, required_as, sources, vocab, At, Issues, RawSource};
use super::values::{activity_date, count};
use crate::domain::model::{
    Activity, ActivityId, ActivityTarget, ActivityType, Period, Qualifier, Recurrence, RegionId,
    SiteId, Visit, VisitId,
};
use crate::domain::validate::Severity;
use serde::Deserialize;
use serde_json::Number;

/// An activity as written.
#[derive(Deserialize)]
pub(crate) struct RawActivity {
    id: Option<String>,
    site: Option<String>,
    region: Option<String>,
    date: Option<String>,
    start: Option<String>,
    end: Option<String>,
    recurrence: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    title: Option<String>,
    title_en: Option<String>,
    sessions: Option<Number>,
    participants: Option<Number>,
    participants_qualifier: Option<String>,
    organiser: Option<String>,
    note: Option<String>,
    sources: Option<Vec<RawSource>>,
}

/// Converts one activity; `None` when it cannot be one (no id, target, date or type).
pub(crate) fn activity(a: RawActivity, at: At, issues: &mut Issues) -> Option<Activity> {
    let id = required(a.id, at, "id", issues);
    let target = match (a.site, a.region) {
        (Some(s), None) => Some(ActivityTarget::Site(SiteId(s))),
        (None, Some(r)) => Some(ActivityTarget::Region(RegionId(r))),
        (Some(_), Some(_)) => {
            issues.error(
                at.field("region"),
                "give either \"site\" or \"region\", not both",
            );
            None
        }
        (None, None) => {
            issues.error(at.field("site"), "missing site or region");
            None
        }
    };
    let date = activity_date(
        a.date.as_deref(),
        a.start.as_deref(),
        a.end.as_deref(),
        at,
        issues,
    );
    let kind = vocab::<ActivityType>(a.kind.as_deref(), at, "type", issues);
    let title = required(a.title, at, "title", issues);
    let title_en = required_as(a.title_en, at, "title_en", Severity::Warning, issues);
    let sessions = count(a.sessions.as_ref(), at, "sessions", issues);
    let participants = count(a.participants.as_ref(), at, "participants", issues);
    let qualifier = a
        .participants_qualifier
        .as_deref()
        .and_then(|q| vocab::<Qualifier>(Some(q), at, "participants_qualifier", issues));
    let recurrence = a
        .recurrence
        .as_deref()
        .and_then(|r| vocab::<Recurrence>(Some(r), at, "recurrence", issues));
    let sources = sources(a.sources, at, "sources", issues);
    Some(Activity {
        id: ActivityId(id?),
        target: target?,
        date: date?,
        recurrence,
        kind: kind?,
        title: title?,
        title_en: title_en.unwrap_or_default(),
        sessions,
        participants,
        participants_qualifier: qualifier,
        organiser: a.organiser,
        note: a.note,
        sources,
    })
}

/// A visit count as written.
#[derive(Deserialize)]
pub(crate) struct RawVisit {
    id: Option<String>,
    site: Option<String>,
    period: Option<String>,
    visitors: Option<Number>,
    sources: Option<Vec<RawSource>>,
}

/// Converts one visit count; `None` when it cannot be one.
pub(crate) fn visit(v: RawVisit, at: At, issues: &mut Issues) -> Option<Visit> {
    let id = required(v.id, at, "id", issues);
    let site = required(v.site, at, "site", issues);
    let period = required(v.period, at, "period", issues).and_then(|p| {
        let parsed = Period::parse(&p);
        if parsed.is_none() {
            issues.error(
                at.field("period"),
                format!("bad period \"{p}\": expected \"YYYY\" or \"YYYY-MM\""),
            );
        }
        parsed
    });
    let visitors = count(v.visitors.as_ref(), at, "visitors", issues);
    if v.visitors.is_none() {
        issues.error(at.field("visitors"), "missing visitors");
    }
    let sources = sources(v.sources, at, "sources", issues);
    Some(Visit {
        id: VisitId(id?),
        site: SiteId(site?),
        period: period?,
        visitors: visitors?,
        sources,
    })
}
