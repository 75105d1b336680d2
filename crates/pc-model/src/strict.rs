//! How request bodies are read: objects only, every key known, no key twice.
//!
//! A request type derives its serde code with `#[serde(remote = "Self", deny_unknown_fields)]`
//! and gets its `Deserialize` and `Serialize` impls from [`strict_request!`]:
//!
//! - the body (and each nested object) must be a JSON **object**: serde's derived code would also
//!   read a positional array into a struct, which no client means to send;
//! - a key that is neither a field nor one of its aliases (the PascalCase spelling) is an
//!   **unknown field**, refused with the list of the fields the object takes (a misspelt
//!   `organisationRegistrationNumber` must not vanish, nor an `associatedpartnerid` turn a
//!   reseller's customer into a direct one);
//! - a key written **twice** is refused at that key (serde alone refuses a field given twice under
//!   two spellings, but would ignore a repeated unknown key, and parsers disagree on which of two
//!   equal keys wins);
//! - the fields of the resource that the retired .NET SDK sent along with a request (its
//!   serialized `Customer`, in PascalCase: `Id`, `CommerceId`, `Attributes`, …, see
//!   `fixtures/customer-create-indirect.request.docs.json`) are [`SdkField`]s: accepted in that
//!   spelling and ignored, when they hold nothing a request could mean.

use serde::de::{self, DeserializeSeed, IgnoredAny, IntoDeserializer, MapAccess};

/// A field of the resource that the .NET SDK sent in its request bodies, in its spelling.
#[derive(Debug, Clone, Copy)]
pub(crate) struct SdkField {
    /// The key, as the SDK wrote it (PascalCase).
    pub(crate) name: &'static str,
    /// `None`: ignored whatever its value (the SDK always fills it, and the service sets it).
    /// `Some(why)`: accepted only as `null`; any other value is refused with `why`, since a
    /// request cannot set it and ignoring it would lose what the caller meant.
    pub(crate) unless_null: Option<&'static str>,
}

impl SdkField {
    /// Ignored whatever its value.
    pub(crate) const fn ignored(name: &'static str) -> Self {
        Self {
            name,
            unless_null: None,
        }
    }

    /// Accepted only as `null`.
    pub(crate) const fn null_only(name: &'static str, why: &'static str) -> Self {
        Self {
            name,
            unless_null: Some(why),
        }
    }
}

/// Why a service-set field must be null or left out.
pub(crate) const SET_BY_THE_SERVICE: &str =
    "is set by the service; leave it out (the .NET SDK's `null` is accepted)";

/// A map access that refuses a key given twice and skips (or refuses) the .NET SDK's fields, then
/// hands every other key to the derived code, which refuses unknown ones.
pub(crate) struct StrictMap<A> {
    inner: A,
    sdk_fields: &'static [SdkField],
    seen: Vec<String>,
}

impl<A> StrictMap<A> {
    /// Wraps `inner`.
    pub(crate) fn new(inner: A, sdk_fields: &'static [SdkField]) -> Self {
        Self {
            inner,
            sdk_fields,
            seen: Vec::new(),
        }
    }
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for StrictMap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        loop {
            let Some(key) = self.inner.next_key::<String>()? else {
                return Ok(None);
            };
            if self.seen.contains(&key) {
                return Err(de::Error::custom(format_args!(
                    "duplicate field `{key}`: a key may appear only once"
                )));
            }
            self.seen.push(key.clone());
            match self.sdk_fields.iter().find(|f| f.name == key) {
                Some(SdkField {
                    unless_null: None, ..
                }) => {
                    self.inner.next_value::<IgnoredAny>()?;
                }
                Some(SdkField {
                    unless_null: Some(why),
                    ..
                }) => {
                    if self.inner.next_value::<Option<IgnoredAny>>()?.is_some() {
                        return Err(de::Error::custom(format_args!(
                            "unexpected field `{key}`: {why}"
                        )));
                    }
                }
                None => {
                    let key: de::value::StringDeserializer<A::Error> = key.into_deserializer();
                    return seed.deserialize(key).map(Some);
                }
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// Implements `Deserialize` (strict, as the [module docs](self) say) and `Serialize` for a request
/// type whose derives carry `#[serde(remote = "Self", deny_unknown_fields)]`, from the inherent
/// `deserialize` and `serialize` functions those derives generate.
macro_rules! strict_request {
    ($ty:ident, $expecting:literal, $sdk_fields:expr) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct Visitor;
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = $ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(
                        self,
                        map: A,
                    ) -> Result<$ty, A::Error> {
                        // The inherent function the remote derive generated.
                        $ty::deserialize(serde::de::value::MapAccessDeserializer::new(
                            $crate::strict::StrictMap::new(map, $sdk_fields),
                        ))
                    }
                }
                d.deserialize_map(Visitor)
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                // The inherent function the remote derive generated.
                $ty::serialize(self, s)
            }
        }
    };
}

pub(crate) use strict_request;

/// The closest of `candidates` to `unknown`: the same name in another case, or one a typo or two
/// away (optimal string alignment distance at most a quarter of the name's length, and at least
/// 1). `None` when nothing is that close.
pub(crate) fn closest<'a>(unknown: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let wanted: Vec<char> = unknown.to_lowercase().chars().collect();
    let limit = (wanted.len() / 4).max(1);
    candidates
        .iter()
        .map(|c| {
            let lower: Vec<char> = c.to_lowercase().chars().collect();
            (distance(&wanted, &lower), *c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and transpositions of
/// adjacent characters.
fn distance(a: &[char], b: &[char]) -> usize {
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, row) in d.chunks_mut(width).enumerate() {
        row[0] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_are_close_names_in_any_case() {
        let fields = ["domain", "organizationRegistrationNumber"];
        assert_eq!(
            closest("organisationRegistrationNumber", &fields),
            Some("organizationRegistrationNumber")
        );
        assert_eq!(
            closest("ORGANIZATIONREGISTRATIONNUMBER", &fields),
            Some("organizationRegistrationNumber")
        );
        assert_eq!(closest("dmoain", &fields), Some("domain"));
        assert_eq!(closest("website", &fields), None);
        assert_eq!(closest("", &fields), None);
    }
}
