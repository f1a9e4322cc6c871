//! A deterministic generator of real-looking English news for the benchmarks: headlines, bylines,
//! datelines, quotations (single and over several sentences), every common attribution form
//! (said X / X said / according to / told reporters / in a statement / is said to / pronouns /
//! people familiar with the matter), hedges, negations, figures (money, percentages, votes, times,
//! years), abbreviations (Mr., Sen., U.S., p.m.) and clause joins. The revision function edits a
//! share of the sentences the way silent revisions do and moves one paragraph.
//!
//! Shared by `benches/pipeline.rs` and `examples/newsgen.rs` (which writes the script's corpora).
//! Never used by the library.

#![allow(dead_code)]

/// xorshift64: small, deterministic, good enough for text.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    pub fn pct(&mut self, p: u64) -> bool {
        self.below(100) < p
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len() as u64) as usize]
    }
}

const FIRST: &[&str] = &[
    "Maria", "James", "Elena", "Robert", "Aisha", "David", "Laura", "Michael", "Sofia", "Daniel",
    "Karen", "Thomas", "Priya", "William", "Grace", "Ahmed", "Linda", "Joseph", "Nadia", "Kevin",
    "Rachel", "Samuel", "Olga", "Brian", "Yuki", "Patrick", "Helen", "Carlos", "Megan", "Victor",
];
const LAST: &[&str] = &[
    "Lopez",
    "Whitaker",
    "Petrova",
    "Nguyen",
    "Okafor",
    "Brennan",
    "Castillo",
    "Hartmann",
    "Sullivan",
    "Kowalski",
    "Delgado",
    "Fischer",
    "Moreau",
    "Tanaka",
    "Ramirez",
    "Goldberg",
    "Adeyemi",
    "Lindqvist",
    "Baptiste",
    "Marchetti",
    "O'Connell",
    "Haddad",
    "Ivanova",
    "Chen",
    "Mbeki",
    "Novak",
    "Ferreira",
    "Johansson",
    "Kaplan",
    "Reyes",
    "Abernathy",
    "Szabo",
];
const TITLES: &[&str] = &["Mr.", "Ms.", "Sen.", "Rep.", "Gov.", "Dr.", "Gen.", "Mayor"];
const ROLES: &[&str] = &[
    "a spokeswoman for the Department of Homeland Security",
    "the Senate majority leader",
    "a Republican from Ohio",
    "a Democrat from Arizona",
    "the chairman of the House Budget Committee",
    "an economist at the Brookings Institution",
    "a senior administration official",
    "the state's attorney general",
    "a former adviser to the president",
    "the agency's deputy director",
    "a professor of political science at Georgetown University",
    "the union's president",
    "a spokesman for the governor",
    "the county's election director",
];
const ORGS: &[&str] = &[
    "the White House",
    "the Pentagon",
    "the Justice Department",
    "the Federal Reserve",
    "the Congressional Budget Office",
    "the Supreme Court",
    "the Department of Labor",
    "the Environmental Protection Agency",
    "the State Department",
    "the Federal Election Commission",
    "the National Governors Association",
    "the Treasury",
    "the Census Bureau",
    "the Centers for Disease Control and Prevention",
];
const UNNAMED: &[&str] = &[
    "two people familiar with the matter",
    "officials",
    "a person briefed on the talks",
    "three congressional aides",
    "analysts",
    "critics",
    "several lawmakers",
    "a senior official who was not authorized to speak publicly",
    "Democrats",
    "Republicans",
];
const PLACES: &[&str] = &[
    "Ohio",
    "Arizona",
    "Georgia",
    "Pennsylvania",
    "Michigan",
    "Nevada",
    "Wisconsin",
    "Texas",
    "Florida",
    "Virginia",
    "Iowa",
    "New Hampshire",
    "North Carolina",
    "Colorado",
    "Maine",
];
const DATELINES: &[&str] = &[
    "WASHINGTON",
    "NEW YORK",
    "PHOENIX",
    "ATLANTA",
    "DES MOINES, Iowa",
    "MILWAUKEE",
    "HARRISBURG, Pa.",
    "LAS VEGAS",
    "RALEIGH, N.C.",
    "DENVER",
];
const DAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const SUBJECTS: &[&str] = &[
    "the administration",
    "the bill",
    "the proposal",
    "the state legislature",
    "the governor's office",
    "the campaign",
    "House Republicans",
    "Senate Democrats",
    "the committee",
    "the city council",
    "federal regulators",
    "the school board",
    "the U.S. Attorney's office",
    "the trade delegation",
];
const VERBS: &[&str] = &[
    "approved",
    "blocked",
    "delayed",
    "expanded",
    "cut",
    "funded",
    "rejected",
    "revised",
    "announced",
    "suspended",
    "challenged",
    "endorsed",
    "reversed",
    "extended",
    "scaled back",
];
const OBJECTS: &[&str] = &[
    "the infrastructure package",
    "tariffs on steel imports",
    "a plan to expand Medicaid",
    "the border security measure",
    "new limits on campaign spending",
    "the rule on methane emissions",
    "a tax credit for families with children",
    "the pipeline permit",
    "funding for rural hospitals",
    "the voting rights bill",
    "a ban on stock trading by members of Congress",
    "student loan relief",
    "the minimum wage increase",
    "subsidies for electric vehicles",
    "the farm bill",
    "the police reform package",
    "a review of the election results",
    "the redistricting map",
];
const REASONS: &[&str] = &[
    "the talks were private",
    "they were not authorized to discuss the matter",
    "the investigation is continuing",
    "the decision has not been announced",
];
const HEDGES: &[&str] = &[
    "likely",
    "probably",
    "reportedly",
    "apparently",
    "almost certainly",
];
const CUES: &[&str] = &[
    "said",
    "told reporters",
    "said in a statement",
    "wrote on social media",
    "said in an interview",
    "argued",
    "warned",
    "insisted",
    "added",
    "noted",
];
const QUOTE_HEADS: &[&str] = &[
    "We are not going to back down",
    "This is a matter of basic fairness",
    "Nobody in this building thinks that is acceptable",
    "The numbers simply do not add up",
    "I have never seen anything like it",
    "We will keep fighting for working families",
    "It is too early to say what happens next",
    "Voters deserve better than this",
    "Frankly, we were surprised",
    "That is not what the law says",
];
const QUOTE_TAILS: &[&str] = &[
    "and everyone knows it",
    "no matter what they say in Washington",
    "for the people of this state",
    "at least not this year",
    "and we will say so in court",
    "",
    "",
];

fn person(r: &mut Rng) -> (String, String) {
    let first = r.pick(FIRST);
    let last = r.pick(LAST);
    let title = r.pick(TITLES);
    let full = if r.pct(30) {
        let initial = (b'A' + r.below(26) as u8) as char;
        format!("{first} {initial}. {last}")
    } else {
        format!("{first} {last}")
    };
    (full, format!("{title} {last}"))
}

fn money(r: &mut Rng) -> String {
    match r.below(4) {
        0 => format!("${}.{} billion", 1 + r.below(900), r.below(10)),
        1 => format!("${} million", 1 + r.below(999)),
        2 => format!("${},{:03}", 1 + r.below(99), r.below(1000)),
        _ => format!("${}.{} million", 1 + r.below(99), r.below(10)),
    }
}

fn figure(r: &mut Rng) -> String {
    match r.below(5) {
        0 => money(r),
        1 => format!("about {},{:03} people", 1 + r.below(90), r.below(1000)),
        2 => format!("{}.{} percent", r.below(20), r.below(10)),
        3 => format!("{} counties", 2 + r.below(80)),
        _ => format!("nearly {} jobs", 100 * (1 + r.below(400))),
    }
}

/// A clause with no attribution: subject, optional hedge, verb, object, optional figure.
fn clause(r: &mut Rng) -> String {
    let subject = r.pick(SUBJECTS);
    let hedge = if r.pct(15) {
        format!("{} ", r.pick(HEDGES))
    } else {
        String::new()
    };
    let neg = if r.pct(8) { "has not " } else { "" };
    let verb = r.pick(VERBS);
    let object = r.pick(OBJECTS);
    let tail = match r.below(6) {
        0 => format!(", a measure that would cost {}", money(r)),
        1 => format!(" in {}", r.pick(PLACES)),
        2 => format!(" after a {}-{} vote", 40 + r.below(20), 30 + r.below(20)),
        3 => format!(" affecting {}", figure(r)),
        4 => format!(" by {} {}", r.pick(MONTHS), 2020 + r.below(8)),
        _ => String::new(),
    };
    format!("{subject} {hedge}{neg}{verb} {object}{tail}")
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn quote(r: &mut Rng) -> String {
    let head = r.pick(QUOTE_HEADS);
    let tail = r.pick(QUOTE_TAILS);
    if tail.is_empty() {
        head.to_string()
    } else {
        format!("{head}, {tail}")
    }
}

/// One sentence (sometimes two, for quotations over several sentences) in one of ~20 shapes.
/// `last` is the paragraph's current speaker, for pronoun attributions.
fn sentence(r: &mut Rng, speaker: &mut Option<(String, String)>) -> String {
    let fresh = |r: &mut Rng, speaker: &mut Option<(String, String)>| {
        let p = person(r);
        *speaker = Some(p.clone());
        p
    };
    match r.below(22) {
        0 => {
            let (full, _) = fresh(r, speaker);
            format!("{full}, {}, said that {}.", r.pick(ROLES), clause(r))
        }
        1 => {
            let (_, short) = fresh(r, speaker);
            format!("\u{201C}{},\u{201D} {short} {}.", quote(r), r.pick(CUES))
        }
        2 => {
            let (full, _) = fresh(r, speaker);
            format!(
                "\u{201C}{},\u{201D} said {full}, {}.",
                quote(r),
                r.pick(ROLES)
            )
        }
        3 => format!("{}, according to {}.", cap(&clause(r)), r.pick(UNNAMED)),
        4 => format!(
            "{} said in a statement on {} that {}.",
            cap(r.pick(ORGS)),
            r.pick(DAYS),
            clause(r)
        ),
        5..=7 => format!("{}.", cap(&clause(r))),
        8 => format!(
            "The unemployment rate rose to {}.{} percent in {}, the Department of Labor reported.",
            3 + r.below(5),
            r.below(10),
            r.pick(MONTHS)
        ),
        9 => {
            let (_, short) = fresh(r, speaker);
            format!(
                "{short} told reporters on {} that {}, but {}.",
                r.pick(DAYS),
                clause(r),
                clause(r)
            )
        }
        10 => format!("{}; {}.", cap(&clause(r)), clause(r)),
        11 => {
            let (_, short) = fresh(r, speaker);
            format!("\u{201C}{}. {}.\u{201D} {short} added.", quote(r), quote(r))
        }
        12 => {
            let (_, short) = fresh(r, speaker);
            format!(
                "Asked whether {}, {short} said: \u{201C}{}.\u{201D}",
                clause(r),
                quote(r)
            )
        }
        13 => format!(
            "{}, who spoke on the condition of anonymity because {}, said {}.",
            cap(r.pick(UNNAMED)),
            r.pick(REASONS),
            clause(r)
        ),
        14 => format!("But will {}?", clause(r).replacen(' ', " really ", 1)),
        15 => format!(
            "The measure passed {}-{} in the Senate on {}, with {} members absent.",
            50 + r.below(20),
            30 + r.below(20),
            r.pick(DAYS),
            r.below(6)
        ),
        16 => format!(
            "At {}:{:02} p.m. on {}, {}.",
            1 + r.below(11),
            r.below(60),
            r.pick(DAYS),
            clause(r)
        ),
        17 => {
            let (_, short) = fresh(r, speaker);
            format!(
                "{short} is said to have {} {}.",
                r.pick(VERBS),
                r.pick(OBJECTS)
            )
        }
        18 => format!("In {}, {}.", 1990 + r.below(35), clause(r)),
        19 => match speaker {
            Some(_) => format!(
                "{} {} that {}.",
                if r.pct(50) { "He" } else { "She" },
                r.pick(&["added", "said", "noted", "argued"]),
                clause(r)
            ),
            None => format!("{}.", cap(&clause(r))),
        },
        20 => format!(
            "The U.S. economy grew at a {}.{} percent annual rate, while {} (the bill's main sponsor) {}.",
            1 + r.below(4),
            r.below(10),
            person(r).1,
            if r.pct(50) {
                "did not comment"
            } else {
                "declined to comment"
            }
        ),
        _ => format!(
            "{} {} {} would {}.",
            cap(r.pick(UNNAMED)),
            r.pick(&["said", "warned", "estimated", "claimed"]),
            r.pick(OBJECTS),
            r.pick(&[
                "cost more than expected",
                "not pass the Senate",
                "face a legal challenge",
                "take effect next year"
            ])
        ),
    }
}

/// An article: headline, byline, and paragraphs of sentences (the first opens with a dateline).
#[derive(Clone)]
pub struct Article {
    pub headline: String,
    pub byline: String,
    pub paragraphs: Vec<Vec<String>>,
}

impl Article {
    /// The text as a news site's "copy text" gives it: headline, byline, blank-line paragraphs.
    pub fn render(&self) -> String {
        let mut out = String::with_capacity(self.paragraphs.len() * 400);
        out.push_str(&self.headline);
        out.push_str("\n\n");
        out.push_str(&self.byline);
        out.push_str("\n\n");
        let paras: Vec<String> = self
            .paragraphs
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join(" "))
            .collect();
        out.push_str(&paras.join("\n\n"));
        out.push('\n');
        out
    }

    pub fn bytes(&self) -> usize {
        self.paragraphs
            .iter()
            .flatten()
            .map(|s| s.len() + 1)
            .sum::<usize>()
    }
}

fn headline(r: &mut Rng) -> String {
    let words: Vec<String> = clause(r)
        .split(' ')
        .take(9)
        .map(|w| match w {
            "a" | "the" | "of" | "on" | "in" | "to" | "by" | "for" | "and" => w.to_string(),
            _ => cap(w),
        })
        .collect();
    cap(words.join(" ").trim_end_matches(','))
}

/// An article of about `bytes` bytes of body text.
pub fn article(r: &mut Rng, bytes: usize) -> Article {
    let (full, _) = person(r);
    let mut paragraphs = Vec::new();
    let mut size = 0;
    let mut first = true;
    while size < bytes {
        let mut speaker = None;
        let mut p = Vec::new();
        for _ in 0..1 + r.below(4) {
            let s = sentence(r, &mut speaker);
            size += s.len() + 1;
            p.push(s);
        }
        if first {
            p[0] = format!("{} \u{2014} {}", r.pick(DATELINES), p[0]);
            first = false;
        }
        paragraphs.push(p);
    }
    Article {
        headline: headline(r),
        byline: format!("By {full}"),
        paragraphs,
    }
}

/// Edit about `percent`% of the sentences the way silent revisions do (a word changed, a hedge
/// dropped, a figure changed, a negation added, a source dropped, a sentence removed or added) and
/// move one paragraph when there are enough.
pub fn revise(r: &mut Rng, a: &Article, percent: u64) -> Article {
    let mut out = a.clone();
    for (pi, p) in out.paragraphs.iter_mut().enumerate() {
        for s in p.iter_mut() {
            if pi == 0 || !r.pct(percent) {
                continue;
            }
            let before = s.clone();
            *s = match r.below(7) {
                0 => s
                    .replacen(" the ", " a ", 1)
                    .replacen(" would ", " could ", 1),
                1 => {
                    let mut t = s.clone();
                    for h in HEDGES {
                        t = t.replacen(&format!(" {h} "), " ", 1);
                    }
                    t.replacen(" said that ", " said on Tuesday that ", 1)
                }
                2 => {
                    let t = s.replacen('1', "7", 1).replacen('2', "4", 1);
                    t.replacen(" percent", " percentage points", 1)
                }
                3 => s
                    .replacen(" has ", " has not ", 1)
                    .replacen(" would ", " would not ", 1),
                4 => match s.find(", according to") {
                    Some(i) => format!("{}.", &s[..i]),
                    None => s.replacen(" said ", " argued ", 1),
                },
                5 => String::new(),
                _ => {
                    let mut speaker = None;
                    format!("{s} {}", sentence(r, &mut speaker))
                }
            };
            if *s == before {
                // The edit found nothing to change: reword the end instead.
                if let Some(stripped) = s.strip_suffix('.') {
                    *s = format!("{stripped}, officials said.");
                }
            }
        }
        p.retain(|s| !s.is_empty());
    }
    out.paragraphs.retain(|p| !p.is_empty());
    if out.paragraphs.len() > 8 {
        let from = 2 + r.below(out.paragraphs.len() as u64 / 3) as usize;
        let moved = out.paragraphs.remove(from);
        let to = (out.paragraphs.len() * 2 / 3).max(from + 1);
        out.paragraphs.insert(to.min(out.paragraphs.len()), moved);
    }
    out
}

/// A pair of texts of about `bytes` bytes each: an article and its revision with `percent`% of
/// the sentences edited.
pub fn pair(seed: u64, bytes: usize, percent: u64) -> (String, String) {
    let mut r = Rng::new(seed);
    let a = article(&mut r, bytes);
    let b = revise(&mut r, &a, percent);
    (a.render(), b.render())
}
