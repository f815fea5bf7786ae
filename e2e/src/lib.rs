//! The e2e rig: a static file server that serves the release build under a sub-path
//! (as GitHub Pages does), and a small WebDriver client that drives headless Firefox
//! through geckodriver.
//!
//! The WebDriver protocol is JSON over HTTP; the few commands the suite needs are
//! written here over `std::net` rather than pulling in an async HTTP and TLS stack
//! (fantoccini, thirtyfour) to talk to a process on localhost.

pub mod pages;
pub mod server;
pub mod webdriver;

use std::path::PathBuf;
use std::sync::OnceLock;

use server::StaticServer;

/// Where the release build is (`E2E_DIST`, default `../dist`) and the sub-path it was
/// built for (`E2E_PUBLIC_PATH`, default `/wasm-playground/`).
pub fn site_from_env() -> (PathBuf, String) {
    let dist = std::env::var("E2E_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../dist"));
    let mut public =
        std::env::var("E2E_PUBLIC_PATH").unwrap_or_else(|_| "/wasm-playground/".into());
    if !public.ends_with('/') {
        public.push('/');
    }
    (dist, public)
}

/// Where screenshots go: `target/e2e/` of the workspace.
pub fn screenshot_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/e2e")
}

/// The one static server of a test binary, serving the release build (`site_from_env`).
pub fn shared_server() -> &'static StaticServer {
    static SERVER: OnceLock<StaticServer> = OnceLock::new();
    SERVER.get_or_init(|| {
        let (dist, public) = site_from_env();
        assert!(
            dist.join("index.html").exists(),
            "no release build at {} — run `./dev build --public-url {public}` first",
            dist.display()
        );
        StaticServer::start(dist, &public).expect("start the static server")
    })
}
