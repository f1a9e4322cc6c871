#!/usr/bin/env bash
# Rebuild the bundled example workspace (claimtrail.toml, snapshots/, claims/) from the article
# in tests/fixtures/xi-putin-summit, with the review workflow a fact-checking desk would follow:
# capture r1, extract, review, capture r2, extract (reviews follow the claims), review again.
# Deterministic: SOURCE_DATE_EPOCH fixes every timestamp, so a rebuild changes no byte.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release
bin="${CARGO_TARGET_DIR:-target}/release/claimtrail"
ct() { "$bin" --color never "$@"; }
export SOURCE_DATE_EPOCH=1795824000   # 2026-11-28T00:00:00Z, when the example was assembled
export CLAIMTRAIL_REVIEWER="Example Desk"
fx=tests/fixtures/xi-putin-summit
id() { ct claims xi-putin-summit --all --format json | python3 -c 'import json,sys; n=sys.argv[1]; print(next(c["id"] for c in json.load(sys.stdin)["claims"] if n in c["text"]))' "$1"; }

rm -rf claims snapshots claimtrail.toml
ct init >/dev/null
ct snapshot add xi-putin-summit "$fx/r1.txt" >/dev/null
ct extract xi-putin-summit >/dev/null

ct review xi-putin-summit "$(id 'first foreign trip since winning his fifth')" --status supported \
  --evidence https://en.wikipedia.org/wiki/2024_Russian_presidential_election \
  --note "Putin won a fifth term on 17 March 2024; the Beijing visit of 16-17 May 2024 was his first trip abroad since." >/dev/null
ct review xi-putin-summit "$(id 'more than two years ago')" --status supported \
  --evidence https://en.wikipedia.org/wiki/Russian_invasion_of_Ukraine \
  --note "The full-scale invasion began on 24 February 2022: a little over two years before the summit." >/dev/null
ct review xi-putin-summit "$(id 'Western analysts say China has been aiding')" --status supported \
  --note "Attributed claim: US officials said so publicly in April 2024; the attribution is what we verify." >/dev/null
ct review xi-putin-summit "$(id 'opened a new line of attack near Kharkiv')" --status supported \
  --evidence https://en.wikipedia.org/wiki/2024_Kharkiv_offensive >/dev/null
ct review xi-putin-summit "$(id 'likely wants to know he can rely on China')" --status opinion \
  --note "A characterization of Mr. Putin's intent, not a checkable fact." >/dev/null
ct review xi-putin-summit "$(id 'sharp increase in tariffs')" --status supported \
  --evidence https://bidenwhitehouse.archives.gov/briefing-room/statements-releases/2024/05/14/fact-sheet-president-biden-takes-action-to-protect-american-workers-and-businesses-from-chinas-unfair-trade-practices/ >/dev/null
ct review xi-putin-summit "$(id 'Power of Siberia 2')" --status supported \
  --evidence https://en.wikipedia.org/wiki/Power_of_Siberia >/dev/null

export SOURCE_DATE_EPOCH=1795867200   # noon the same day: the revision is captured
ct snapshot add xi-putin-summit "$fx/r2.txt" >/dev/null
ct extract xi-putin-summit >/dev/null

# The desk reviews two of the claims that changed; the others wait (check warns about them).
ct review xi-putin-summit "$(id 'nearly three years ago')" --status false \
  --evidence https://en.wikipedia.org/wiki/Russian_invasion_of_Ukraine \
  --note "The invasion began on 24 February 2022; in May 2024 that is two years and three months, not nearly three." >/dev/null
ct review xi-putin-summit "$(id 'launched a new offensive near Kharkiv')" --status supported \
  --evidence https://en.wikipedia.org/wiki/2024_Kharkiv_offensive >/dev/null
ct check
