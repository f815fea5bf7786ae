//! A static file server on 127.0.0.1 (ephemeral port) that serves a directory under a
//! sub-path, like GitHub Pages serves a project site under `/<repository>/`.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::thread;

pub struct StaticServer {
    pub port: u16,
    pub public_path: String,
}

impl StaticServer {
    /// Starts serving `root` at `http://127.0.0.1:<port><public_path>`. The server
    /// thread lives as long as the test process.
    pub fn start(root: PathBuf, public_path: &str) -> std::io::Result<StaticServer> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let port = listener.local_addr()?.port();
        let prefix = public_path.to_string();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let root = root.clone();
                let prefix = prefix.clone();
                thread::spawn(move || {
                    let _ = handle(stream, &root, &prefix);
                });
            }
        });
        Ok(StaticServer {
            port,
            public_path: public_path.to_string(),
        })
    }

    pub fn url(&self, rest: &str) -> String {
        format!("http://127.0.0.1:{}{}{}", self.port, self.public_path, rest)
    }

    /// A page that shows the app at `hash` in a 375×812 iframe: headless Firefox will
    /// not make a window narrower than about 500 px, but an iframe gets a real phone
    /// viewport (its media queries see 375 px).
    pub fn phone_url(&self, hash: &str) -> String {
        let encoded: String = hash
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        format!(
            "http://127.0.0.1:{}{PHONE_FRAME_PATH}?hash={encoded}",
            self.port
        )
    }
}

pub const PHONE_FRAME_PATH: &str = "/e2e-phone.html";
pub const PHONE_WIDTH: u32 = 375;
pub const PHONE_HEIGHT: u32 = 812;

fn phone_frame_page(prefix: &str) -> String {
    format!(
        "<!doctype html><html><head><meta charset=utf-8><title>phone</title></head>\
         <body style=\"margin:0;background:#888\">\
         <iframe id=phone style=\"width:{PHONE_WIDTH}px;height:{PHONE_HEIGHT}px;border:0;display:block\"></iframe>\
         <script>document.getElementById('phone').src = '{prefix}' + \
         decodeURIComponent(new URLSearchParams(location.search).get('hash') || '');</script>\
         </body></html>"
    )
}

fn handle(mut stream: TcpStream, root: &Path, prefix: &str) -> std::io::Result<()> {
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; the server needs none of them.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            405,
            "text/plain",
            b"method not allowed",
            method == "HEAD",
        );
    }
    if path == PHONE_FRAME_PATH {
        let page = phone_frame_page(prefix);
        return respond(
            &mut stream,
            200,
            "text/html; charset=utf-8",
            page.as_bytes(),
            method == "HEAD",
        );
    }
    if path == prefix.trim_end_matches('/') {
        let head = format!(
            "HTTP/1.1 301 Moved Permanently\r\nLocation: {prefix}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return stream.write_all(head.as_bytes());
    }
    let Some(rest) = path.strip_prefix(prefix) else {
        return respond(
            &mut stream,
            404,
            "text/plain",
            b"not under the public path",
            method == "HEAD",
        );
    };
    let mut file = root.to_path_buf();
    for part in rest.split('/').filter(|p| !p.is_empty()) {
        let part = Path::new(part);
        // Only plain names: no "..", no absolute paths.
        if part.components().count() != 1
            || !matches!(part.components().next(), Some(Component::Normal(_)))
        {
            return respond(
                &mut stream,
                400,
                "text/plain",
                b"bad path",
                method == "HEAD",
            );
        }
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => respond(
            &mut stream,
            200,
            content_type(&file),
            &body,
            method == "HEAD",
        ),
        Err(_) => respond(
            &mut stream,
            404,
            "text/plain",
            b"not found",
            method == "HEAD",
        ),
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        // Without this type, WebAssembly.instantiateStreaming refuses the module.
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "json" => "application/json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(
    stream: &mut TcpStream,
    status: u16,
    kind: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Error",
    };
    let head = format!(
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}
