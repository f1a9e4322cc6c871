//! Owns the sources registry: who a source phrase refers to (built-in entries plus a workspace's).
//!
//! Pure: the store parses claimtrail.toml; this module only matches phrases against aliases.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use serde::{Deserialize, Serialize};

use crate::normalize::normalize_v1;

/// One registry entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub aliases: Vec<String>,
}

/// Built-in sources: governments and analyst groups that news about international affairs cites
/// most. A workspace's claimtrail.toml adds entries or replaces one by id.
///
/// People are listed by their office ("President Putin", "Secretary Blinken"), never by name
/// alone: a person speaks for a government only while they hold the office, and a name says
/// nothing about when ("Trump" was a candidate in 2016 and president in 2017). An office title
/// before the name says the article wrote while they held it; "former" says they no longer do.
pub fn builtin() -> Vec<Source> {
    let s = |id: &str, label: &str, aliases: &[&str]| Source {
        id: id.to_string(),
        label: label.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    };
    vec![
        s(
            "us-government",
            "United States government",
            &[
                "the United States",
                "United States",
                "U.S.",
                "US",
                "America",
                "Washington",
                "the Biden administration",
                "the Trump administration",
                "the Obama administration",
                "the administration",
                "the White House",
                "the State Department",
                "the Pentagon",
                "the Treasury",
                "U.S. officials",
                "American officials",
                "President Biden",
                "President Trump",
                "Secretary Blinken",
                "Secretary of State Blinken",
            ],
        ),
        s(
            "western-analysts",
            "Western analysts",
            &[
                "Western analysts",
                "Western experts",
                "Western intelligence",
                "analysts in the West",
            ],
        ),
        s(
            "chinese-government",
            "Chinese government",
            &[
                "China",
                "Beijing",
                "the Chinese government",
                "Chinese government",
                "Chinese officials",
                "the Chinese Foreign Ministry",
                "China's Foreign Ministry",
                "China's foreign ministry",
                "President Xi",
                "Minister Wang",
                "the Communist Party",
                "the Chinese Communist Party",
                "Chinese state media",
                "Xinhua",
            ],
        ),
        s(
            "russian-government",
            "Russian government",
            &[
                "Russia",
                "the Kremlin",
                "Kremlin",
                "Moscow",
                "Russian officials",
                "the Russian government",
                "President Putin",
                "Minister Lavrov",
                "the Russian Foreign Ministry",
                "Russian state media",
                "TASS",
            ],
        ),
        s(
            "ukrainian-government",
            "Ukrainian government",
            &[
                "Ukraine",
                "Kyiv",
                "Kiev",
                "Ukrainian officials",
                "the Ukrainian government",
                "President Zelensky",
            ],
        ),
        s(
            "western-governments",
            "Western governments",
            &[
                "the West",
                "Western countries",
                "Western governments",
                "Western officials",
                "Western leaders",
                "Western nations",
                "NATO",
                "the Group of 7",
                "G7",
            ],
        ),
        s(
            "european-union",
            "European Union",
            &[
                "the European Union",
                "European Union",
                "the EU",
                "EU",
                "E.U.",
                "Brussels",
                "the European Commission",
                "European Commission",
                "European officials",
            ],
        ),
    ]
}

/// Words that open an office-holder alias ("President Putin"): such an alias also matches with
/// given names between title and surname ("President Vladimir V. Putin").
const OFFICE_TITLES: &[&str] = &[
    "President",
    "Premier",
    "Chancellor",
    "Secretary",
    "Minister",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
];

/// Words that say a person no longer holds the office the phrase names.
pub fn is_former(token: &str) -> bool {
    let ends_ci = |suffix: &str| {
        token.len() >= suffix.len()
            && token.is_char_boundary(token.len() - suffix.len())
            && token[token.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    let starts_ci = |prefix: &str| {
        token.len() >= prefix.len()
            && token.is_char_boundary(prefix.len())
            && token[..prefix.len()].eq_ignore_ascii_case(prefix)
    };
    token.eq_ignore_ascii_case("former")
        || token.eq_ignore_ascii_case("ex")
        || token.eq_ignore_ascii_case("late")
        || starts_ci("ex-")
        || ends_ci("-elect")
}

/// Match an office holder's alias (title words, then the surname) in a phrase: the title as
/// written, then up to three given names, then the surname ("President Putin", "President
/// Vladimir V. Putin", "Secretary of State Antony Blinken"). Returns the surname.
fn office_match_at<'a>(toks: &[&'a str], t: usize, alias: &[String]) -> Option<&'a str> {
    let (title, surname) = alias.split_at(alias.len() - 1);
    if toks.len() < t + alias.len() || !same_words(Some(&toks[t..t + title.len()]), title) {
        return None;
    }
    let rest = &toks[t + title.len()..];
    let n = rest.iter().take(4).position(|x| *x == surname[0])?;
    rest[..n]
        .iter()
        .all(|x| x.starts_with(|c: char| c.is_uppercase()))
        .then_some(rest[n])
}

/// Are the phrase's words `toks` (None when the phrase is too short) the alias's words?
fn same_words(toks: Option<&[&str]>, alias: &[String]) -> bool {
    toks.is_some_and(|t| t.len() == alias.len() && t.iter().zip(alias).all(|(a, b)| *a == b))
}

/// A registry that resolves source phrases to ids by their longest alias.
#[derive(Debug, Clone)]
pub struct Registry {
    sources: Vec<Source>,
    /// (alias tokens, index into sources), longest alias first.
    aliases: Vec<(Vec<String>, usize)>,
    /// Positions in `aliases` by the alias's first token, ascending: a phrase is looked up
    /// word by word instead of against every alias.
    by_first: FxHashMap<String, Vec<usize>>,
}

impl Default for Registry {
    fn default() -> Self {
        Registry::new(builtin())
    }
}

/// Tokens for alias matching: normalized, possessive `'s` dropped, a leading "the" dropped.
fn match_tokens(text: &str) -> Vec<String> {
    let norm = normalize_v1(text);
    match_token_slices(&norm)
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// The tokens of [`match_tokens`] as slices of the normalized text `norm`: a phrase is looked up
/// without a `String` per word.
fn match_token_slices(norm: &str) -> Vec<&str> {
    let mut toks: Vec<&str> = norm
        .split(' ')
        .map(|t| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let t = t.strip_suffix("'s").unwrap_or(t);
            // A trailing full stop is kept only on abbreviations like "U.S." and "Mr.".
            if t.ends_with('.') && !t[..t.len() - 1].contains('.') && t.len() > 4 {
                &t[..t.len() - 1]
            } else {
                t
            }
        })
        .filter(|t| !t.is_empty())
        .collect();
    if toks.first().is_some_and(|t| t.eq_ignore_ascii_case("the")) {
        toks.remove(0);
    }
    toks
}

impl Registry {
    /// Build from entries; a later entry with the same id replaces an earlier one.
    pub fn new(entries: Vec<Source>) -> Self {
        let mut by_id: BTreeMap<String, Source> = BTreeMap::new();
        let mut order: Vec<String> = Vec::new();
        for e in entries {
            if !by_id.contains_key(&e.id) {
                order.push(e.id.clone());
            }
            by_id.insert(e.id.clone(), e);
        }
        let sources: Vec<Source> = order
            .into_iter()
            .filter_map(|id| by_id.remove(&id))
            .collect();
        let mut aliases = Vec::new();
        for (i, s) in sources.iter().enumerate() {
            for a in s.aliases.iter().chain(std::iter::once(&s.label)) {
                let toks = match_tokens(a);
                if !toks.is_empty() {
                    aliases.push((toks, i));
                }
            }
        }
        aliases.sort_by(|a, b| {
            b.0.len()
                .cmp(&a.0.len())
                .then(a.1.cmp(&b.1))
                .then(a.0.cmp(&b.0))
        });
        let mut by_first: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (k, (toks, _)) in aliases.iter().enumerate() {
            by_first.entry(toks[0].clone()).or_default().push(k);
        }
        Registry {
            sources,
            aliases,
            by_first,
        }
    }

    /// The built-in entries plus a workspace's (which win on the same id).
    pub fn with_extra(extra: Vec<Source>) -> Self {
        let mut all = builtin();
        all.extend(extra);
        Registry::new(all)
    }

    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    pub fn get(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// The id of the source a phrase names: the entry with the longest alias that appears in the
    /// phrase as whole words. Case matters ("China", not "china"), except for a leading "the".
    pub fn resolve(&self, phrase: &str) -> Option<&str> {
        let norm = normalize_v1(phrase);
        let toks = match_token_slices(&norm);
        self.resolve_tokens(&toks).map(|(id, _)| id)
    }

    /// The id and surname of an office holder the phrase names by title ("President Vladimir
    /// V. Putin" -> russian-government, "Putin"), so that a later "Mr. Putin" in the same
    /// article can be read as the same person.
    pub fn office_holder(&self, phrase: &str) -> Option<(&str, String)> {
        let norm = normalize_v1(phrase);
        let toks = match_token_slices(&norm);
        let (id, holder) = self.resolve_tokens(&toks)?;
        holder.map(|surname| (id, surname.to_string()))
    }

    /// The id, and the surname when the match was an office holder's alias.
    fn resolve_tokens<'a>(&self, toks: &[&'a str]) -> Option<(&str, Option<&'a str>)> {
        // A former official no longer speaks for the body (nor a president-elect yet): keep
        // the phrase, give no id.
        if toks.is_empty() || toks.iter().any(|t| is_former(t)) {
            return None;
        }
        // The first alias in `aliases` order that occurs anywhere in the phrase; an office
        // holder's alias ("president putin") also matches with given names between title and
        // surname.
        let mut best: Option<(usize, Option<&'a str>)> = None;
        for (p, t) in toks.iter().enumerate() {
            for &k in self.by_first.get(*t).map_or(&[][..], Vec::as_slice) {
                if best.is_some_and(|(b, _)| b <= k) {
                    break;
                }
                let alias = &self.aliases[k].0;
                if alias.len() >= 2 && OFFICE_TITLES.contains(&alias[0].as_str()) {
                    if let Some(surname) = office_match_at(toks, p, alias) {
                        best = Some((k, Some(surname)));
                        break;
                    }
                } else if same_words(toks.get(p..p + alias.len()), alias) {
                    best = Some((k, None));
                    break;
                }
            }
        }
        best.map(|(k, surname)| (self.sources[self.aliases[k].1].id.as_str(), surname))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_by_longest_alias() {
        let r = Registry::default();
        assert_eq!(r.resolve("the United States"), Some("us-government"));
        assert_eq!(r.resolve("Western analysts"), Some("western-analysts"));
        assert_eq!(r.resolve("Chinese officials"), Some("chinese-government"));
        assert_eq!(
            r.resolve("China\u{2019}s foreign ministry"),
            Some("chinese-government")
        );
        assert_eq!(r.resolve("U.S. officials"), Some("us-government"));
        assert_eq!(r.resolve("The Kremlin"), Some("russian-government"));
        assert_eq!(r.resolve("European diplomats"), None);
        assert_eq!(r.resolve("some"), None);
        assert_eq!(r.resolve("china"), None);
        assert_eq!(r.resolve("a former Foreign Ministry spokesman"), None);
        assert_eq!(r.resolve("a former Chinese official"), None);
    }

    #[test]
    fn people_speak_for_a_government_only_in_office() {
        let r = Registry::default();
        // Sitting, by title, with or without given names.
        assert_eq!(r.resolve("President Putin"), Some("russian-government"));
        assert_eq!(
            r.resolve("President Vladimir V. Putin"),
            Some("russian-government")
        );
        assert_eq!(r.resolve("President Joe Biden"), Some("us-government"));
        assert_eq!(
            r.resolve("Chinese President Xi Jinping"),
            Some("chinese-government")
        );
        // A name alone says nothing about office; former, ex- and -elect say "not now".
        assert_eq!(r.resolve("Donald Trump"), None);
        assert_eq!(r.resolve("Mr. Biden"), None);
        assert_eq!(r.resolve("Putin"), None);
        assert_eq!(r.resolve("former President Trump"), None);
        assert_eq!(r.resolve("Former President Donald Trump"), None);
        assert_eq!(r.resolve("ex-President Biden"), None);
        assert_eq!(r.resolve("President-elect Trump"), None);
        assert_eq!(r.resolve("President Ashraf Ghani"), None);
        // The holder's surname, for later mentions in the same article.
        assert_eq!(
            r.office_holder("President Vladimir V. Putin"),
            Some(("russian-government", "Putin".to_string()))
        );
        assert_eq!(
            r.office_holder("Secretary of State Antony Blinken"),
            Some(("us-government", "Blinken".to_string()))
        );
        // Given names between title and surname are capitalized words, not a clause.
        assert_eq!(r.resolve("President Obama and Donald Trump"), None);
        assert_eq!(r.office_holder("the Kremlin"), None);
    }

    #[test]
    fn workspace_entries_override_and_add() {
        let r = Registry::with_extra(vec![
            Source {
                id: "reuters".into(),
                label: "Reuters".into(),
                aliases: vec!["Reuters".into()],
            },
            Source {
                id: "western-analysts".into(),
                label: "Analysts".into(),
                aliases: vec!["think tanks".into()],
            },
        ]);
        assert_eq!(r.resolve("Reuters"), Some("reuters"));
        assert_eq!(r.resolve("think tanks"), Some("western-analysts"));
        assert_eq!(r.resolve("Western analysts"), None);
        assert_eq!(
            r.sources()
                .iter()
                .filter(|s| s.id == "western-analysts")
                .count(),
            1
        );
    }
}
