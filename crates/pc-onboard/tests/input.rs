//! Reading rows: every problem of every row at once, by line and JSON pointer; duplicate
//! domains; the CSV and JSON Lines forms of the same rows read alike.

#![allow(clippy::unwrap_used)]

mod common;

use pc_model::{CreateQualificationRequest, EducationSegment, ValidationContext};
use pc_onboard::{Format, InputError, parse};

use common::{example, jsonl_row, rows};

const SOE: &str = r#"{"qualification":"StateOwnedEntity"}"#;

fn messages(text: &str, format: Format) -> Vec<String> {
    parse(text, format, &ValidationContext::default())
        .unwrap()
        .problems
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_problem_of_every_row_is_reported_with_its_row_and_pointer() {
    let good = jsonl_row("good", SOE);
    let bad_fields = jsonl_row("bad_domain", SOE).replace("it@bad_domain.com", "not-an-email");
    let unknown_key = jsonl_row("unknownkey", SOE).replace(r#""agreement":"#, r#""agreemnt":"#);
    let future = jsonl_row("future", SOE).replace("2024-05-01", "2999-05-01");
    let bad_segment = jsonl_row(
        "segment",
        r#"{"qualification":"Education","educationSegment":"Kindergarten"}"#,
    );
    let text = [
        good.as_str(),
        &bad_fields,
        "",
        &unknown_key,
        "{not json",
        &future,
        r#"{"agreement":null}"#,
        &bad_segment,
        r#"[1,2]"#,
    ]
    .join("\n");
    let parsed = parse(&text, Format::JsonLines, &ValidationContext::default()).unwrap();
    assert_eq!(parsed.total, 8, "the blank line is not a row");
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.rows[0].0, 1);
    let got: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    let expect_prefixes = [
        "row 2: /agreement/primaryContact/email: ",
        "row 2: /customer/billingProfile/email: ",
        "row 2: /customer/companyProfile/domain: ",
        "row 4: /agreemnt: is not part of a row",
        "row 5: /: not JSON: ",
        "row 6: /agreement/dateAgreed: must not be in the future",
        "row 7: /customer: is required",
        "row 8: /qualification/educationSegment: ",
        "row 9: /: must be a JSON object",
    ];
    assert_eq!(got.len(), expect_prefixes.len(), "{got:#?}");
    for (line, prefix) in got.iter().zip(expect_prefixes) {
        assert!(
            line.starts_with(prefix),
            "{line:?} should start with {prefix:?}"
        );
    }
}

#[test]
fn duplicate_domains_are_refused_in_every_occurrence() {
    let text = [
        jsonl_row("twice", SOE),
        jsonl_row("once", SOE),
        jsonl_row("TWICE", SOE),
    ]
    .join("\n");
    let parsed = parse(&text, Format::JsonLines, &ValidationContext::default()).unwrap();
    assert_eq!(parsed.rows.len(), 1);
    assert_eq!(parsed.rows[0].1.domain(), "once.onmicrosoft.com");
    let got: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "row 1: /customer/companyProfile/domain: `twice.onmicrosoft.com` is also on row 3: each domain may appear once",
            "row 3: /customer/companyProfile/domain: `TWICE.onmicrosoft.com` is also on row 1: each domain may appear once",
        ]
    );
}

#[test]
fn the_csv_and_json_lines_examples_are_the_same_rows() {
    let jsonl = rows(&example("customers.jsonl"), Format::JsonLines);
    let csv = rows(&example("customers.csv"), Format::Csv);
    assert_eq!(jsonl.len(), 3);
    let jsonl_rows: Vec<_> = jsonl.iter().map(|(_, r)| r).collect();
    let csv_rows: Vec<_> = csv.iter().map(|(_, r)| r).collect();
    assert_eq!(jsonl_rows, csv_rows);
    for ((_, a), (_, b)) in jsonl.iter().zip(&csv) {
        assert_eq!(a.fingerprint(), b.fingerprint());
    }
    // Spreadsheet numbering: the header is line 1.
    assert_eq!(csv.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [2, 3, 4]);
    assert_eq!(jsonl.iter().map(|(l, _)| *l).collect::<Vec<_>>(), [1, 2, 3]);
}

#[test]
fn pascal_case_and_key_order_do_not_change_a_row() {
    let camel = jsonl_row("pascal", SOE);
    let pascal = camel
        .replace("\"companyProfile\"", "\"CompanyProfile\"")
        .replace("\"domain\"", "\"Domain\"")
        .replace("\"billingProfile\"", "\"BillingProfile\"");
    let a = rows(&camel, Format::JsonLines);
    let b = rows(&pascal, Format::JsonLines);
    assert_eq!(a[0].1.fingerprint(), b[0].1.fingerprint());
}

#[test]
fn csv_problems_name_the_column() {
    let header = "domain,companyName,email,culture,language,country,city,addressLine1,firstName,lastName,qualification,educationSegment";
    let text = format!(
        "{header}\n\
         ok.onmicrosoft.com,Ok,a@ok.com,en-US,en,US,Redmond,1 Main St,Ada,Lovelace,,\n\
         bad domain,Bad,not-email,en-US,en,US,Redmond,1 Main St,Ada,Lovelace,Education,\n\
         short.onmicrosoft.com,Short\n"
    );
    let got = messages(&text, Format::Csv);
    assert_eq!(got.len(), 4, "{got:#?}");
    assert!(got[0].starts_with("row 3: /customer/billingProfile/email (column email): "));
    assert!(got[1].starts_with("row 3: /customer/companyProfile/domain (column domain): "));
    assert!(
        got[2].starts_with(
            "row 3: /qualification/educationSegment (column educationSegment): is required"
        ),
        "{}",
        got[2]
    );
    assert!(got[3].starts_with("row 4: /: has 2 cells where the header has 12"));
}

#[test]
fn csv_enum_cells_take_the_spellings_of_the_model_enums() {
    let header = "domain,companyName,email,culture,language,country,city,addressLine1,firstName,lastName,qualification,educationSegment,validationCode";
    let address = "en-US,en,US,Redmond,1 Main St,Ada,Lovelace";
    let text = format!(
        "{header}\n\
         a.onmicrosoft.com,A,a@a.com,{address},education,higher-education,\n\
         b.onmicrosoft.com,B,b@b.com,{address},GCC,,123456\n\
         c.onmicrosoft.com,C,c@c.com,{address},state_owned_entity,,\n\
         d.onmicrosoft.com,D,d@d.com,{address},Education,university,\n\
         e.onmicrosoft.com,E,e@e.com,{address},Nonprofit,,\n"
    );
    let parsed = parse(&text, Format::Csv, &ValidationContext::default()).unwrap();
    let requested: Vec<_> = parsed
        .rows
        .iter()
        .map(|(_, row)| row.qualification.clone().unwrap())
        .collect();
    assert_eq!(
        requested,
        [
            CreateQualificationRequest::education(EducationSegment::HigherEducation),
            CreateQualificationRequest::government_community_cloud("123456"),
            CreateQualificationRequest::StateOwnedEntity,
        ]
    );
    let got: Vec<String> = parsed.problems.iter().map(ToString::to_string).collect();
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(
        got[0].starts_with("row 5: /qualification/educationSegment (column educationSegment): ")
            && got[0].contains("university"),
        "{}",
        got[0]
    );
    assert!(
        got[1].starts_with("row 6: /qualification/qualification (column qualification): ")
            && got[1].contains("`Nonprofit` cannot be requested"),
        "{}",
        got[1]
    );
}

#[test]
fn a_csv_header_with_an_unknown_or_repeated_column_is_refused() {
    let err = parse(
        "domain,emial,Domain\nx.onmicrosoft.com,a,b\n",
        Format::Csv,
        &ValidationContext::default(),
    )
    .unwrap_err();
    let InputError::Header(problems) = err else {
        panic!("{err:?}")
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems[0].starts_with("column 2 (`emial`) is not a known column"));
    assert!(problems[1].starts_with("column 3 (`domain`) repeats column 1"));
    assert_eq!(
        parse("\n\n", Format::JsonLines, &ValidationContext::default()).unwrap_err(),
        InputError::Empty
    );
}
