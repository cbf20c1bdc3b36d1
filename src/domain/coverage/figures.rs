//! Sums over activity records that say how much they are worth: sessions and participants
//! are added only where a record gives a figure, and the records without one are counted,
//! so that a total can be shown as "at least" rather than as a made-up exact number.

use crate::domain::model::Activity;

/// Activity records and the figures they give.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityFigures {
    /// Activity records.
    pub records: usize,
    /// Sum of the sessions given.
    pub sessions: u64,
    /// Records with no sessions figure (the sum is then a lower bound).
    pub sessions_missing: usize,
    /// Sum of the participants (person-times) given.
    pub participants: u64,
    /// Records with no participants figure.
    pub participants_missing: usize,
    /// Participant figures that are "over" or "about" in the source (the sum is approximate).
    pub participants_qualified: usize,
}

impl ActivityFigures {
    /// Adds one activity record.
    pub fn add(&mut self, a: &Activity) {
        self.records += 1;
        match a.sessions {
            Some(n) => self.sessions = self.sessions.saturating_add(n),
            None => self.sessions_missing += 1,
        }
        match a.participants {
            Some(n) => {
                self.participants = self.participants.saturating_add(n);
                self.participants_qualified += usize::from(a.participants_qualifier.is_some());
            }
            None => self.participants_missing += 1,
        }
    }

    /// Whether the participants total is exact (every record gives an exact figure).
    pub fn participants_exact(&self) -> bool {
        self.participants_missing == 0 && self.participants_qualified == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::coverage::test_data::activity;
    use crate::domain::model::Qualifier;

    #[test]
    fn sums_only_given_figures_and_counts_the_rest() {
        let mut f = ActivityFigures::default();
        let mut a = activity("a", "2021-03", Some(10), Some(500));
        f.add(&a);
        a.participants_qualifier = Some(Qualifier::Over);
        f.add(&a);
        f.add(&activity("b", "2021-04", None, None));
        assert_eq!(f.records, 3);
        assert_eq!((f.sessions, f.sessions_missing), (20, 1));
        assert_eq!((f.participants, f.participants_missing), (1000, 1));
        assert_eq!(f.participants_qualified, 1);
        assert!(!f.participants_exact());
    }

    #[test]
    fn saturates_instead_of_overflowing() {
        let mut f = ActivityFigures::default();
        f.add(&activity("a", "2021-03", Some(u64::MAX), Some(u64::MAX)));
        f.add(&activity("b", "2021-03", Some(1), Some(1)));
        assert_eq!((f.sessions, f.participants), (u64::MAX, u64::MAX));
    }
}
