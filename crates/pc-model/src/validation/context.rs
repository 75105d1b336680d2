//! What validation needs beyond the body: the time and the countries that require a registration
//! number.

use std::collections::BTreeSet;
use std::sync::{Arc, LazyLock};

use chrono::{DateTime, Utc};

use crate::country::CountryCode;

/// The countries whose customers must give an organization registration number (and an address
/// phone number) when created.
///
/// The service's list has changed over the years, so it is data: start from
/// [`RegistrationNumberCountries::default`] (the 25 countries of the current documentation) or
/// build another with [`RegistrationNumberCountries::new`].
///
/// Cloning is cheap (the set is shared), and so is [`Default`]: the default list is built once,
/// since every call of the client validates with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistrationNumberCountries(Arc<BTreeSet<CountryCode>>);

/// The default list: AM AZ BY HU KZ KG MD RU TJ UZ UA IN BR ZA PL AE SA TR TH VN MM IQ SS VE CN.
pub(crate) const DEFAULT_REGISTRATION_NUMBER_COUNTRIES: [&str; 25] = [
    "AM", "AZ", "BY", "HU", "KZ", "KG", "MD", "RU", "TJ", "UZ", "UA", "IN", "BR", "ZA", "PL", "AE",
    "SA", "TR", "TH", "VN", "MM", "IQ", "SS", "VE", "CN",
];

impl RegistrationNumberCountries {
    /// A list of your own.
    pub fn new(countries: impl IntoIterator<Item = CountryCode>) -> Self {
        Self(Arc::new(countries.into_iter().collect()))
    }

    /// Whether `country` is in the list.
    pub fn contains(&self, country: CountryCode) -> bool {
        self.0.contains(&country)
    }

    /// The countries, sorted.
    pub fn iter(&self) -> impl Iterator<Item = CountryCode> + '_ {
        self.0.iter().copied()
    }
}

/// The default list, built on first use.
static DEFAULT_COUNTRIES: LazyLock<RegistrationNumberCountries> = LazyLock::new(|| {
    RegistrationNumberCountries::new(
        DEFAULT_REGISTRATION_NUMBER_COUNTRIES
            .iter()
            .filter_map(|c| CountryCode::new(c).ok()),
    )
});

impl Default for RegistrationNumberCountries {
    fn default() -> Self {
        DEFAULT_COUNTRIES.clone()
    }
}

/// What validation needs beyond the body itself.
#[derive(Debug, Clone)]
pub struct ValidationContext {
    /// "Now", for rules about the future.
    pub now: DateTime<Utc>,
    /// Countries requiring a registration number and phone number.
    pub registration_number_countries: RegistrationNumberCountries,
}

impl ValidationContext {
    /// A context at the given time with the default country list.
    pub fn at(now: DateTime<Utc>) -> Self {
        Self {
            now,
            registration_number_countries: RegistrationNumberCountries::default(),
        }
    }

    /// Replaces the country list.
    pub fn with_registration_number_countries(mut self, list: RegistrationNumberCountries) -> Self {
        self.registration_number_countries = list;
        self
    }
}

impl Default for ValidationContext {
    /// The current time and the default country list.
    fn default() -> Self {
        Self::at(Utc::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_country_list_has_the_seed_countries() {
        let list = RegistrationNumberCountries::default();
        assert_eq!(list.iter().count(), 25);
        assert!(list.contains(CountryCode::new("CN").unwrap()));
        assert!(!list.contains(CountryCode::new("US").unwrap()));
    }
}
