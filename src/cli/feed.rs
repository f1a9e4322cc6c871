//! `fetch --feed URL`: the feed's article links that the workspace does not track yet, each with
//! the id derived from its URL path.

use super::Env;
use super::input;
use crate::error::{Error, Result};
use crate::fetch::{FetchOptions, Validators};
use crate::store::Workspace;

/// New (article id, URL) pairs listed by the feed at `url`, in feed order.
pub(super) fn new_articles(
    _env: &Env,
    ws: &Workspace,
    url: &str,
    opts: &FetchOptions,
) -> Result<Vec<(String, String)>> {
    let page = input::fetch_url(url, opts, &Validators::default())?;
    let charset = page
        .content_type
        .as_deref()
        .and_then(crate::html::charset_param);
    let text = crate::html::decode(&page.body, charset.as_deref())
        .map_err(|e| Error::Page {
            origin: url.to_string(),
            message: e.to_string(),
        })?
        .text;
    let links = crate::feed::links(&text).map_err(|message| Error::Page {
        origin: url.to_string(),
        message,
    })?;
    let mut out: Vec<(String, String)> = Vec::new();
    for link in links {
        let Some(id) = crate::feed::article_id(&link) else {
            continue;
        };
        if ws.manifest_path(&id).exists() || out.iter().any(|(i, _)| *i == id) {
            continue;
        }
        out.push((id, link));
    }
    Ok(out)
}
