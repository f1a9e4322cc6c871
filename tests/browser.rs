//! Browser test of `claimtrail report`: opens the HTML report in headless Chromium over the
//! DevTools protocol and checks the DOM (claim count, highlights, flags, word-level changes), the
//! script (filters, focus tooltips), phone width, print media, that nothing is fetched and that
//! the console stays clean; takes screenshots kept under target/ (or $CLAIMTRAIL_ARTIFACTS).
//!
//! Without Chromium the test skips with a message, unless `CI` is set: then it fails.
//! `.ci/run` installs Chromium from the distribution's packages.

mod common;

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use common::*;
use serde_json::{Value, json};
use tungstenite::{Message, WebSocket};

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome", "chrome"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Chromium, or a skip (a failure under CI).
fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    match find_chromium() {
        Some(p) => Some(p),
        None if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) => {
            panic!("{test}: CI is set but no chromium is installed (apt-get install chromium)")
        }
        None => {
            eprintln!(
                "SKIPPED {test}: no chromium on PATH (install it, or set CHROMIUM=/path/to/chrome); CI would fail here"
            );
            None
        }
    }
}

fn artifacts() -> PathBuf {
    let dir = match std::env::var_os("CLAIMTRAIL_ARTIFACTS") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-screenshots"),
    };
    std::fs::create_dir_all(&dir).expect("artifact folder");
    dir
}

/// A headless Chromium with a fresh profile, killed when dropped.
struct Browser {
    child: Child,
    _profile: tempfile::TempDir,
    port: u16,
    /// The browser's DevTools path, "/devtools/browser/ID".
    path: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Browser {
    fn start(bin: &Path) -> Browser {
        let profile = tempfile::tempdir().expect("profile dir");
        let mut child = Command::new(bin)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--remote-debugging-port=0",
                "--window-size=1100,1400",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", bin.display()));
        // Chromium prints "DevTools listening on ws://127.0.0.1:PORT/devtools/browser/ID".
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if !sent && let Some(i) = line.find("ws://") {
                    let _ = tx.send(line[i..].trim().to_string());
                    sent = true;
                }
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("chromium printed its DevTools address within 60 s");
        let port: u16 = url
            .trim_start_matches("ws://127.0.0.1:")
            .split('/')
            .next()
            .and_then(|p| p.parse().ok())
            .unwrap_or_else(|| panic!("unexpected DevTools address {url}"));
        let path = url[url.find("/devtools").expect("a DevTools path")..].to_string();
        Browser {
            child,
            _profile: profile,
            port,
            path,
        }
    }

    /// A new tab, as a DevTools session.
    fn page(&self) -> Page {
        let mut browser = Page::connect(self.port, &self.path);
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let id = target["targetId"].as_str().expect("target id").to_string();
        Page::connect(self.port, &format!("/devtools/page/{id}"))
    }
}

/// One DevTools session: commands and the events seen so far.
struct Page {
    ws: WebSocket<TcpStream>,
    next: u64,
    events: Vec<Value>,
}

impl Page {
    fn connect(port: u16, path: &str) -> Page {
        let stream = TcpStream::connect(("127.0.0.1", port)).expect("connect to DevTools");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let (ws, _) = tungstenite::client(format!("ws://127.0.0.1:{port}{path}"), stream)
            .expect("DevTools websocket");
        Page {
            ws,
            next: 1,
            events: Vec::new(),
        }
    }

    fn read(&mut self) -> Value {
        loop {
            match self.ws.read().expect("DevTools message") {
                Message::Text(t) => return serde_json::from_str(t.as_str()).expect("JSON"),
                Message::Close(_) => panic!("DevTools closed the connection"),
                _ => continue,
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next;
        self.next += 1;
        let msg = json!({"id": id, "method": method, "params": params}).to_string();
        self.ws.send(Message::text(msg)).expect("send");
        loop {
            let v = self.read();
            if v["id"].as_u64() == Some(id) {
                if let Some(e) = v.get("error") {
                    panic!("{method}: {e}");
                }
                return v["result"].clone();
            }
            self.events.push(v);
        }
    }

    fn wait_event(&mut self, method: &str) {
        if self.events.iter().any(|e| e["method"] == method) {
            return;
        }
        let start = Instant::now();
        loop {
            let v = self.read();
            let hit = v["method"] == method;
            self.events.push(v);
            if hit {
                return;
            }
            assert!(start.elapsed() < Duration::from_secs(60), "no {method}");
        }
    }

    fn open(&mut self, file: &Path) {
        self.call("Runtime.enable", json!({}));
        self.call("Log.enable", json!({}));
        self.call("Page.enable", json!({}));
        let url = format!("file://{}", file.display());
        self.call("Page.navigate", json!({"url": url}));
        self.wait_event("Page.loadEventFired");
    }

    /// Evaluate a JavaScript expression and return its value.
    fn eval(&mut self, expr: &str) -> Value {
        let r = self.call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true}),
        );
        if let Some(e) = r.get("exceptionDetails") {
            panic!("{expr}: {e}");
        }
        r["result"]["value"].clone()
    }

    /// Console errors, uncaught exceptions and browser log errors (a CSP violation is one).
    fn errors(&mut self) -> Vec<String> {
        // A round trip flushes pending events.
        self.eval("1");
        self.events
            .iter()
            .filter(|e| {
                e["method"] == "Runtime.exceptionThrown"
                    || (e["method"] == "Runtime.consoleAPICalled"
                        && matches!(e["params"]["type"].as_str(), Some("error" | "assert")))
                    || (e["method"] == "Log.entryAdded"
                        && e["params"]["entry"]["level"].as_str() == Some("error"))
            })
            .map(|e| e.to_string())
            .collect()
    }

    fn screenshot(&mut self, name: &str) -> PathBuf {
        let r = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": false}),
        );
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(r["data"].as_str().expect("png data"))
            .expect("base64");
        assert!(bytes.starts_with(b"\x89PNG"), "a PNG");
        let path = artifacts().join(name);
        std::fs::write(&path, bytes).expect("write screenshot");
        path
    }
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn example_report_in_a_browser() {
    let Some(bin) = chromium_or_skip("example_report_in_a_browser") else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("report.html");
    let r = ct(
        repo(),
        &["report", "xi-putin-summit", "-o", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    // What the DOM must show, from the JSON contract of the same workspace.
    let claims = ct(repo(), &["claims", "xi-putin-summit", "--format", "json"]).json();
    let claims = claims["claims"].as_array().unwrap().clone();
    let unsupported = ct(
        repo(),
        &[
            "claims",
            "xi-putin-summit",
            "--unsupported",
            "--format",
            "json",
        ],
    )
    .json()["claims"]
        .as_array()
        .unwrap()
        .len();
    let diff = ct(repo(), &["diff", "xi-putin-summit", "--format", "json"]).json();
    let changes: Vec<&Value> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["kind"] != "unchanged")
        .collect();
    let mut flags: Vec<String> = changes
        .iter()
        .flat_map(|c| c["flags"].as_array().unwrap().iter())
        .map(|f| f.as_str().unwrap().to_string())
        .collect();
    flags.sort();
    assert!(!flags.is_empty(), "the example has flagged changes");

    let browser = Browser::start(&bin);
    let mut page = browser.page();
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1100, "height": 1400, "deviceScaleFactor": 1, "mobile": false}),
    );
    page.open(&file);

    // Every claim highlighted once, focusable, with its status and kind.
    assert_eq!(
        page.eval("document.querySelectorAll('.article mark.claim').length"),
        json!(claims.len())
    );
    assert_eq!(
        page.eval("document.getElementById('n-claims').textContent"),
        json!(claims.len().to_string())
    );
    let dom_ids = page.eval(
        "Array.from(document.querySelectorAll('.article mark.claim')).map(m => m.dataset.id + ' ' + m.dataset.status + ' ' + m.dataset.kind + ' ' + m.tabIndex)",
    );
    let want: Vec<String> = claims
        .iter()
        .map(|c| {
            format!(
                "{} {} {} 0",
                c["id"].as_str().unwrap(),
                c["status"].as_str().unwrap(),
                c["attribution"]["kind"].as_str().unwrap()
            )
        })
        .collect();
    assert_eq!(dom_ids, json!(want));
    assert_eq!(
        page.eval("document.querySelectorAll('.article mark.claim.unsupported').length"),
        json!(unsupported)
    );
    // Status colours differ: a false claim is not painted like a supported one.
    let bg = |page: &mut Page, sel: &str| {
        page.eval(&format!(
            "getComputedStyle(document.querySelector('.article {sel}')).backgroundColor"
        ))
    };
    let (f, s) = (bg(&mut page, ".s-false"), bg(&mut page, ".s-supported"));
    assert_ne!(f, s);
    assert_ne!(f, json!("rgba(0, 0, 0, 0)"));

    // The changes with their flags, and word-level marks.
    assert_eq!(
        page.eval("document.querySelectorAll('#changes article.change').length"),
        json!(changes.len())
    );
    let mut dom_flags: Vec<String> =
        serde_json::from_value(page.eval(
            "Array.from(document.querySelectorAll('#changes .flag')).map(f => f.dataset.flag)",
        ))
        .unwrap();
    dom_flags.sort();
    assert_eq!(dom_flags, flags);
    assert!(
        page.eval("document.querySelectorAll('#changes del').length")
            .as_u64()
            .unwrap()
            > 0
    );
    assert!(
        page.eval("document.querySelectorAll('#changes ins').length")
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(
        page.eval("document.querySelectorAll('.article mark.claim.changed').length"),
        json!(
            changes
                .iter()
                .map(|c| c["new"].as_array().unwrap().len())
                .sum::<usize>()
        )
    );
    // Sources table and review history with evidence links.
    assert!(
        page.eval("document.querySelectorAll('#sources tbody tr').length")
            .as_u64()
            .unwrap()
            >= 3
    );
    let ledger_lines = std::fs::read_to_string(repo().join("claims/xi-putin-summit.ledger.jsonl"))
        .unwrap()
        .lines()
        .count();
    assert_eq!(
        page.eval("document.querySelectorAll('#history tbody tr').length"),
        json!(ledger_lines)
    );
    assert!(
        page.eval("document.querySelectorAll('#history a[href^=\"https://\"]').length")
            .as_u64()
            .unwrap()
            > 0
    );

    // Source and cue on focus (keyboard), hidden otherwise.
    let tip = "getComputedStyle(document.querySelector('.article mark.claim[data-kind=named] .tip')).display";
    assert_eq!(page.eval(tip), json!("none"));
    page.eval("document.querySelector('.article mark.claim[data-kind=named]').focus()");
    assert_eq!(page.eval(tip), json!("block"));
    assert!(
        page.eval(
            "document.querySelector('.article mark.claim[data-kind=named] .tip').textContent"
        )
        .as_str()
        .unwrap()
        .contains("Cue:")
    );
    assert!(
        page.eval("document.documentElement.scrollWidth")
            .as_u64()
            .unwrap()
            <= 1100,
        "the page scrolls sideways with a tooltip open"
    );
    page.screenshot("report-desktop.png");

    // The "Unsupported" filter dims every other claim; "next" steps through the unsupported.
    page.eval("document.querySelector('button[data-filter=unsupported]').click()");
    assert_eq!(
        page.eval("document.body.classList.contains('f-unsupported')"),
        json!(true)
    );
    assert_eq!(
        page.eval(
            "document.querySelector('button[data-filter=unsupported]').getAttribute('aria-pressed')"
        ),
        json!("true")
    );
    assert_eq!(bg(&mut page, ".s-supported"), json!("rgba(0, 0, 0, 0)"));
    // The legend keeps its colours.
    assert_ne!(
        page.eval(
            "getComputedStyle(document.querySelector('#legend .k-named')).textDecorationColor"
        ),
        json!("rgba(0, 0, 0, 0)")
    );
    page.eval("document.getElementById('next').click()");
    assert_eq!(
        page.eval("document.activeElement.classList.contains('unsupported')"),
        json!(true)
    );
    page.eval("document.querySelector('button[data-filter=all]').click()");
    assert_ne!(bg(&mut page, ".s-supported"), json!("rgba(0, 0, 0, 0)"));

    // Nothing was fetched: the page is self-contained.
    assert_eq!(
        page.eval("performance.getEntriesByType('resource').length"),
        json!(0)
    );

    // Phone width: nothing wider than the screen; the two sides of a change stack.
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 375, "height": 800, "deviceScaleFactor": 2, "mobile": true}),
    );
    assert!(
        page.eval("document.documentElement.scrollWidth")
            .as_u64()
            .unwrap()
            <= 375,
        "the page scrolls sideways at 375 px"
    );
    assert_eq!(
        page.eval("getComputedStyle(document.querySelector('.sides')).gridTemplateColumns.split(' ').length"),
        json!(1)
    );
    page.screenshot("report-phone.png");

    // Print: no navigation, controls or tooltips.
    page.call("Emulation.setEmulatedMedia", json!({"media": "print"}));
    for sel in ["nav", ".controls"] {
        assert_eq!(
            page.eval(&format!(
                "getComputedStyle(document.querySelector('{sel}')).display"
            )),
            json!("none"),
            "{sel} in print"
        );
    }
    let errors = page.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}

#[test]
fn hostile_text_renders_as_text_in_a_browser() {
    let Some(bin) = chromium_or_skip("hostile_text_renders_as_text_in_a_browser") else {
        return;
    };
    let dir = workspace();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "Officials said the <script>window.__xss=1</script> tag was found in the page.\n\n\
A reader wrote \"><img src=x onerror=\"window.__xss=2\"> into the form, the company said.\n",
    )
    .unwrap();
    let r = ct(
        dir.path(),
        &["snapshot", "add", "hostile", article.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(ct(dir.path(), &["extract", "hostile"]).code, 0);
    let ids: Vec<String> =
        ct(dir.path(), &["claims", "hostile", "--format", "json"]).json()["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
    assert_eq!(ids.len(), 2);
    let r = ct(
        dir.path(),
        &[
            "review",
            "hostile",
            &ids[0],
            "--status",
            "false",
            "--evidence",
            "https://example.org/\"><img/src=x/onerror=window.__xss=3>",
            "--note",
            "<script>window.__xss=4</script>",
            "--by",
            "\"><b onmouseover=window.__xss=5>x</b>",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let file = dir.path().join("report.html");
    let r = ct(
        dir.path(),
        &["report", "hostile", "-o", file.to_str().unwrap()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);

    let browser = Browser::start(&bin);
    let mut page = browser.page();
    page.open(&file);
    assert_eq!(page.eval("document.scripts.length"), json!(1));
    assert_eq!(page.eval("document.images.length"), json!(0));
    assert_eq!(
        page.eval("document.querySelectorAll('b[onmouseover]').length"),
        json!(0)
    );
    assert_eq!(page.eval("typeof window.__xss"), json!("undefined"));
    let text = page.eval("document.querySelector('.article').textContent");
    let text = text.as_str().unwrap();
    assert!(text.contains("<script>window.__xss=1</script>"), "{text}");
    assert!(
        text.contains("\"><img src=x onerror=\"window.__xss=2\">"),
        "{text}"
    );
    let history = page.eval("document.getElementById('history').textContent");
    let history = history.as_str().unwrap();
    assert!(
        history.contains("<script>window.__xss=4</script>"),
        "{history}"
    );
    assert!(
        history.contains("\"><b onmouseover=window.__xss=5>x</b>"),
        "{history}"
    );
    assert_eq!(
        page.eval("document.querySelector('#history a[href^=\"https\"]').getAttribute('href')"),
        json!("https://example.org/\"><img/src=x/onerror=window.__xss=3>")
    );
    page.screenshot("report-hostile.png");
    let errors = page.errors();
    assert!(errors.is_empty(), "console errors: {errors:#?}");
}
