//! The files "Show the Rust" shows, read at run time. The build copies `src/lab` and
//! `src/web` next to the page under `source/` (the `copy-dir` links in index.html), so
//! the module does not carry hundreds of kilobytes of text that most visits never
//! open, and what is shown is still the repository file byte for byte.
//!
//! Each file is requested once per page, however many viewers show it: viewers that
//! open while the request is under way wait for the same answer. A failed request is
//! not remembered, so opening the viewer again (or "Try again") asks once more.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Where the build serves the shown files, relative to the page: a relative URL works
/// under any sub-path (GitHub Pages) and at the root (`trunk serve`).
pub const SERVED_DIR: &str = "source/";

/// Why a file could not be shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadError {
    /// The server answered, but not with the file (e.g. 404).
    Status(u16),
    /// No answer: offline, blocked, or the server is gone.
    Network,
    /// The answer's body could not be read as text.
    Body,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Status(code) => write!(f, "the server answered HTTP {code}"),
            LoadError::Network => f.write_str("the server could not be reached (offline?)"),
            LoadError::Body => f.write_str("the answer could not be read as text"),
        }
    }
}

impl std::error::Error for LoadError {}

pub type Loaded = Result<Rc<str>, LoadError>;
type Waiter = Box<dyn FnOnce(Loaded)>;

enum Entry {
    Loading(Vec<Waiter>),
    Ready(Rc<str>),
}

thread_local! {
    static FILES: RefCell<HashMap<String, Entry>> = RefCell::new(HashMap::new());
}

/// The text of `path` if an earlier request already brought it.
pub fn cached(path: &str) -> Option<Rc<str>> {
    FILES.with(|files| match files.borrow().get(path) {
        Some(Entry::Ready(text)) => Some(text.clone()),
        _ => None,
    })
}

/// Calls `done` with the text of the repository file `path` (e.g. `src/lab/compute.rs`):
/// at once when it is cached, otherwise when the one request for it ends.
pub fn load(path: &str, done: impl FnOnce(Loaded) + 'static) {
    let start = FILES.with(|files| {
        let mut files = files.borrow_mut();
        match files.get_mut(path) {
            Some(Entry::Ready(text)) => {
                let text = text.clone();
                // Outside the borrow: `done` may render, and rendering may ask again.
                Err(Some((text, Box::new(done) as Waiter)))
            }
            Some(Entry::Loading(waiters)) => {
                waiters.push(Box::new(done));
                Err(None)
            }
            None => {
                files.insert(path.to_owned(), Entry::Loading(vec![Box::new(done)]));
                Ok(())
            }
        }
    });
    match start {
        Ok(()) => {
            let path = path.to_owned();
            wasm_bindgen_futures::spawn_local(async move {
                let result = fetch_text(&served_url(&path)).await;
                finish(&path, result);
            });
        }
        Err(Some((text, done))) => done(Ok(text)),
        Err(None) => {}
    }
}

fn finish(path: &str, result: Loaded) {
    let waiters = FILES.with(|files| {
        let mut files = files.borrow_mut();
        let waiters = match files.remove(path) {
            Some(Entry::Loading(waiters)) => waiters,
            Some(ready @ Entry::Ready(_)) => {
                files.insert(path.to_owned(), ready);
                Vec::new()
            }
            None => Vec::new(),
        };
        if let Ok(text) = &result {
            files.insert(path.to_owned(), Entry::Ready(text.clone()));
        }
        waiters
    });
    for done in waiters {
        done(result.clone());
    }
}

async fn fetch_text(url: &str) -> Loaded {
    let window = web_sys::window().ok_or(LoadError::Network)?;
    let response = JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|_| LoadError::Network)?
        .dyn_into::<web_sys::Response>()
        .map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let body = response.text().map_err(|_| LoadError::Body)?;
    let text = JsFuture::from(body).await.map_err(|_| LoadError::Body)?;
    text.as_string().map(Rc::from).ok_or(LoadError::Body)
}

/// The URL of the served copy of `path`, relative to the page.
pub fn served_url(path: &str) -> String {
    format!("{SERVED_DIR}{path}")
}

/// Where a person can still read `path` when the page cannot show it: the file at the
/// very commit the page was built from, when the build ran on GitHub Actions (which
/// sets these variables), else the copy served next to the page.
pub fn reading_link(path: &str) -> String {
    match (
        option_env!("GITHUB_SERVER_URL"),
        option_env!("GITHUB_REPOSITORY"),
        option_env!("GITHUB_SHA"),
    ) {
        (Some(server), Some(repository), Some(sha))
            if !server.is_empty() && !repository.is_empty() && !sha.is_empty() =>
        {
            format!("{server}/{repository}/blob/{sha}/{path}")
        }
        _ => served_url(path),
    }
}

/// Whether `reading_link` points to the repository (else to the served copy).
pub fn links_to_repository() -> bool {
    !reading_link("").starts_with(SERVED_DIR)
}
