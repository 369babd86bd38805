//! The report model and its JSON contract: field names that `immunity walk --format json`
//! promises, the JSON Schema, the table of authorities, and the quoting citation form.

mod report_support;

use immunity::engine::Session;
use immunity::report::{Format, Report, ReportContext, render, schema};
use report_support::{all_walks, built, context, hostile, report, two_walks, walk};
use serde_json::Value;

#[test]
fn no_report_before_a_conclusion() {
    let pack = hostile();
    let session = Session::new(&pack);
    assert!(Report::from_session(&session, &context()).is_none());
    let session = walk(&pack, &[("first", "yes")]);
    assert!(Report::from_session(&session, &context()).is_none());
}

#[test]
fn json_has_the_promised_field_names() {
    let pack = built();
    for (name, session) in two_walks(&pack) {
        let report = report(&session);
        let json: Value = serde_json::from_str(&render(&report, Format::Json)).unwrap();
        assert_eq!(json["pack"]["id"], pack.id(), "{name}");
        assert_eq!(json["pack"]["version"], pack.version());
        assert_eq!(json["pack"]["content_hash"], pack.content_hash());
        assert_eq!(json["pack"]["law_checked"], pack.law_checked());
        assert_eq!(json["tool"]["version"], "0.0.0-test");
        assert_eq!(json["exported_at"], "2000-01-01T00:00:00Z");
        let c = session.conclusion().map(|c| pack.conclusion(c)).unwrap();
        assert_eq!(json["conclusion"]["id"], c.id.as_str());
        assert_eq!(json["conclusion"]["outcome"], c.outcome.as_str());
        assert_eq!(json["conclusion"]["title"], c.title.as_str());
        assert_eq!(json["conclusion"]["summary"], c.summary.as_str());
        let authorities = json["conclusion"]["authorities"].as_array().unwrap();
        assert_eq!(authorities.len(), c.authorities.len());
        for (a, r) in authorities.iter().zip(&c.authorities) {
            assert_eq!(a["citation"], pack.cite(r).as_str());
            assert_eq!(a["status"], pack.source(&r.source).unwrap().status.id());
        }
        let path = json["path"].as_array().unwrap();
        assert_eq!(path.len(), session.history().len());
        for (item, step) in path.iter().zip(session.history()) {
            let q = pack.question(step.question);
            assert_eq!(item["question"], q.id.as_str());
            assert_eq!(item["prompt"], q.prompt.as_str());
            assert_eq!(item["answer"], q.options[step.option].id.as_str());
            assert_eq!(item["label"], q.options[step.option].label.as_str());
        }
    }
}

/// Every object key of `value` is declared in the schema at the matching place.
fn keys_declared(value: &Value, schema: &Value, root: &Value, at: &str) {
    let schema = resolve(schema, root);
    match value {
        Value::Object(map) => {
            let props = schema["properties"]
                .as_object()
                .unwrap_or_else(|| panic!("{at}: no properties in {schema}"));
            let required: Vec<&str> = schema["required"]
                .as_array()
                .map(|r| r.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            for (k, v) in map {
                let sub = props
                    .get(k)
                    .unwrap_or_else(|| panic!("{at}.{k} is not in the schema"));
                assert!(
                    required.contains(&k.as_str()) || nullable(sub),
                    "{at}.{k} is neither required nor nullable"
                );
                let sub_desc = resolve(sub, root);
                assert!(
                    sub.get("description")
                        .or_else(|| sub_desc.get("description"))
                        .is_some(),
                    "{at}.{k} has no description"
                );
                keys_declared(v, sub, root, &format!("{at}.{k}"));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                keys_declared(v, &schema["items"], root, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

/// True when a property's schema allows `null` (an `Option`, always written, maybe as null).
fn nullable(schema: &Value) -> bool {
    let null = Value::from("null");
    schema["type"] == null
        || schema["type"].as_array().is_some_and(|t| t.contains(&null))
        || schema["anyOf"]
            .as_array()
            .is_some_and(|a| a.iter().any(|s| s["type"] == null))
}

/// Follows `$ref` and the `anyOf [X, null]` that an `Option<X>` becomes.
fn resolve<'a>(schema: &'a Value, root: &'a Value) -> &'a Value {
    if let Some(r) = schema["$ref"].as_str() {
        let name = r.trim_start_matches("#/$defs/");
        return resolve(&root["$defs"][name], root);
    }
    if let Some(inner) = schema["anyOf"]
        .as_array()
        .and_then(|any| any.iter().find(|s| s["type"] != "null"))
    {
        return resolve(inner, root);
    }
    schema
}

#[test]
fn schema_declares_every_field_of_the_export() {
    let schema = schema();
    assert!(
        schema["$schema"]
            .as_str()
            .is_some_and(|s| s.contains("json-schema.org"))
    );
    assert_eq!(schema["title"], "Report");
    let pack = hostile();
    for session in all_walks(&pack) {
        let json: Value = serde_json::from_str(&render(&report(&session), Format::Json)).unwrap();
        keys_declared(&json, &schema, &schema, "$");
    }
}

#[test]
fn quoted_passages_cite_both_authorities_and_the_table_lists_each_once() {
    let pack = hostile();
    let session = walk(&pack, &[("first", "yes"), ("second", "yes")]);
    let report = report(&session);
    let quoted = &report.path[0].excerpts[1];
    assert_eq!(
        quoted.citation,
        "Quoted v. 'Source', 4 U.S. 4, 9 (1980) (quoted in Good v. Plain, 3 U.S. 3, 7 (2001) (per curiam))"
    );
    assert_eq!(quoted.authority.source, "quoted");
    assert_eq!(quoted.authority.status_label, "CAUTION");
    assert_eq!(
        quoted.quoted_in.as_ref().map(|q| q.source.as_str()),
        Some("good")
    );
    let ids: Vec<&str> = report
        .authorities
        .iter()
        .map(|t| t.source.as_str())
        .collect();
    assert_eq!(
        ids,
        ["evil", "quoted", "good"],
        "first-cited order, each once"
    );
    let evil = &report.authorities[0];
    assert_eq!(evil.status_label, "REVERSED");
    assert!(
        evil.history
            .as_deref()
            .is_some_and(|h| h.starts_with("rev'd sub nom."))
    );
    assert_eq!(
        report.path[0].authorities[0].citation,
        "Evil <i>v.</i> Corp [link](javascript:alert(2)), 1 U.S. 1, 5 (1999)"
    );
}

#[test]
fn every_format_shows_every_citation_with_its_status() {
    let pack = hostile();
    for session in all_walks(&pack) {
        let report = report(&session);
        let text = render(&report, Format::Text);
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for citation in report.citations() {
            assert!(flat.contains(&citation), "text lacks {citation}");
        }
        for entry in &report.authorities {
            let line = format!("{}: ", entry.status_label);
            assert!(
                entry.history.is_none() || flat.contains(&line),
                "text lacks {line}"
            );
            for format in Format::ALL {
                assert!(
                    render(&report, format).contains(&entry.status_label),
                    "{format} lacks {}",
                    entry.status_label
                );
            }
        }
    }
}

#[test]
fn now_is_rfc3339() {
    let ctx = ReportContext::now("1.2.3");
    assert_eq!(ctx.tool_version, "1.2.3");
    let t = &ctx.exported_at;
    // RFC 3339 in the local zone, whole seconds: `Z` in UTC, else the zone's offset.
    let parsed = chrono::DateTime::parse_from_rfc3339(t).unwrap_or_else(|e| panic!("{t}: {e}"));
    assert_eq!(parsed.timestamp_subsec_nanos(), 0, "{t}");
    assert_eq!(
        parsed.offset().local_minus_utc(),
        chrono::Local::now().offset().local_minus_utc(),
        "{t}"
    );
    assert!(t.ends_with('Z') || t.len() == 25, "{t}");
}

#[test]
fn format_names_round_trip() {
    for f in Format::ALL {
        assert_eq!(f.name().parse::<Format>(), Ok(f));
        assert_eq!(f.extension().parse::<Format>(), Ok(f));
    }
    assert!("pdf".parse::<Format>().is_err());
}
