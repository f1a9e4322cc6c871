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
                "Mr. Biden",
                "Joe Biden",
                "Biden",
                "President Trump",
                "Mr. Trump",
                "Donald Trump",
                "Trump",
                "Antony J. Blinken",
                "Antony Blinken",
                "Mr. Blinken",
                "Blinken",
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
                "Xi Jinping",
                "Mr. Xi",
                "President Xi",
                "Xi",
                "Wang Yi",
                "Mr. Wang",
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
                "Vladimir V. Putin",
                "Vladimir Putin",
                "President Putin",
                "Mr. Putin",
                "Putin",
                "Dmitri S. Peskov",
                "Dmitry Peskov",
                "Mr. Peskov",
                "Sergey Lavrov",
                "Mr. Lavrov",
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
                "Volodymyr Zelensky",
                "President Zelensky",
                "Mr. Zelensky",
                "Zelensky",
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
    let mut toks: Vec<String> = norm
        .split(' ')
        .map(|t| {
            let t = t.trim_matches(|c: char| !c.is_alphanumeric() && c != '.');
            let t = t.strip_suffix("'s").unwrap_or(t);
            // A trailing full stop is kept only on abbreviations like "U.S." and "Mr.".
            if t.ends_with('.') && !t[..t.len() - 1].contains('.') && t.len() > 4 {
                t[..t.len() - 1].to_string()
            } else {
                t.to_string()
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
        let toks = match_tokens(phrase);
        // A former official no longer speaks for the body: keep the phrase, give no id.
        if toks.is_empty()
            || toks
                .iter()
                .any(|t| t.eq_ignore_ascii_case("former") || t.eq_ignore_ascii_case("ex"))
        {
            return None;
        }
        // The first alias in `aliases` order that occurs anywhere in the phrase.
        let mut best: Option<usize> = None;
        for (p, t) in toks.iter().enumerate() {
            for &k in self.by_first.get(t).map_or(&[][..], Vec::as_slice) {
                if best.is_some_and(|b| b <= k) {
                    break;
                }
                let alias = &self.aliases[k].0;
                if toks[p..].starts_with(alias) {
                    best = Some(k);
                    break;
                }
            }
        }
        best.map(|k| self.sources[self.aliases[k].1].id.as_str())
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
