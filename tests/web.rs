//! Web capture: HTML files and pages, `text`, `snapshot add URL`, `fetch` and feeds, all against a
//! small HTTP server the tests start on 127.0.0.1 (no outside network).

mod common;

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::ct;

const HTML: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/html");

fn fixture(name: &str) -> Vec<u8> {
    fs::read(Path::new(HTML).join(name)).unwrap()
}

/// A canned response.
#[derive(Clone, Default)]
struct Resp {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    delay: Option<Duration>,
    /// Send bytes until the client hangs up.
    endless: bool,
}

fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Resp {
    Resp {
        status: 200,
        headers: vec![("Content-Type", content_type.to_string())],
        body: body.into(),
        ..Resp::default()
    }
}

fn html(body: impl Into<Vec<u8>>) -> Resp {
    ok("text/html; charset=utf-8", body)
}

/// A request as the server saw it: path and headers (names lowercased).
#[derive(Clone, Debug)]
struct Req {
    path: String,
    headers: HashMap<String, String>,
}

type Routes = Arc<Mutex<HashMap<String, Resp>>>;

struct Server {
    base: String,
    routes: Routes,
    seen: Arc<Mutex<Vec<Req>>>,
    /// Requests being answered now, and the most ever answered at once.
    load: Arc<Mutex<(usize, usize)>>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let routes: Routes = Arc::default();
        let seen: Arc<Mutex<Vec<Req>>> = Arc::default();
        let load: Arc<Mutex<(usize, usize)>> = Arc::default();
        let (r, s, l) = (routes.clone(), seen.clone(), load.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, s, l) = (r.clone(), s.clone(), l.clone());
                std::thread::spawn(move || {
                    {
                        let mut g = l.lock().unwrap();
                        g.0 += 1;
                        g.1 = g.1.max(g.0);
                    }
                    serve(stream, &r, &s);
                    l.lock().unwrap().0 -= 1;
                });
            }
        });
        Server {
            base,
            routes,
            seen,
            load,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    fn route(&self, path: &str, resp: Resp) {
        self.routes.lock().unwrap().insert(path.to_string(), resp);
    }

    fn requests(&self, path: &str) -> Vec<Req> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .cloned()
            .collect()
    }
}

fn serve(stream: TcpStream, routes: &Routes, seen: &Mutex<Vec<Req>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).is_err() || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let req = Req { path, headers };
    seen.lock().unwrap().push(req.clone());
    let resp = routes
        .lock()
        .unwrap()
        .get(&req.path)
        .cloned()
        .unwrap_or(Resp {
            status: 404,
            body: b"not found".to_vec(),
            ..Resp::default()
        });
    // Conditional requests: 304 when the client holds the current ETag.
    let etag = resp
        .headers
        .iter()
        .find(|(k, _)| *k == "ETag")
        .map(|(_, v)| v.clone());
    let not_modified = etag.is_some() && req.headers.get("if-none-match") == etag.as_ref();
    if let Some(d) = resp.delay {
        std::thread::sleep(d);
    }
    let mut out = stream;
    let status = if not_modified { 304 } else { resp.status };
    let mut head = format!("HTTP/1.1 {status} Status\r\nConnection: close\r\n");
    for (k, v) in &resp.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if resp.endless {
        head.push_str("\r\n");
        let _ = out.write_all(head.as_bytes());
        let chunk = vec![b'a'; 16 * 1024];
        while out.write_all(&chunk).is_ok() {}
        return;
    }
    let body: &[u8] = if not_modified { b"" } else { &resp.body };
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    let _ = out.write_all(head.as_bytes());
    let _ = out.write_all(body);
}

/// A workspace whose client gives up fast, so timeout tests take a second, not thirty.
fn workspace(extra: &str) -> tempfile::TempDir {
    let dir = common::workspace();
    fs::write(
        dir.path().join("claimtrail.toml"),
        format!("[fetch]\ntimeout = 1.0\nconnect_timeout = 1.0\n{extra}"),
    )
    .unwrap();
    dir
}

fn page(headline: &str, paras: &[&str]) -> String {
    let body: String = paras.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>{headline} - The Test Times</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{headline}</h1>\n{body}</article>\
         <footer>Copyright The Test Times</footer></body></html>"
    )
}

const P1: &str =
    "The council approved the new budget on Monday after a debate that lasted more than six hours.";
const P2: &str = "Officials said the plan would raise spending on schools by 4 percent next year.";
const P3: &str = "Opposition members said the increase was not enough to cover rising costs.";

/// Every file under the workspace's claims/ and snapshots/, with its bytes.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.join("claims"), dir.join("snapshots")];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.to_string_lossy().into_owned(), fs::read(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

#[test]
fn text_of_a_page_file_is_the_article_without_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(HTML).join("furniture.html");
    let r = ct(dir.path(), &["text", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stdout,
        "Harbour bridge to close for repairs\n\n\
         The harbour bridge will close for six weeks from 1 April while engineers replace corroded cables, the city council said on Tuesday.\n\n\
         Council officials said the repairs would cost £4.2 million, most of it paid by a regional transport grant.\n\n\
         Local businesses warned that the closure could cut trade by a third. “We were told about this last week,” said Maria Costa, who runs a café near the bridge.\n\n\
         According to the council, a free shuttle bus will run every ten minutes while the bridge is closed.\n"
    );
    let r = ct(
        dir.path(),
        &["text", path.to_str().unwrap(), "--format", "json"],
    );
    let j = r.json();
    assert_eq!(j["version"], 1);
    assert_eq!(j["url"], serde_json::Value::Null);
    assert_eq!(j["title"], "Harbour bridge to close for repairs");
    assert_eq!(j["byline"], "Dana Whitfield");
    assert_eq!(j["published"], "2025-03-04T09:30:00Z");
    assert_eq!(j["language"], "en-GB");
    assert_eq!(j.as_object().unwrap().len(), 7);
}

#[test]
fn text_of_two_articles_keeps_the_main_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(HTML).join("two-articles.html");
    let r = ct(dir.path(), &["text", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Mayor wins second term\n\nMayor Helen Ortiz won"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with("“Now we have to deliver.”\n"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("Derby"), "{}", r.stdout);
}

#[test]
fn latin1_page_file_is_decoded() {
    let dir = tempfile::tempdir().unwrap();
    let path = Path::new(HTML).join("latin1.html");
    let r = ct(dir.path(), &["text", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Le café du port rouvre ses portes\n\n"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("« Nous sommes très heureux"),
        "{}",
        r.stdout
    );
}

#[test]
fn plain_text_is_printed_as_it_is_and_stdin_works() {
    let dir = tempfile::tempdir().unwrap();
    let r = common::ct_stdin(
        dir.path(),
        &["text", "-"],
        b"Just text. <b> is not a page.\n",
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "Just text. <b> is not a page.\n");
    let r = common::ct_stdin(dir.path(), &["text", "-"], b"\xff\xfe\x00bad");
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("<stdin>"), "{}", r.stderr);
}

#[test]
fn snapshot_add_of_an_html_file_stores_the_article_and_the_raw_page() {
    let dir = workspace("");
    let d = dir.path();
    let path = Path::new(HTML).join("furniture.html");
    let r = ct(d, &["snapshot", "add", "bridge", path.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .contains(", raw page kept in snapshots/bridge/captures/"),
        "{}",
        r.stdout
    );
    // The same page stored in another workspace gives the same bytes: capture and manifest.
    let other = workspace("");
    assert_eq!(
        ct(
            other.path(),
            &["snapshot", "add", "bridge", path.to_str().unwrap()]
        )
        .code,
        0
    );
    let strip = |t: Vec<(String, Vec<u8>)>, root: &Path| -> Vec<(String, Vec<u8>)> {
        let root = root.to_string_lossy().into_owned();
        t.into_iter()
            .map(|(p, b)| (p.replacen(&root, "", 1), b))
            .collect()
    };
    assert_eq!(strip(tree(d), d), strip(tree(other.path()), other.path()));
    let text = fs::read_to_string(d.join("snapshots/bridge/r1.txt")).unwrap();
    assert!(
        text.starts_with("Harbour bridge to close for repairs\n\n"),
        "{text}"
    );
    assert!(!text.contains('<'), "{text}");
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(d.join("snapshots/bridge/manifest.json")).unwrap())
            .unwrap();
    let c = &m["revisions"][0]["capture"];
    assert_eq!(c["content_type"], "text/html");
    assert_eq!(c["charset"], "UTF-8");
    assert_eq!(c["extractor"]["name"], "claimtrail-html");
    assert!(c.get("url").is_none() && c.get("http_status").is_none());
    let raw =
        gunzip(&fs::read(d.join("snapshots/bridge").join(c["file"].as_str().unwrap())).unwrap());
    assert_eq!(raw, fixture("furniture.html"));
    // Re-reading with the same extractor gives the same text: nothing stored.
    let before = tree(d);
    let r = ct(d, &["snapshot", "reread", "bridge"]);
    assert_eq!(
        (r.code, r.stdout.as_str()),
        (
            0,
            "unchanged: re-reading r1 gives the text of bridge r1; nothing stored\n"
        )
    );
    assert_eq!(tree(d), before);
    assert_eq!(ct(d, &["extract", "bridge"]).code, 0);
    let r = ct(d, &["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // Claims are sentences of the article, never markup.
    let r = ct(d, &["claims", "bridge", "--format", "json"]);
    for c in r.json()["claims"].as_array().unwrap() {
        assert!(!c["text"].as_str().unwrap().contains('<'), "{c}");
    }
}

#[test]
fn diff_files_and_inspect_read_html() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("a.htm"), page("Budget passes", &[P1, P2])).unwrap();
    fs::write(
        d.join("b.txt"),
        page(
            "Budget passes",
            &[P1, &P2.replace("4 percent", "6 percent")],
        ),
    )
    .unwrap();
    let r = ct(
        d,
        &["diff", "--files", "a.htm", "b.txt", "--format", "json"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("figure-changed"), "{}", r.stdout);
    let r = ct(d, &["inspect", "a.htm"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("Officials said"), "{}", r.stdout);
    assert!(!r.stdout.contains("<article>"), "{}", r.stdout);
}

#[test]
fn redirects_are_followed_and_the_final_url_recorded() {
    let s = Server::start();
    s.route(
        "/old",
        Resp {
            status: 301,
            headers: vec![("Location", "/new".to_string())],
            ..Resp::default()
        },
    );
    s.route("/new", html(page("Budget passes", &[P1, P2])));
    let dir = workspace("contact = \"desk@example.org\"\n");
    let r = ct(dir.path(), &["text", &s.url("/old"), "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let j = r.json();
    assert_eq!(j["url"], s.url("/new"));
    assert_eq!(j["title"], "Budget passes");
    let ua = s.requests("/new")[0].headers["user-agent"].clone();
    assert!(
        ua.starts_with("claimtrail/") && ua.contains("desk@example.org"),
        "{ua}"
    );
}

#[test]
fn request_headers_stay_with_their_origin_across_redirects() {
    // Two servers are two origins (same host, different ports).
    let (home, away) = (Server::start(), Server::start());
    home.route(
        "/paywalled",
        Resp {
            status: 302,
            headers: vec![("Location", "/story?page=1".to_string())],
            ..Resp::default()
        },
    );
    home.route(
        "/story?page=1",
        Resp {
            status: 307,
            headers: vec![("Location", away.url("/mirror"))],
            ..Resp::default()
        },
    );
    away.route(
        "/mirror",
        Resp {
            status: 301,
            headers: vec![("Location", home.url("/final"))],
            ..Resp::default()
        },
    );
    home.route("/final", html(page("Budget passes", &[P1, P2])));
    let dir = workspace("");
    let r = ct(
        dir.path(),
        &[
            "text",
            &home.url("/paywalled"),
            "--header",
            "Cookie: session=abc",
            "--header",
            "X-Api-Key: k1",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["url"], home.url("/final"));
    // Same origin: the caller's headers go along (the HTTP client alone would drop the cookie).
    let story = &home.requests("/story?page=1")[0].headers;
    assert_eq!(story.get("cookie").map(String::as_str), Some("session=abc"));
    assert_eq!(story.get("x-api-key").map(String::as_str), Some("k1"));
    // Another origin never sees them, nor does anything after it in the chain.
    for req in away
        .requests("/mirror")
        .iter()
        .chain(&home.requests("/final"))
    {
        assert!(!req.headers.contains_key("cookie"), "{req:?}");
        assert!(!req.headers.contains_key("x-api-key"), "{req:?}");
        assert!(req.headers["user-agent"].starts_with("claimtrail/"));
    }
}

#[test]
fn a_redirect_to_another_scheme_is_refused() {
    let s = Server::start();
    s.route(
        "/js",
        Resp {
            status: 302,
            headers: vec![("Location", "javascript:alert(1)".to_string())],
            ..Resp::default()
        },
    );
    let dir = workspace("");
    let before = tree(dir.path());
    let r = ct(dir.path(), &["snapshot", "add", "a", &s.url("/js")]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains(&s.url("/js")) && r.stderr.contains("not an http(s) URL"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn a_redirect_loop_is_an_error_and_stores_nothing() {
    let s = Server::start();
    s.route(
        "/loop",
        Resp {
            status: 302,
            headers: vec![("Location", "/loop".to_string())],
            ..Resp::default()
        },
    );
    let dir = workspace("");
    let before = tree(dir.path());
    let r = ct(dir.path(), &["snapshot", "add", "a", &s.url("/loop")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(&s.url("/loop")) && r.stderr.contains("redirects"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn http_errors_are_reported_with_their_status() {
    let s = Server::start();
    s.route(
        "/gone",
        Resp {
            status: 404,
            ..Resp::default()
        },
    );
    s.route(
        "/broken",
        Resp {
            status: 500,
            ..Resp::default()
        },
    );
    s.route(
        "/busy",
        Resp {
            status: 429,
            headers: vec![("Retry-After", "120".to_string())],
            ..Resp::default()
        },
    );
    let dir = workspace("");
    for (path, want) in [
        ("/gone", "HTTP 404".to_string()),
        ("/broken", "HTTP 500".to_string()),
        (
            "/busy",
            "HTTP 429 (the server asks to retry after 120)".to_string(),
        ),
    ] {
        let before = tree(dir.path());
        let r = ct(dir.path(), &["snapshot", "add", "a", &s.url(path)]);
        assert_eq!(r.code, 2, "{path}");
        assert_eq!(
            r.stderr.trim(),
            format!("claimtrail: error: {}: {want}", s.url(path))
        );
        assert_eq!(tree(dir.path()), before);
    }
}

#[test]
fn a_slow_server_times_out() {
    let s = Server::start();
    s.route(
        "/slow",
        Resp {
            delay: Some(Duration::from_secs(10)),
            ..html(page("Late", &[P1]))
        },
    );
    let dir = workspace("");
    let t = Instant::now();
    let r = ct(dir.path(), &["text", &s.url("/slow")]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("timed out"), "{}", r.stderr);
    assert!(t.elapsed() < Duration::from_secs(5), "{:?}", t.elapsed());
}

#[test]
fn an_endless_body_stops_at_the_size_cap() {
    let s = Server::start();
    s.route(
        "/endless",
        Resp {
            endless: true,
            ..html("")
        },
    );
    let dir = workspace("max_bytes = 100000\n");
    let r = ct(dir.path(), &["text", &s.url("/endless")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("over the size limit of 100000 bytes"),
        "{}",
        r.stderr
    );
}

#[test]
fn gzip_and_latin1_pages_over_http() {
    let s = Server::start();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(page("Budget passes", &[P1, P2]).as_bytes())
        .unwrap();
    s.route(
        "/gz",
        Resp {
            headers: vec![
                ("Content-Type", "text/html".to_string()),
                ("Content-Encoding", "gzip".to_string()),
            ],
            ..html(gz.finish().unwrap())
        },
    );
    // Latin-1 declared only by the HTTP header.
    let latin1: Vec<u8> = page(
        "Café closes",
        &["The café on the quay said it will close in June."],
    )
    .chars()
    .map(|c| u8::try_from(u32::from(c)).unwrap())
    .collect();
    s.route("/latin1", ok("text/html; charset=ISO-8859-1", latin1));
    s.route("/pdf", ok("application/pdf", b"%PDF-1.4 ...".to_vec()));
    let dir = workspace("");
    let r = ct(dir.path(), &["text", &s.url("/gz")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("Budget passes\n\n{P1}\n\n{P2}\n"));
    assert!(s.requests("/gz")[0].headers["accept-encoding"].contains("gzip"));
    let r = ct(dir.path(), &["text", &s.url("/latin1")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("The café on the quay"), "{}", r.stdout);
    let before = tree(dir.path());
    let r = ct(dir.path(), &["snapshot", "add", "doc", &s.url("/pdf")]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("the content type is application/pdf, not an HTML page or text"),
        "{}",
        r.stderr
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn snapshot_add_url_then_fetch_watches_the_page() {
    let s = Server::start();
    let v1 = page("Budget passes", &[P1, P2, P3]);
    s.route(
        "/budget",
        Resp {
            headers: vec![
                ("Content-Type", "text/html; charset=utf-8".to_string()),
                ("ETag", "\"v1\"".to_string()),
                ("Last-Modified", "Mon, 03 Mar 2025 10:00:00 GMT".to_string()),
            ],
            ..html(v1.clone())
        },
    );
    let dir = workspace("");
    let d = dir.path();
    let url = s.url("/budget");
    let r = ct(
        d,
        &[
            "snapshot",
            "add",
            "budget",
            &url,
            "--header",
            "Cookie: session=abc",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(s.requests("/budget")[0].headers["cookie"], "session=abc");
    let m: serde_json::Value =
        serde_json::from_slice(&fs::read(d.join("snapshots/budget/manifest.json")).unwrap())
            .unwrap();
    let rev = &m["revisions"][0];
    assert_eq!(rev["source_url"], url);
    let c = &rev["capture"];
    assert_eq!(c["url"], url);
    assert_eq!(c["final_url"], url);
    assert_eq!(c["http_status"], 200);
    assert_eq!(c["fetched_at"], "2024-05-16T08:00:00Z");
    assert_eq!(c["etag"], "\"v1\"");
    assert_eq!(c["last_modified"], "Mon, 03 Mar 2025 10:00:00 GMT");
    assert_eq!(c["content_type"], "text/html");
    assert_eq!(c["extractor"]["name"], "claimtrail-html");
    assert_eq!(c["bytes"], v1.len());
    let raw_path = d.join("snapshots/budget").join(c["file"].as_str().unwrap());
    assert_eq!(gunzip(&fs::read(&raw_path).unwrap()), v1.as_bytes());
    assert_eq!(ct(d, &["extract", "budget"]).code, 0);
    assert_eq!(ct(d, &["check"]).code, 0);

    // Unchanged: a conditional request, answered 304; nothing written.
    let before = tree(d);
    let r = ct(d, &["fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        "budget: unchanged (HTTP 304 not modified)\n0 revisions stored, 1 unchanged, 0 failed\n"
    );
    assert_eq!(s.requests("/budget")[1].headers["if-none-match"], "\"v1\"");
    assert_eq!(tree(d), before);

    // The same text under a new ETag (a new ad, say): still unchanged, nothing written.
    s.route(
        "/budget",
        Resp {
            headers: vec![("ETag", "\"v1b\"".to_string())],
            ..html(v1.replace("Copyright", "Copyright (c)"))
        },
    );
    let r = ct(d, &["fetch", "--exit-code"]);
    assert_eq!(
        (r.code, r.stdout.lines().next()),
        (0, Some("budget: unchanged"))
    );
    assert_eq!(tree(d), before);
    // The next fetch asks with the new ETag (not the capture's stale one), so the server can
    // answer 304 instead of sending the page again.
    let r = ct(d, &["fetch"]);
    assert_eq!(
        r.stdout.lines().next(),
        Some("budget: unchanged (HTTP 304 not modified)"),
        "{}",
        r.stderr
    );
    let asked = s.requests("/budget");
    assert_eq!(asked.len(), 4);
    assert_eq!(asked[3].headers["if-none-match"], "\"v1b\"");
    assert_eq!(tree(d), before);

    // Changed: a new revision, and the diff shows the change.
    s.route(
        "/budget",
        html(page(
            "Budget passes",
            &[P1, &P2.replace("4 percent", "6 percent"), P3],
        )),
    );
    let r = ct(d, &["fetch", "--exit-code"]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout.lines().next(),
        Some(format!("budget: stored r2 from {url}").as_str())
    );
    let r = ct(d, &["diff", "budget", "--format", "json"]);
    assert!(r.stdout.contains("figure-changed"), "{}", r.stdout);

    // check verifies the raw capture like the text.
    assert_eq!(ct(d, &["extract", "budget"]).code, 0);
    assert_eq!(ct(d, &["check"]).code, 0);
    let mut raw = fs::read(&raw_path).unwrap();
    let n = raw.len();
    raw.truncate(n - 8);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(b"<html>forged</html>").unwrap();
    fs::write(&raw_path, gz.finish().unwrap()).unwrap();
    let r = ct(d, &["check"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("capture-hash-mismatch"), "{}", r.stdout);
}

#[test]
fn one_failed_fetch_does_not_stop_the_others() {
    let s = Server::start();
    s.route("/a", html(page("Budget passes", &[P1, P2])));
    s.route("/b", html(page("Schools", &[P3])));
    let dir = workspace("");
    let d = dir.path();
    assert_eq!(ct(d, &["snapshot", "add", "a", &s.url("/a")]).code, 0);
    assert_eq!(ct(d, &["snapshot", "add", "b", &s.url("/b")]).code, 0);
    s.route(
        "/a",
        Resp {
            status: 500,
            ..Resp::default()
        },
    );
    s.route("/b", html(page("Schools", &[P3, P1])));
    let r = ct(d, &["fetch"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert_eq!(
        r.stdout,
        format!(
            "a: failed: HTTP 500\nb: stored r2 from {}\n1 revision stored, 0 unchanged, 1 failed\n",
            s.url("/b")
        )
    );
    // A named article without a URL is a failure too; a plain-text article is never fetched.
    fs::write(d.join("t.txt"), "Plain words.\n").unwrap();
    assert_eq!(ct(d, &["snapshot", "add", "plain", "t.txt"]).code, 0);
    let r = ct(d, &["snapshot", "reread", "plain"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("has no raw capture"), "{}", r.stderr);
    let r = ct(d, &["fetch", "plain"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stdout
            .contains("plain: failed: its latest revision has no URL"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_feed_starts_tracking_its_articles() {
    let s = Server::start();
    s.route(
        "/world/2025/budget-passes.html",
        html(page("Budget passes", &[P1, P2])),
    );
    s.route("/world/2025/schools", html(page("Schools", &[P3])));
    let rss = format!(
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>World</title>\
         <item><title>Budget</title><link>{}</link></item>\
         <item><title>Schools</title><link>{}</link></item></channel></rss>",
        s.url("/world/2025/budget-passes.html"),
        s.url("/world/2025/schools")
    );
    s.route("/feed.xml", ok("application/rss+xml", rss));
    let dir = workspace("");
    let d = dir.path();
    let r = ct(d, &["fetch", "--feed", &s.url("/feed.xml")]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert_eq!(
        r.stdout,
        format!(
            "world-2025-budget-passes: stored r1 from {}\nworld-2025-schools: stored r1 from {}\n2 revisions stored, 0 unchanged, 0 failed\n",
            s.url("/world/2025/budget-passes.html"),
            s.url("/world/2025/schools")
        )
    );
    // The next run re-fetches them as tracked articles; nothing is new.
    let r = ct(d, &["fetch", "--feed", &s.url("/feed.xml")]);
    assert_eq!(r.code, 0);
    assert!(
        r.stdout
            .ends_with("0 revisions stored, 2 unchanged, 0 failed\n"),
        "{}",
        r.stdout
    );
    // A feed that is not a feed is a failure.
    s.route("/notfeed", html(page("x", &[P1])));
    let r = ct(d, &["fetch", "--feed", &s.url("/notfeed")]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("not an RSS or Atom feed"), "{}", r.stdout);
}

/// `text --format json` and `fetch --format json` are contracts: read back through mirror types
/// that reject unknown fields.
#[test]
fn text_and_fetch_json_match_their_contracts() {
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct TextDoc {
        version: u32,
        url: Option<String>,
        title: Option<String>,
        byline: Option<String>,
        published: Option<String>,
        language: Option<String>,
        text: String,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct FetchArticle {
        article: String,
        url: String,
        outcome: String,
        revision: Option<String>,
        message: Option<String>,
    }
    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct FetchDoc {
        version: u32,
        articles: Vec<FetchArticle>,
    }
    let s = Server::start();
    s.route("/a", html(page("Budget passes", &[P1])));
    let dir = workspace("");
    let d = dir.path();
    let r = ct(d, &["text", &s.url("/a"), "--format", "json"]);
    let t: TextDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (t.version, t.url.as_deref()),
        (1, Some(s.url("/a").as_str()))
    );
    assert_eq!(t.language.as_deref(), Some("en"));
    assert_eq!(t.byline, None);
    let r = common::ct_stdin(d, &["text", "-", "--format", "json"], b"Plain words.\n");
    let t: TextDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        (t.url, t.title, t.text.as_str()),
        (None, None, "Plain words.\n")
    );
    assert_eq!(ct(d, &["snapshot", "add", "a", &s.url("/a")]).code, 0);
    s.route("/a", html(page("Budget passes", &[P1, P2])));
    let r = ct(d, &["fetch", "--format", "json"]);
    let f: FetchDoc = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(f.version, 1);
    assert_eq!(f.articles.len(), 1);
    assert_eq!(
        (
            f.articles[0].outcome.as_str(),
            f.articles[0].revision.as_deref()
        ),
        ("stored", Some("r2"))
    );
}

#[test]
fn fetch_sends_one_request_at_a_time_to_a_host() {
    let s = Server::start();
    let dir = workspace("parallel = 4\n");
    let d = dir.path();
    for name in ["a", "b", "c"] {
        s.route(&format!("/{name}"), html(page(name, &[P1])));
        assert_eq!(
            ct(d, &["snapshot", "add", name, &s.url(&format!("/{name}"))]).code,
            0
        );
        s.route(
            &format!("/{name}"),
            Resp {
                delay: Some(Duration::from_millis(150)),
                ..html(page(name, &[P1, P2]))
            },
        );
    }
    *s.load.lock().unwrap() = (0, 0);
    let r = ct(d, &["fetch"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .ends_with("3 revisions stored, 0 unchanged, 0 failed\n"),
        "{}",
        r.stdout
    );
    assert_eq!(
        s.load.lock().unwrap().1,
        1,
        "two requests reached one host at once"
    );
}
