//! Counting what is mapped: sites by kind, activities and participants per site.
//! Pure functions over the dataset; the dashboard and the legend both use them.

use super::model::{Activity, Dataset, SiteId, SiteKind};

/// How many sites of each kind, in legend order, kinds with no site left out.
pub fn sites_by_kind(dataset: &Dataset) -> Vec<(SiteKind, usize)> {
    SiteKind::ALL
        .iter()
        .map(|&kind| {
            (
                kind,
                dataset.sites.iter().filter(|s| s.kind == kind).count(),
            )
        })
        .filter(|&(_, n)| n > 0)
        .collect()
}

/// What was held at one site: the activities newest first, and their totals.
#[derive(Debug, Default, PartialEq)]
pub struct SiteActivities<'a> {
    pub activities: Vec<&'a Activity>,
    /// Sum of the sessions the sources give (activities without a figure add nothing).
    pub sessions: u64,
    /// Sum of the participants (person-times) the sources give.
    pub participants: u64,
    /// Activities with no participants figure: the total is then a lower bound.
    pub without_participants: usize,
}

pub fn site_activities<'a>(dataset: &'a Dataset, site: &'a SiteId) -> SiteActivities<'a> {
    let mut activities: Vec<&Activity> = dataset.activities_for_site(site).collect();
    activities.sort_by_key(|a| std::cmp::Reverse(a.date.bounds().1));
    SiteActivities {
        sessions: activities.iter().filter_map(|a| a.sessions).sum(),
        participants: activities.iter().filter_map(|a| a.participants).sum(),
        without_participants: activities
            .iter()
            .filter(|a| a.participants.is_none())
            .count(),
        activities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::model::Site;

    fn site(kind: SiteKind) -> Site {
        let json = format!(
            r#"{{"id":"a","position":{{"lon":113.0,"lat":23.0}},"name":"甲","name_en":"A","kind":"{}",
            "also_kinds":[],"admin":{{}},"region":null,"address":null,"summary":"","summary_en":"",
            "themes":[],"opening_hours":null,"booking":null,"designation":null,"links":[],"images":[],
            "precision":{{"level":"town","radius_m":null,"note":""}},"sources":[],"extra":[]}}"#,
            kind.as_str()
        );
        serde_json::from_str(&json).expect("site json")
    }

    #[test]
    fn counts_each_kind_once_in_legend_order() {
        let dataset = Dataset {
            sites: vec![
                site(SiteKind::Museum),
                site(SiteKind::Memorial),
                site(SiteKind::Museum),
            ],
            ..Dataset::default()
        };
        assert_eq!(
            sites_by_kind(&dataset),
            vec![(SiteKind::Memorial, 1), (SiteKind::Museum, 2)]
        );
    }
}
