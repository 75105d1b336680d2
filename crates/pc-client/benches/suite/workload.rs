//! What the measurements send and read: a full create-customer request, the documented answers,
//! and a long qualification list built from the documented entries.

use pc_model::fixtures::{self, Fixture};
use pc_model::operation::BodyRef;
use pc_model::{
    AddressRequest, BillingProfileRequest, CompanyProfileRequest, CountryCode,
    CreateCustomerRequest, ResellerTenantId,
};

/// The documented body of a fixture, by file name.
pub(crate) fn fixture(name: &str) -> &'static str {
    fixtures::ALL
        .iter()
        .find(|f| f.name == name)
        .map(|f: &Fixture| f.json)
        .unwrap_or_else(|| panic!("no fixture named {name}"))
}

/// The documented `201` of creating a customer.
pub(crate) const CUSTOMER_201: &str = "customer-create.response-201.docs.json";

/// A create-customer request with every field set, in a country that needs the registration
/// number and phone, so that every rule runs. `prefix` makes the domain
/// `<prefix>.onmicrosoft.com` (letters and digits, at most 27).
pub(crate) fn full_request(prefix: &str, reseller: ResellerTenantId) -> CreateCustomerRequest {
    let country: CountryCode = "PL".parse().expect("PL is a country code");
    let address = AddressRequest::new(country)
        .with_address_line1("ul. Prosta 51")
        .with_first_name("Anna")
        .with_last_name("Nowak")
        .with_address_line2("lok. 4")
        .with_city("Warszawa")
        .with_state("Mazowieckie")
        .with_region("Mazowsze")
        .with_postal_code("00-838")
        .with_phone_number("+48 22 123 45 67");
    CreateCustomerRequest::new(
        CompanyProfileRequest::new(format!("{prefix}.onmicrosoft.com"))
            .with_registration_number("5252248481"),
        BillingProfileRequest::new(address)
            .with_email("anna.nowak@wingtiptoys.com")
            .with_culture("pl-PL")
            .with_language("pl")
            .with_company_name("Wingtip Toys sp. z o.o."),
    )
    .for_reseller(reseller)
    .with_gdap_by_default(true)
}

/// A qualification list (bare array, as documented) of `n` entries, cycling through every entry
/// of the documented list answers (approved, denied, in review, GCC with its 7-digit fraction
/// and offset, State Owned Entity without vetting fields).
pub(crate) fn qualification_list(n: usize) -> Vec<u8> {
    let entries: Vec<serde_json::Value> = fixtures::of(BodyRef::QualificationList)
        .flat_map(|f| {
            serde_json::from_str::<Vec<serde_json::Value>>(f.json)
                .expect("documented lists are arrays")
        })
        .collect();
    assert!(!entries.is_empty(), "documented qualification lists");
    let list: Vec<&serde_json::Value> = entries.iter().cycle().take(n).collect();
    serde_json::to_vec(&list).expect("a list of values encodes")
}

/// Starts an emulator on the servers' runtime.
pub(crate) async fn emulator(
    servers: &tokio::runtime::Handle,
    config: pc_emulator::EmulatorConfig,
) -> pc_emulator::RunningEmulator {
    servers
        .spawn(pc_emulator::Emulator::start(config))
        .await
        .expect("the emulator task runs")
        .expect("the emulator starts")
}

/// Stops an emulator on the servers' runtime.
pub(crate) async fn stop(servers: &tokio::runtime::Handle, emulator: pc_emulator::RunningEmulator) {
    let _ = servers.spawn(emulator.shutdown()).await;
}
