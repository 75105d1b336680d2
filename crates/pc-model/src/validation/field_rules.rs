//! The per-field rules of a request struct, written once as `#[validate(...)]` attributes and
//! checked by validator, without validator's traits on the public type.
//!
//! A request struct declared with [`request_struct!`] keeps each field's `#[validate(...)]`
//! attribute in two places that derive from the one written:
//!
//! - on the public struct, as `#[cfg_attr(feature = "schema", validate(...))]`: schemars' derive
//!   reads it for the schema's `maxLength`, `minLength` and `pattern`;
//! - on a private struct that borrows the fields with rules and derives `validator::Validate`:
//!   [`FieldRules::check_fields`] builds it and returns validator's verdict, which
//!   [`Violations::extend_from_field_rules`](super::Violations::extend_from_field_rules) turns
//!   into violations in the type's [`Validate`](super::Validate) impl. A `#[validate(nested)]`
//!   field is borrowed as [`Nested`], checked with its own type's rules under the field's name,
//!   so validator's errors have the same shape as if the public types derived its trait.
//!
//! So the public type implements [`Validate`](super::Validate) only: validator's `Validate` and
//! `ValidateArgs` are not on its documentation page, and a caller with both traits in scope gets
//! ours from `.validate()`.

/// A request struct's per-field rules, checked by validator (see [`request_struct!`]).
pub(crate) trait FieldRules {
    /// validator's verdict on the fields' `#[validate(...)]` rules, nested structs included.
    fn check_fields(&self) -> Result<(), validator::ValidationErrors>;
}

/// A borrowed nested request struct, as a field of the private struct [`request_struct!`]
/// derives `validator::Validate` on: checked with its own rules.
pub(crate) struct Nested<'a, T>(pub(crate) &'a T);

impl<T: FieldRules> validator::Validate for Nested<'_, T> {
    fn validate(&self) -> Result<(), validator::ValidationErrors> {
        self.0.check_fields()
    }
}

/// Declares a request struct whose fields carry `#[validate(...)]` rules, and implements
/// [`FieldRules`] for it (see the module docs).
///
/// Takes the struct as it would be written with validator's derive, but without it: each field
/// has at most one `#[validate(...)]` attribute, among its other attributes, in any position. The
/// struct needs at least one field with rules.
macro_rules! request_struct {
    (
        $(#[$attr:meta])*
        $vis:vis struct $name:ident { $($body:tt)* }
    ) => {
        $crate::validation::request_struct!(@field
            [$(#[$attr])* $vis struct $name] $name
            // The public struct's fields; the private struct's fields; the fields it borrows;
            // its initialisers; the attributes of the field being read; that field's rules.
            [] [] [] [] [] []
            $($body)*
        );
    };

    // A field's rules: for schemars on the public struct, for validator on the private one.
    (@field $head:tt $name:ident $pub:tt $defs:tt $bound:tt $inits:tt
        [$($attrs:tt)*] [] #[validate $rules:tt] $($rest:tt)*
    ) => {
        $crate::validation::request_struct!(@field $head $name $pub $defs $bound $inits
            [$($attrs)* #[cfg_attr(feature = "schema", validate $rules)]] [$rules] $($rest)*
        );
    };
    // Any other attribute of a field, doc comments included.
    (@field $head:tt $name:ident $pub:tt $defs:tt $bound:tt $inits:tt
        [$($attrs:tt)*] $rules:tt #[$attr:meta] $($rest:tt)*
    ) => {
        $crate::validation::request_struct!(@field $head $name $pub $defs $bound $inits
            [$($attrs)* #[$attr]] $rules $($rest)*
        );
    };
    // A field without rules: on the public struct only.
    (@field $head:tt $name:ident [$($pub:tt)*] $defs:tt $bound:tt $inits:tt
        [$($attrs:tt)*] [] $fvis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::validation::request_struct!(@field $head $name
            [$($pub)* $($attrs)* $fvis $field: $ty,] $defs $bound $inits
            [] [] $($($rest)*)?
        );
    };
    // A nested request struct: checked with its own rules.
    (@field $head:tt $name:ident [$($pub:tt)*] [$($defs:tt)*] [$($bound:tt)*] [$($inits:tt)*]
        [$($attrs:tt)*] [(nested)] $fvis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::validation::request_struct!(@field $head $name
            [$($pub)* $($attrs)* $fvis $field: $ty,]
            [$($defs)* #[validate(nested)] $field: $crate::validation::Nested<'a, $ty>,]
            [$($bound)* $field]
            [$($inits)* $field: $crate::validation::Nested($field),]
            [] [] $($($rest)*)?
        );
    };
    // A field with rules.
    (@field $head:tt $name:ident [$($pub:tt)*] [$($defs:tt)*] [$($bound:tt)*] [$($inits:tt)*]
        [$($attrs:tt)*] [$rules:tt] $fvis:vis $field:ident : $ty:ty $(, $($rest:tt)*)?
    ) => {
        $crate::validation::request_struct!(@field $head $name
            [$($pub)* $($attrs)* $fvis $field: $ty,]
            [$($defs)* #[validate $rules] $field: &'a $ty,]
            [$($bound)* $field]
            [$($inits)* $field,]
            [] [] $($($rest)*)?
        );
    };
    // Every field read.
    (@field [$($head:tt)*] $name:ident [$($pub:tt)*] [$($defs:tt)*] [$($bound:ident)*]
        [$($inits:tt)*] [] []
    ) => {
        $($head)* { $($pub)* }

        impl $crate::validation::FieldRules for $name {
            fn check_fields(&self) -> ::std::result::Result<(), ::validator::ValidationErrors> {
                // The derived code of `#[validate(nested)]` calls `.validate()`.
                #[allow(unused_imports)]
                use ::validator::Validate as _;
                #[derive(::validator::Validate)]
                struct Fields<'a> { $($defs)* }
                let $name { $($bound,)* .. } = self;
                ::validator::Validate::validate(&Fields { $($inits)* })
            }
        }
    };
}
pub(crate) use request_struct;
