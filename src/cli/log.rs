//! `claimtrail log`: the review ledger, latest time first.

use super::commands::{id_prefix, known_article, workspace};
use crate::cli::{Env, Format, Outcome, require};
use crate::error::{Error, Result};
use crate::ledger;
use crate::report::{json, plural};
use crate::store;
use serde::Serialize;

pub(super) fn log(env: &Env, article: &str, id: Option<&str>) -> Result<Outcome> {
    require(env, &[Format::Human, Format::Json], "log")?;
    store::validate_article(article)?;
    let ws = workspace(env)?;
    known_article(&ws, article)?;
    let prefix = id.map(id_prefix).transpose()?;
    let text = ws.read_ledger(article)?;
    let v = ledger::verify(&text);
    if let Some(p) = v.problems.first() {
        let line = match p {
            ledger::Problem::Malformed { line, .. } | ledger::Problem::Chain { line } => *line,
        };
        return Err(Error::Config {
            path: ws.ledger_path(article),
            message: format!("line {line} breaks the ledger chain; `claimtrail check` says more"),
        });
    }
    // An id that names no claim is an error, as it is for `show`, not an empty log.
    if let (Some(raw), Some(p)) = (id, prefix.as_deref()) {
        let in_file = ws
            .load_claims(article)?
            .is_some_and(|f| f.claims.iter().any(|c| c.sha256.starts_with(p)));
        let in_ledger = v.entries.iter().any(|e| e.sha256.starts_with(p));
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Usage(format!(
                "{raw:?} is not a claim id or id prefix (hex digits)"
            )));
        }
        if !in_file && !in_ledger {
            return Err(Error::UnknownClaim {
                prefix: raw.to_string(),
                article: Some(article.to_string()),
            });
        }
    }
    let mut entries: Vec<&ledger::Entry> = v
        .entries
        .iter()
        .filter(|e| {
            prefix.as_deref().is_none_or(|p| {
                e.sha256.starts_with(p) || e.supersedes.as_deref().is_some_and(|s| s.starts_with(p))
            })
        })
        .collect();
    // Latest time first; entries at the same instant, latest written first. A review recorded
    // with a past `--at` thus sits where its time puts it, not where it was written.
    entries.reverse();
    entries.sort_by_key(|e| std::cmp::Reverse(utc_instant(&e.time)));
    #[derive(Serialize)]
    struct Out<'a> {
        article: &'a str,
        entries: Vec<&'a ledger::Entry>,
    }
    Ok(Outcome::ok(match env.format {
        Format::Json => json::object(&Out { article, entries }),
        _ => {
            let mut out = String::new();
            for e in &entries {
                out.push_str(&format!(
                    "{} {} {} {}: {} -> {}\n",
                    e.time,
                    env.style.cyan(&e.claim),
                    e.event,
                    e.by,
                    e.from,
                    e.to
                ));
                for ev in &e.evidence {
                    if let Some(u) = &ev.url {
                        out.push_str(&format!("    evidence {u}\n"));
                    }
                }
                if let Some(n) = &e.note {
                    out.push_str(&format!("    note {n}\n"));
                }
            }
            out.push_str(&format!(
                "{}\n",
                plural(entries.len(), "entry").replace("entrys", "entries") + ", latest time first"
            ));
            out
        }
    }))
}

/// An RFC 3339 time as (seconds since the epoch, fraction digits), so times written with different
/// offsets sort as instants. A time that does not parse sorts first (oldest).
fn utc_instant(t: &str) -> Option<(i64, String)> {
    if !store::is_rfc3339(t) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| t[r].parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &t[19..];
    let mut frac = String::new();
    if let Some(f) = rest.strip_prefix('.') {
        let n = f.bytes().take_while(u8::is_ascii_digit).count();
        frac = f[..n].trim_end_matches('0').to_string();
        rest = &f[n..];
    }
    let offset = match rest.as_bytes().first() {
        Some(b'+' | b'-') => {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 3600 + rest[4..6].parse::<i64>().ok()? * 60)
        }
        _ => 0,
    };
    // Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + hh * 3600 + mm * 60 + ss - offset, frac))
}

#[cfg(test)]
mod tests {
    use super::utc_instant;

    #[test]
    fn times_sort_as_instants() {
        assert_eq!(
            utc_instant("1970-01-01T00:00:00Z"),
            Some((0, String::new()))
        );
        assert_eq!(
            utc_instant("2024-05-16T08:00:00Z").map(|t| t.0),
            Some(1_715_846_400)
        );
        // 10:00 at +02:00 is 08:00 UTC.
        assert_eq!(
            utc_instant("2024-05-16T10:00:00+02:00"),
            utc_instant("2024-05-16T08:00:00Z")
        );
        assert!(utc_instant("2024-05-16T08:00:00.5Z") > utc_instant("2024-05-16T08:00:00Z"));
        assert_eq!(utc_instant("yesterday"), None);
    }
}
