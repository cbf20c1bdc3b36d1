//! Newtype ids, one per kind of record, so that a site id cannot be passed where a route id
//! is meant. Ids are stable strings chosen by the data author (e.g. "nanhai-county-committee-site").

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The id as text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                Self(s.to_owned())
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                Self(s)
            }
        }
    };
}

id_type!(
    /// Id of a [`super::Site`].
    SiteId
);
id_type!(
    /// Id of a [`super::Route`].
    RouteId
);
id_type!(
    /// Id of a [`super::Region`] (district, county, city, town).
    RegionId
);
id_type!(
    /// Id of an [`super::Activity`].
    ActivityId
);
id_type!(
    /// Id of a [`super::Visit`] count.
    VisitId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_serialize_as_plain_strings() {
        let id = SiteId::from("a");
        assert_eq!(serde_json::to_string(&id).expect("json"), "\"a\"");
        assert_eq!(id.to_string(), "a");
    }
}
