//! The fast path for a well-formed FeatureCollection: one streaming pass that hands each
//! feature to the caller as soon as it is parsed, so that no intermediate list of raw
//! features (tens of megabytes for 100k sites) is ever built. Any structural error makes
//! it give up; the caller then takes the slower per-feature path that reports paths.

use super::raw::RawFeature;
use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::borrow::Cow;
use std::fmt;

/// Called with each feature's index and parsed feature.
pub(crate) type Take<'t, 'a, P> = dyn FnMut(usize, RawFeature<'a, P>) + 't;

/// Streams every feature of `text` into `take`. `false` when the text is not a clean
/// FeatureCollection (bad JSON, wrong type, a feature of the wrong shape): the caller must
/// then discard what `take` received and fall back.
pub(crate) fn stream_features<'a, P: Deserialize<'a>>(
    text: &'a str,
    take: &mut Take<'_, 'a, P>,
) -> bool {
    let mut de = serde_json::Deserializer::from_str(text);
    let clean = (&mut de)
        .deserialize_map(Collection { take })
        .unwrap_or(false);
    clean && de.end().is_ok()
}

struct Collection<'t, 'u, 'a, P> {
    take: &'t mut Take<'u, 'a, P>,
}

impl<'a, P: Deserialize<'a>> Visitor<'a> for Collection<'_, '_, 'a, P> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a GeoJSON FeatureCollection")
    }

    fn visit_map<M: MapAccess<'a>>(self, mut map: M) -> Result<bool, M::Error> {
        let (mut is_collection, mut has_features) = (false, false);
        while let Some(key) = map.next_key::<Cow<'a, str>>()? {
            match key.as_ref() {
                "type" => is_collection = map.next_value::<Cow<'a, str>>()? == "FeatureCollection",
                "features" => {
                    map.next_value_seed(Features {
                        take: &mut *self.take,
                    })?;
                    has_features = true;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(is_collection && has_features)
    }
}

struct Features<'t, 'u, 'a, P> {
    take: &'t mut Take<'u, 'a, P>,
}

impl<'a, P: Deserialize<'a>> DeserializeSeed<'a> for Features<'_, '_, 'a, P> {
    type Value = ();

    fn deserialize<D: Deserializer<'a>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'a, P: Deserialize<'a>> Visitor<'a> for Features<'_, '_, 'a, P> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of features")
    }

    fn visit_seq<S: SeqAccess<'a>>(self, mut seq: S) -> Result<(), S::Error> {
        let mut index = 0;
        while let Some(feature) = seq.next_element::<RawFeature<'a, P>>()? {
            (self.take)(index, feature);
            index += 1;
        }
        Ok(())
    }
}
