//! Collections, links and resource attributes shared by several resources.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

/// A link to a related resource, as the service writes it.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Link {
    /// Relative URI, e.g. `/customers/{id}/profiles/company`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Uri")]
    pub uri: Option<String>,
    /// HTTP method to use, e.g. `GET`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Method")]
    pub method: Option<String>,
    /// Headers to send, as the service lists them.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Headers")]
    pub headers: Option<Vec<serde_json::Value>>,
}

/// Links of a resource or collection.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct Links {
    /// The resource itself.
    #[serde(
        rename = "self",
        skip_serializing_if = "Option::is_none",
        alias = "Self"
    )]
    pub self_link: Option<Link>,
    /// The next page of a collection.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Next")]
    pub next: Option<Link>,
    /// The previous page of a collection.
    #[serde(skip_serializing_if = "Option::is_none", alias = "Previous")]
    pub previous: Option<Link>,
}

/// The `attributes` object of a resource.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(default, rename_all = "camelCase")]
#[non_exhaustive]
pub struct ResourceAttributes {
    /// The resource's type name, e.g. `Customer`.
    #[serde(skip_serializing_if = "Option::is_none", alias = "ObjectType")]
    pub object_type: Option<String>,
    /// The resource's version tag.
    #[serde(
        skip_serializing_if = "Option::is_none",
        alias = "Etag",
        alias = "ETag",
        alias = "eTag"
    )]
    pub etag: Option<String>,
}

/// Reads a list that may be `null` (or absent, with `#[serde(default)]`) as an empty list: a
/// `null` means absent in every response field.
///
/// # Errors
/// The deserializer's error when the value is neither `null` nor a list of `T`.
pub(crate) fn null_as_empty<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Ok(Option::<Vec<T>>::deserialize(d)?.unwrap_or_default())
}

/// A collection: `{totalCount, items, links, attributes}`.
///
/// Every field may be absent or `null` on read; absent or `null` `items` is an empty list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// One schema name per item type (`QualificationCollection`), so that schemas of several
// collections can share one namespace, as the components of the OpenAPI document do.
#[cfg_attr(feature = "schema", schemars(rename = "{T}Collection"))]
#[serde(rename_all = "camelCase")]
#[serde(bound(deserialize = "T: Deserialize<'de>"))]
#[non_exhaustive]
pub struct Collection<T> {
    /// Number of items the service says the collection holds.
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "TotalCount")]
    pub total_count: Option<u64>,
    /// The items.
    #[serde(
        default = "Collection::<T>::no_items",
        alias = "Items",
        deserialize_with = "null_as_empty"
    )]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<T>>"))]
    pub items: Vec<T>,
    /// Links (`self`, and `next` when there are more pages).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "Links")]
    pub links: Option<Links>,
    /// Resource attributes (`objectType: Collection`).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "Attributes")]
    pub attributes: Option<ResourceAttributes>,
}

impl<T> Collection<T> {
    fn no_items() -> Vec<T> {
        Vec::new()
    }
}

impl<T> Default for Collection<T> {
    fn default() -> Self {
        Self {
            total_count: None,
            items: Vec::new(),
            links: None,
            attributes: None,
        }
    }
}

impl<T> Collection<T> {
    /// A collection of `items` with `totalCount` set, as the service answers.
    pub fn of(items: Vec<T>) -> Self {
        Self {
            total_count: Some(items.len() as u64),
            items,
            links: None,
            attributes: Some(ResourceAttributes {
                object_type: Some("Collection".to_owned()),
                etag: None,
            }),
        }
    }
}

/// A list the service may send either as a bare JSON array (as documented for qualifications and
/// validation codes) or as a [`Collection`]; both read into the same items. Written as a bare array.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(transparent)]
pub struct ItemList<T>(pub Vec<T>);

impl<T> Default for ItemList<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T> From<ItemList<T>> for Vec<T> {
    fn from(list: ItemList<T>) -> Self {
        list.0
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ItemList<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct ListVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
            type Value = ItemList<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON array or a collection object with `items`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Vec::<T>::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(ItemList)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Collection::<T>::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|c| ItemList(c.items))
            }
        }
        d.deserialize_any(ListVisitor(PhantomData))
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for ItemList<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        format!("ItemList_{}", T::schema_name()).into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let item = generator.subschema_for::<T>();
        let collection = generator.subschema_for::<Collection<T>>();
        schemars::json_schema!({
            "description": "A bare JSON array of items (the documented form), or a collection object whose `items` hold them.",
            "anyOf": [
                { "type": "array", "items": item },
                collection
            ]
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn item_list_reads_array_and_collection() {
        let a: ItemList<u32> = serde_json::from_str("[1,2]").unwrap();
        let b: ItemList<u32> = serde_json::from_str(r#"{"totalCount":2,"items":[1,2]}"#).unwrap();
        let c: ItemList<u32> = serde_json::from_str(r#"{"Items":[1,2],"Extra":true}"#).unwrap();
        assert_eq!(a, b);
        assert_eq!(b, c);
        assert_eq!(serde_json::to_string(&a).unwrap(), "[1,2]");
        assert!(serde_json::from_str::<ItemList<u32>>("\"x\"").is_err());
        // `null` items mean absent, as `null` does in every other response field.
        let d: ItemList<u32> = serde_json::from_str(r#"{"totalCount":0,"items":null}"#).unwrap();
        assert_eq!(d, ItemList(Vec::new()));
        let e: Collection<u32> = serde_json::from_str(r#"{"Items":null}"#).unwrap();
        assert!(e.items.is_empty());
        assert!(serde_json::from_str::<Collection<u32>>(r#"{"items":[null]}"#).is_err());
        assert!(serde_json::from_str::<ItemList<u32>>("[\"x\"]").is_err());
    }
}
