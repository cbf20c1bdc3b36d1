//! Activities (dated records of what was done at a site or across a region) and visit counts
//! (visitors per site and period). Neither is spatial: they point at a site or a region.

use super::{ActivityDate, ActivityId, Period, RegionId, SiteId, Sources, VisitId};
use serde::{Deserialize, Serialize};

vocabulary! {
    /// The kind of activity. The first seven are Nanhai's "读、访、展、观、唱、讲、敬".
    ActivityType {
        Read = "read", "读", "Reading";
        Visit = "visit", "访", "Visit";
        Exhibit = "exhibit", "展", "Exhibition";
        Watch = "watch", "观", "Screening";
        Sing = "sing", "唱", "Singing";
        Lecture = "lecture", "讲", "Lecture";
        Tribute = "tribute", "敬", "Tribute";
        PartyDay = "party_day", "主题党日", "Theme party day";
        StudySession = "study_session", "专题学习", "Study session";
        Performance = "performance", "演出", "Performance";
        Other = "other", "其他", "Other";
    }
}

vocabulary! {
    /// How a reported count is meant: "over" for 超/多 (e.g. 300多场), "about" for 约.
    /// No qualifier means the source gives the exact figure.
    Qualifier {
        Over = "over", "超过", "over";
        About = "about", "约", "about";
    }
}

vocabulary! {
    /// How often an activity recurs, as the source says it ("每周一会" is weekly).
    Recurrence {
        Weekly = "weekly", "每周", "weekly";
        Often = "often", "经常", "often";
    }
}

/// What an activity is tied to: one site, or a whole region when no site is named.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActivityTarget {
    Site(SiteId),
    Region(RegionId),
}

/// A dated activity drawn from a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: ActivityId,
    pub target: ActivityTarget,
    pub date: ActivityDate,
    /// e.g. weekly for the 铁军讲堂; the date is then when the recurrence is reported.
    pub recurrence: Option<Recurrence>,
    pub kind: ActivityType,
    pub title: String,
    pub title_en: String,
    /// Number of sessions, when the source gives one.
    pub sessions: Option<u64>,
    /// Participants in person-times, when the source gives them.
    pub participants: Option<u64>,
    /// How `participants` is meant ("over 500,000").
    pub participants_qualifier: Option<Qualifier>,
    pub organiser: Option<String>,
    pub note: Option<String>,
    pub sources: Sources,
}

impl Activity {
    /// The site this activity took place at, if it is tied to a site.
    pub fn site(&self) -> Option<&SiteId> {
        match &self.target {
            ActivityTarget::Site(id) => Some(id),
            ActivityTarget::Region(_) => None,
        }
    }

    /// The region this activity is tied to, if it is not tied to a site.
    pub fn region(&self) -> Option<&RegionId> {
        match &self.target {
            ActivityTarget::Region(id) => Some(id),
            ActivityTarget::Site(_) => None,
        }
    }
}

/// Visitors counted at one site over one period. The current sources give none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    pub id: VisitId,
    pub site: SiteId,
    pub period: Period,
    pub visitors: u64,
    pub sources: Sources,
}
