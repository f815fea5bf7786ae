//! A minimal WebDriver (W3C) client for geckodriver: start it, open a headless Firefox
//! session, navigate, run scripts, click, resize, screenshot. Every call returns a
//! `Result` with the driver's own error message.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

pub type Result<T> = std::result::Result<T, String>;

/// Which browser (and driver) to run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Firefox,
    Chromium,
}

/// Whether chromedriver (`$CHROMEDRIVER`, else on PATH) can run. `./dev test` installs
/// it; a test that needs Chromium and is run by hand without it says so and is skipped.
pub fn chromium_available() -> bool {
    let chromedriver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into());
    let found = std::process::Command::new(&chromedriver)
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        eprintln!("skipped: chromedriver is not installed (apt-get install chromium-driver)");
    }
    found
}

/// A driver process (geckodriver or chromedriver) and one browser session; both end
/// when this is dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

impl Browser {
    /// Starts geckodriver (`$GECKODRIVER` or `geckodriver` on PATH) and a headless
    /// Firefox session with the given window size.
    pub fn start(width: u32, height: u32) -> Result<Browser> {
        Browser::start_kind(Kind::Firefox, width, height)
    }

    /// Starts the driver for `kind` and a headless session of that browser.
    pub fn start_kind(kind: Kind, width: u32, height: u32) -> Result<Browser> {
        let port = free_port()?;
        let (program, args) = match kind {
            Kind::Firefox => (
                std::env::var("GECKODRIVER").unwrap_or_else(|_| "geckodriver".into()),
                vec![
                    "--port".to_string(),
                    port.to_string(),
                    "--host".into(),
                    "127.0.0.1".into(),
                    "--log".into(),
                    "error".into(),
                ],
            ),
            Kind::Chromium => (
                std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "chromedriver".into()),
                vec![format!("--port={port}"), "--allowed-ips=127.0.0.1".into()],
            ),
        };
        let driver = Command::new(&program)
            .args(&args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("could not start {program}: {e}"))?;
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while browser.request("GET", "/status", None).is_err() {
            if Instant::now() > deadline {
                return Err(format!("{program} did not answer within 20 s"));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let caps = match kind {
            Kind::Firefox => json!({
                "capabilities": { "alwaysMatch": {
                    "browserName": "firefox",
                    "moz:firefoxOptions": {
                        "args": ["-headless", &format!("--width={width}"), &format!("--height={height}")],
                        "prefs": { "ui.systemUsesDarkTheme": 0, "browser.shell.checkDefaultBrowser": false }
                    }
                }}
            }),
            Kind::Chromium => json!({
                "capabilities": { "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:loggingPrefs": { "browser": "ALL" },
                    "goog:chromeOptions": {
                        "binary": std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into()),
                        "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                                 "--disable-component-update", "--disable-sync", "--no-first-run",
                                 &format!("--window-size={width},{height}")]
                    }
                }}
            }),
        };
        let created = browser.request("POST", "/session", Some(caps))?;
        browser.session = created["sessionId"]
            .as_str()
            .ok_or_else(|| format!("no session id in {created}"))?
            .to_string();
        browser.set_window_size(width, height)?;
        Ok(browser)
    }

    fn cmd(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.request(method, &format!("/session/{}{}", self.session, path), body)
    }

    pub fn goto(&self, url: &str) -> Result<()> {
        self.cmd("POST", "/url", Some(json!({ "url": url })))
            .map(drop)
    }

    pub fn refresh(&self) -> Result<()> {
        self.cmd("POST", "/refresh", Some(json!({}))).map(drop)
    }

    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.cmd(
            "POST",
            "/window/rect",
            Some(json!({ "width": width, "height": height })),
        )
        .map(drop)
    }

    /// Runs `script` as the body of a function (use `return`); `arguments[i]` are `args`.
    pub fn exec(&self, script: &str, args: Vec<Value>) -> Result<Value> {
        self.cmd(
            "POST",
            "/execute/sync",
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Runs `script` as the body of an async function, which answers by calling its last
    /// argument with the value. Fails when it has not answered within `timeout` (for
    /// long in-page work, e.g. an accessibility audit of a whole page).
    pub fn exec_async(&self, script: &str, args: Vec<Value>, timeout: Duration) -> Result<Value> {
        let ms = timeout.as_millis() as u64;
        self.cmd("POST", "/timeouts", Some(json!({ "script": ms })))?;
        self.request_within(
            "POST",
            &format!("/session/{}/execute/async", self.session),
            Some(json!({ "script": script, "args": args })),
            timeout + Duration::from_secs(10),
        )
    }

    /// Polls `script` until it returns something truthy, or fails after `timeout`.
    pub fn wait_for(&self, what: &str, script: &str, timeout: Duration) -> Result<Value> {
        let deadline = Instant::now() + timeout;
        loop {
            let value = self.exec(script, vec![])?;
            let truthy = !matches!(value, Value::Null | Value::Bool(false))
                && value != json!("")
                && value != json!(0);
            if truthy {
                return Ok(value);
            }
            if Instant::now() > deadline {
                let state = self
                    .exec(
                        "return document.body ? document.body.innerText.slice(0, 400) : ''",
                        vec![],
                    )
                    .unwrap_or_default();
                return Err(format!("timed out waiting for {what}; page shows: {state}"));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Clicks the element matching a CSS selector, as a person would (WebDriver click
    /// scrolls it into view and fails if something covers it).
    pub fn click(&self, selector: &str) -> Result<()> {
        let id = self.find(selector)?;
        self.cmd("POST", &format!("/element/{id}/click"), Some(json!({})))
            .map(drop)
    }

    /// Runs the following commands inside the `index`-th frame of the page.
    pub fn enter_frame(&self, index: u32) -> Result<()> {
        self.cmd("POST", "/frame", Some(json!({ "id": index })))
            .map(drop)
    }

    /// Back to the top-level page.
    pub fn leave_frames(&self) -> Result<()> {
        self.cmd("POST", "/frame", Some(json!({ "id": null })))
            .map(drop)
    }

    fn find(&self, selector: &str) -> Result<String> {
        let found = self.cmd(
            "POST",
            "/element",
            Some(json!({ "using": "css selector", "value": selector })),
        )?;
        found
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("no element for {selector}"))
    }

    /// Types keys into the focused element (W3C key codes, e.g. "\u{E014}" = ArrowRight).
    pub fn send_keys_to_active(&self, keys: &str) -> Result<()> {
        let active = self.cmd("GET", "/element/active", None)?;
        let id = active
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(Value::as_str)
            .ok_or("no focused element")?
            .to_string();
        self.cmd(
            "POST",
            &format!("/element/{id}/value"),
            Some(json!({ "text": keys })),
        )
        .map(drop)
    }

    /// The text content of the first element matching `selector` ("" when none).
    pub fn text(&self, selector: &str) -> String {
        self.exec(
            "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
            vec![json!(selector)],
        )
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
    }

    /// Waits until an element matches `selector`.
    pub fn wait_for_element(&self, selector: &str, timeout: Duration) -> Result<()> {
        let script = format!("return !!document.querySelector({})", json!(selector));
        self.wait_for(selector, &script, timeout).map(drop)
    }

    /// Waits until the text of `selector` contains `needle`; panics on timeout, naming
    /// what the element shows instead.
    pub fn wait_text(&self, selector: &str, needle: &str, timeout: Duration) {
        let script = format!(
            "const e = document.querySelector({}); return !!e && e.textContent.includes({});",
            json!(selector),
            json!(needle)
        );
        if let Err(e) = self.wait_for(
            &format!("{selector} to contain {needle:?}"),
            &script,
            timeout,
        ) {
            panic!(
                "{selector} never contained {needle:?}: {e}; it has {:?}",
                self.text(selector)
            );
        }
    }

    /// Replaces what the field matching `selector` holds by typing `keys`, as a person
    /// does: focus it, select all, type.
    pub fn retype(&self, selector: &str, keys: &str) -> Result<()> {
        self.exec(
            "const e = document.querySelector(arguments[0]); e.focus(); e.select();",
            vec![json!(selector)],
        )?;
        self.send_keys_to_active(keys)
    }

    /// Panics when the panic banner or a boot failure message is on the page.
    pub fn assert_no_error_banner(&self) {
        assert!(
            !self.error_banner_shown().expect("the page answers"),
            "an error banner is showing"
        );
    }

    /// Whether the panic banner or a boot failure message is on the page.
    pub fn error_banner_shown(&self) -> Result<bool> {
        let shown = self.exec(
            "return !!document.getElementById('panic-banner') || !!document.querySelector('.boot-failed')",
            vec![],
        )?;
        Ok(shown == json!(true))
    }

    /// The console messages the page logged so far (Chromium only: geckodriver has no
    /// log endpoint), as (level, message).
    pub fn console_log(&self) -> Result<Vec<(String, String)>> {
        let entries = self.cmd("POST", "/se/log", Some(json!({ "type": "browser" })))?;
        Ok(entries
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|e| {
                        (
                            e["level"].as_str().unwrap_or("").to_string(),
                            e["message"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default())
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        save_png(self.cmd("GET", "/screenshot", None)?, path)
    }

    /// Saves a PNG of one element (e.g. the phone iframe).
    pub fn element_screenshot(&self, selector: &str, path: &Path) -> Result<()> {
        let id = self.find(selector)?;
        save_png(
            self.cmd("GET", &format!("/element/{id}/screenshot"), None)?,
            path,
        )
    }

    /// One HTTP/1.1 request to geckodriver; returns the `value` of the JSON answer.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value> {
        self.request_within(method, path, body, Duration::from_secs(60))
    }

    /// `request`, waiting at most `timeout` for the answer.
    fn request_within(
        &self,
        method: &str,
        path: &str,
        body: Option<Value>,
        timeout: Duration,
    ) -> Result<Value> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).map_err(|e| e.to_string())?;
        stream
            .set_read_timeout(Some(timeout))
            .map_err(|e| e.to_string())?;
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let head = format!(
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            self.port,
            body.len()
        );
        stream
            .write_all(head.as_bytes())
            .map_err(|e| e.to_string())?;
        stream
            .write_all(body.as_bytes())
            .map_err(|e| e.to_string())?;
        // Read until the body is complete: chromedriver keeps the connection open
        // despite `Connection: close`, so reading to EOF would wait for its timeout.
        let mut raw = Vec::new();
        let mut buf = [0u8; 64 * 1024];
        let (split, headers) = loop {
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                return Err("connection closed before the answer's headers".into());
            }
            raw.extend_from_slice(&buf[..n]);
            if let Some(split) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
                break (
                    split,
                    String::from_utf8_lossy(&raw[..split]).to_ascii_lowercase(),
                );
            }
        };
        let length = headers
            .lines()
            .find_map(|l| l.strip_prefix("content-length:"))
            .and_then(|v| v.trim().parse::<usize>().ok());
        loop {
            let have = raw.len() - (split + 4);
            let done = match length {
                Some(len) => have >= len,
                None => {
                    headers.contains("transfer-encoding: chunked") && raw.ends_with(b"0\r\n\r\n")
                }
            };
            if done {
                break;
            }
            let n = stream.read(&mut buf).map_err(|e| e.to_string())?;
            if n == 0 {
                break;
            }
            raw.extend_from_slice(&buf[..n]);
        }
        let mut payload = raw[split + 4..].to_vec();
        if let Some(len) = length {
            payload.truncate(len);
        }
        if headers.contains("transfer-encoding: chunked") {
            payload = dechunk(&payload).ok_or("malformed chunked answer")?;
        }
        let status_ok = headers.starts_with("http/1.1 2");
        let json: Value = serde_json::from_slice(&payload).map_err(|e| {
            format!(
                "geckodriver answered non-JSON ({e}): {}",
                String::from_utf8_lossy(&payload)
            )
        })?;
        let value = json.get("value").cloned().unwrap_or(Value::Null);
        if status_ok {
            Ok(value)
        } else {
            Err(format!(
                "{method} {path}: {} — {}",
                value["error"].as_str().unwrap_or("error"),
                value["message"].as_str().unwrap_or("")
            ))
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.request("DELETE", &format!("/session/{}", self.session), None);
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn save_png(data: Value, path: &Path) -> Result<()> {
    let b64 = data.as_str().ok_or("screenshot is not a string")?;
    let png = base64_decode(b64).ok_or("screenshot is not valid base64")?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    std::fs::write(path, png).map_err(|e| format!("writing {}: {e}", path.display()))
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

fn base64_decode(text: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some(u32::from(c - b'A')),
            b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
            b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let clean: Vec<u8> = text
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(clean.len() * 3 / 4);
    for chunk in clean.chunks(4) {
        let mut acc = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            acc |= value(*c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_known_values() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVsbG8h").unwrap(), b"hello!");
        assert_eq!(base64_decode("aA==").unwrap(), b"h");
        assert!(base64_decode("a$==").is_none());
    }

    #[test]
    fn dechunk_joins_chunks() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert!(dechunk(b"5\r\nab").is_none());
    }
}
