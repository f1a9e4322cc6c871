//! CLI tests of `claimtrail export`: ClaimReview JSON-LD checked against the schema.org
//! vocabulary extract shipped in schemas/schema.org/, and W3C Web Annotations whose selectors
//! point at the claim's exact text.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use serde_json::Value;

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn vocabulary() -> Value {
    let text = fs::read_to_string(repo().join("schemas/schema.org/vocabulary.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Is `t` the type `want` or one of its subtypes?
fn is_a(vocab: &Value, t: &str, want: &str) -> bool {
    let mut cur = Some(t.to_string());
    while let Some(c) = cur {
        if c == want {
            return true;
        }
        cur = vocab["types"][&c]["subClassOf"]
            .as_str()
            .map(str::to_string);
    }
    false
}

/// The range of `prop` on type `t` (looked up through the supertypes).
fn range(vocab: &Value, t: &str, prop: &str) -> Option<Vec<String>> {
    let mut cur = Some(t.to_string());
    while let Some(c) = cur {
        let ty = &vocab["types"][&c];
        assert!(ty.is_object(), "type {c} is not in the vocabulary extract");
        if let Some(r) = ty["properties"][prop].as_array() {
            return Some(r.iter().map(|x| x.as_str().unwrap().to_string()).collect());
        }
        cur = ty["subClassOf"].as_str().map(str::to_string);
    }
    None
}

fn matches_range(vocab: &Value, v: &Value, r: &str) -> bool {
    let s = v.as_str();
    match r {
        "Text" => s.is_some(),
        "URL" => s.is_some_and(|u| {
            (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(' ')
        }),
        "Date" => s.is_some_and(|d| {
            d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                })
        }),
        "DateTime" => s.is_some_and(|d| d.len() >= 20 && d.as_bytes()[10] == b'T'),
        "Number" => v.is_number(),
        ty => v["@type"].as_str().is_some_and(|t| is_a(vocab, t, ty)),
    }
}

/// Check one JSON-LD node against the vocabulary; returns the problems found.
fn check_node(vocab: &Value, node: &Value, path: &str, problems: &mut Vec<String>) {
    let Some(t) = node["@type"].as_str() else {
        problems.push(format!("{path}: no @type"));
        return;
    };
    if !vocab["types"][t].is_object() {
        problems.push(format!("{path}: type {t} is not in the vocabulary"));
        return;
    }
    if let Some(req) = vocab["googleClaimReview"][t].as_array() {
        for p in req {
            let p = p.as_str().unwrap();
            if node.get(p).is_none_or(|v| v.is_null() || v == "") {
                problems.push(format!("{path}: {t} lacks required {p}"));
            }
        }
    }
    for (k, v) in node.as_object().unwrap() {
        if k.starts_with('@') {
            continue;
        }
        let Some(r) = range(vocab, t, k) else {
            problems.push(format!("{path}: {k} is not a property of {t}"));
            continue;
        };
        let values: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            v => vec![v],
        };
        for (i, x) in values.iter().enumerate() {
            if !r.iter().any(|ty| matches_range(vocab, x, ty)) {
                problems.push(format!("{path}.{k}[{i}]: {x} is not one of {r:?}"));
            }
            if x.is_object() {
                check_node(vocab, x, &format!("{path}.{k}"), problems);
            }
        }
    }
}

fn check_claimreviews(doc: &Value) {
    let vocab = vocabulary();
    let mut problems = Vec::new();
    for (i, cr) in doc.as_array().expect("an array").iter().enumerate() {
        assert_eq!(cr["@context"], "https://schema.org");
        assert_eq!(cr["@type"], "ClaimReview");
        check_node(&vocab, cr, &format!("[{i}]"), &mut problems);
    }
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn the_checker_catches_what_schema_org_does_not_define() {
    let vocab = vocabulary();
    let mut problems = Vec::new();
    let bad = serde_json::json!({
        "@type": "ClaimReview",
        "url": "not a url",
        "claimReviewed": "x",
        "author": {"@type": "Rating", "alternateName": "x"},
        "reviewRating": {"@type": "Rating"},
        "itemReviewed": {"@type": "Claim", "appearance": "text", "verdict": 1},
        "datePublished": "May 2024"
    });
    check_node(&vocab, &bad, "bad", &mut problems);
    let joined = problems.join("\n");
    for needle in [
        "bad.url[0]",
        "bad.author[0]",
        "Rating lacks required alternateName",
        "bad.itemReviewed.appearance[0]",
        "verdict is not a property of Claim",
        "bad.datePublished[0]",
    ] {
        assert!(joined.contains(needle), "{needle} not caught:\n{joined}");
    }
}

#[test]
fn claimreview_of_the_example_follows_the_vocabulary() {
    let r = ct(
        repo(),
        &["export", "xi-putin-summit", "--format", "claimreview"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    check_claimreviews(&doc);
    let claims = ct(
        repo(),
        &["claims", "xi-putin-summit", "--all", "--format", "json"],
    )
    .json();
    let rated: Vec<&Value> = claims["claims"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            matches!(
                c["status"].as_str().unwrap(),
                "supported" | "disputed" | "false" | "misleading" | "opinion"
            )
        })
        .collect();
    // Without [publisher] url, the rated claims without an evidence URL are left out, each named.
    let without_url: Vec<&str> = rated
        .iter()
        .filter(|c| {
            c["evidence"]
                .as_array()
                .unwrap()
                .iter()
                .all(|e| e["url"].is_null())
        })
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        doc.as_array().unwrap().len(),
        rated.len() - without_url.len()
    );
    for id in &without_url {
        assert!(
            r.stderr
                .contains(&format!("claim {id} not exported: no evidence URL")),
            "{}",
            r.stderr
        );
    }
    let false_claim = rated.iter().find(|c| c["status"] == "false").unwrap();
    let review = doc
        .as_array()
        .unwrap()
        .iter()
        .find(|cr| cr["claimReviewed"] == false_claim["text"])
        .expect("the false claim is exported");
    assert_eq!(review["reviewRating"]["alternateName"], "False");
    assert_eq!(review["url"], false_claim["evidence"][0]["url"]);
    assert_eq!(review["author"]["@type"], "Person");
    assert_eq!(review["author"]["name"], "Example Desk");
    assert_eq!(review["datePublished"], "2026-11-28");
    assert_eq!(review["itemReviewed"]["appearance"][0]["version"], "r2");
}

#[test]
fn claimreview_names_the_publisher_and_the_source() {
    let dir = workspace_r1();
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[publisher]\nname = \"Example Fact Desk\"\nurl = \"https://facts.example.org/checks\"\n",
    )
    .unwrap();
    let id = claim_id(dir.path(), "China has vowed not to provide lethal");
    let r = ct(
        dir.path(),
        &[
            "review",
            "xi-putin-summit",
            &id,
            "--status",
            "misleading",
            "--by",
            "A. Checker",
            "--at",
            "2024-05-17T09:30:00Z",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = ct(
        dir.path(),
        &["export", "xi-putin-summit", "--format", "claimreview"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "");
    let doc = r.json();
    check_claimreviews(&doc);
    let cr = &doc[0];
    assert_eq!(doc.as_array().unwrap().len(), 1);
    assert_eq!(
        cr["url"],
        format!("https://facts.example.org/checks#claim-{id}")
    );
    assert_eq!(cr["author"]["@type"], "Organization");
    assert_eq!(cr["author"]["name"], "Example Fact Desk");
    assert_eq!(cr["datePublished"], "2024-05-17");
    assert_eq!(cr["reviewRating"]["alternateName"], "Misleading");
    assert_eq!(cr["itemReviewed"]["author"]["@type"], "Organization");
    assert_eq!(cr["itemReviewed"]["author"]["name"], "Chinese government");
    // Deterministic.
    let again = ct(
        dir.path(),
        &["export", "xi-putin-summit", "--format", "claimreview"],
    );
    assert_eq!(again.stdout, r.stdout);
}

#[test]
fn export_usage_errors_exit_2() {
    let dir = workspace_r1();
    for (args, needle) in [
        (
            vec!["export", "xi-putin-summit"],
            "required arguments were not provided:\n  --format <FORMAT>",
        ),
        (
            vec!["export", "xi-putin-summit", "--format", "json"],
            "[possible values: claimreview, w3c-annotation]",
        ),
        (
            vec!["export", "nope", "--format", "claimreview"],
            "unknown article",
        ),
    ] {
        let r = ct(dir.path(), &args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
    }
    fs::write(
        dir.path().join("claimtrail.toml"),
        "[publisher]\nname = \"Desk\"\nurl = \"facts.example.org\"\n",
    )
    .unwrap();
    let r = ct(
        dir.path(),
        &["export", "xi-putin-summit", "--format", "claimreview"],
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("claimtrail.toml") && r.stderr.contains("not an http(s) URL"),
        "{}",
        r.stderr
    );
}

/// The text between two code-point offsets.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn w3c_annotations_select_each_claims_text() {
    let r = ct(
        repo(),
        &["export", "xi-putin-summit", "--format", "w3c-annotation"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let doc = r.json();
    assert_eq!(doc["@context"], "http://www.w3.org/ns/anno.jsonld");
    assert_eq!(doc["type"], "AnnotationCollection");
    let items = doc["first"]["items"].as_array().unwrap();
    let claims = ct(repo(), &["claims", "xi-putin-summit", "--format", "json"]).json();
    let claims = claims["claims"].as_array().unwrap();
    assert_eq!(items.len(), claims.len());
    assert_eq!(doc["total"], claims.len());
    let text = fs::read_to_string(repo().join("snapshots/xi-putin-summit/r2.txt")).unwrap();
    let mut ids = std::collections::HashSet::new();
    for (a, c) in items.iter().zip(claims) {
        assert_eq!(a["type"], "Annotation");
        assert!(a["id"].as_str().unwrap().starts_with("urn:uuid:"));
        assert!(ids.insert(a["id"].as_str().unwrap().to_string()));
        assert_eq!(a["body"][0]["value"], c["status"]);
        let sel = a["target"]["selector"].as_array().unwrap();
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[0]["exact"], c["text"]);
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        let (s, e) = (
            sel[1]["start"].as_u64().unwrap() as usize,
            sel[1]["end"].as_u64().unwrap() as usize,
        );
        // Code points, not bytes: the example is full of curly quotes.
        assert_eq!(chars(&text, s, e), c["text"].as_str().unwrap());
        let prefix = sel[0]["prefix"].as_str().unwrap();
        let before = chars(&text, 0, s);
        assert!(before.ends_with(prefix), "prefix {prefix:?}");
        let suffix = sel[0]["suffix"].as_str().unwrap();
        assert!(chars(&text, e, e + 200).starts_with(suffix));
        assert!(
            a["target"]["source"]
                .as_str()
                .unwrap()
                .starts_with("ni:///sha-256;")
        );
        let reviewed = c["status"] != "unverified" && c["status"] != "needs-review";
        assert_eq!(
            a["motivation"],
            if reviewed { "assessing" } else { "describing" }
        );
    }
    // A byte offset and a code-point offset differ somewhere in this article.
    assert!(
        items
            .iter()
            .zip(claims)
            .any(|(a, c)| a["target"]["selector"][1]["start"] != c["anchor"]["start"])
    );
}
