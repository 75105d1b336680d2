//! Section 1: the model. Typed decoding versus `serde_json::Value` of the same bytes, encoding,
//! and validation versus decoding.

use std::hint::black_box;
use std::time::Duration;

use pc_emulator::DEFAULT_RESELLER_ID;
use pc_model::operation::Endpoint;
use pc_model::operations::{CreateCustomer, ListQualifications};
use pc_model::{CreateCustomerRequest, CustomerTenantId, Validate, ValidationContext};
use serde_json::Value;

use crate::Mode;
use crate::measure::{self, Paired};
use crate::report::{Report, Target};
use crate::workload;

const SECTION: &str = "model";

struct Sizes {
    rounds: usize,
    batch: Duration,
}

fn sizes(mode: Mode) -> Sizes {
    match mode {
        Mode::Full => Sizes {
            rounds: 41,
            batch: Duration::from_millis(20),
        },
        Mode::Smoke => Sizes {
            rounds: 2,
            batch: Duration::from_micros(200),
        },
    }
}

/// Measures `a` against `b` and returns the paired figures (ns per call).
fn pair(sizes: &Sizes, mut a: impl FnMut(), b: impl FnMut()) -> Paired {
    let iters = measure::calibrate(sizes.batch, &mut a);
    measure::interleave(sizes.rounds, iters, a, b)
}

fn detail(p: &Paired, a: &str, b: &str) -> String {
    format!(
        "median {a} {} vs {b} {} per call, {} rounds",
        measure::ns(p.median_a()),
        measure::ns(p.median_b()),
        p.a.len()
    )
}

pub(crate) fn run(mode: Mode, report: &mut Report) {
    let s = sizes(mode);

    // The documented create-customer answer, decoded as the client decodes it.
    let customer_bytes = workload::fixture(workload::CUSTOMER_201).as_bytes();
    let request = workload::full_request("wingtiptoysbench", DEFAULT_RESELLER_ID);
    let create = CreateCustomer {
        body: request.clone(),
    };
    create
        .decode(201, customer_bytes)
        .expect("the documented answer decodes");
    let p = pair(
        &s,
        || {
            black_box(create.decode(201, black_box(customer_bytes)).ok());
        },
        || {
            black_box(serde_json::from_slice::<Value>(black_box(customer_bytes)).ok());
        },
    );
    report.ratio(
        SECTION,
        format!(
            "decode create-customer `201` ({} B): `Customer` ÷ `Value`",
            customer_bytes.len()
        ),
        p.ratio(),
        Target::AtMost(1.0),
        detail(&p, "Customer", "Value"),
    );

    // 1,000 documented qualification entries.
    let n = 1000;
    let list_bytes = workload::qualification_list(n);
    let list = ListQualifications {
        customer: CustomerTenantId::from(uuid::Uuid::nil()),
    };
    let decoded = list.decode(200, &list_bytes).expect("the list decodes");
    assert_eq!(decoded.len(), n);
    let p = pair(
        &s,
        || {
            black_box(list.decode(200, black_box(&list_bytes)).ok());
        },
        || {
            black_box(serde_json::from_slice::<Value>(black_box(&list_bytes)).ok());
        },
    );
    report.ratio(
        SECTION,
        format!(
            "decode {n}-entry qualification list ({} KiB): `Vec<Qualification>` ÷ `Value`",
            list_bytes.len() / 1024
        ),
        p.ratio(),
        Target::AtMost(1.0),
        detail(&p, "typed", "Value"),
    );

    // Encoding the full request: typed versus the same document as a `Value`.
    let request_bytes = serde_json::to_vec(&request).expect("the request encodes");
    let request_value: Value =
        serde_json::from_slice(&request_bytes).expect("the request reads back as a value");
    let p = pair(
        &s,
        || {
            black_box(serde_json::to_vec(black_box(&request)).ok());
        },
        || {
            black_box(serde_json::to_vec(black_box(&request_value)).ok());
        },
    );
    report.ratio(
        SECTION,
        format!(
            "encode full create-customer request ({} B): typed ÷ `Value`",
            request_bytes.len()
        ),
        p.ratio(),
        Target::None,
        detail(&p, "typed", "Value"),
    );

    // Validation versus decoding of the same full request.
    request.validate().expect("the full request is valid");
    let decode_request = || {
        black_box(
            pc_model::json::from_slice::<CreateCustomerRequest>(black_box(&request_bytes)).ok(),
        );
    };
    let p = pair(
        &s,
        || {
            black_box(black_box(&request).validate().is_ok());
        },
        decode_request,
    );
    report.ratio(
        SECTION,
        "`validate()` of the full request ÷ its decode",
        p.ratio(),
        Target::AtMost(0.5),
        detail(&p, "validate()", "decode"),
    );
    let ctx = ValidationContext::default();
    let p = pair(
        &s,
        || {
            black_box(black_box(&request).validate_with(&ctx).is_ok());
        },
        decode_request,
    );
    report.ratio(
        SECTION,
        "`validate_with(ctx)` (context built once) ÷ decode",
        p.ratio(),
        Target::None,
        detail(&p, "validate_with", "decode"),
    );
}
