//! The Module tab in the release build under the sub-path, in headless Firefox: the
//! hello module served next to the page and loaded by the tutorial's snippet, a console
//! call typed like a person types it, this page's own module read by the reader, and
//! the tab wide and at phone width, light and dark (screenshots under target/e2e/).

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::pages;
use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::shared_server as server;
use wasm_playground_e2e::webdriver::Browser;

trait FrameExt {
    fn enter_frame_if(&self, phone: bool);
}

impl FrameExt for Browser {
    /// In the phone frame, scripts must run inside the frame's document.
    fn enter_frame_if(&self, phone: bool) {
        if phone {
            self.leave_frames().unwrap();
            self.enter_frame(0).unwrap();
        }
    }
}

const WAIT: Duration = Duration::from_secs(30);

/// The text of one row of the modules table, by its header.
fn compare_row(b: &Browser, header: &str) -> Vec<String> {
    let cells = b
        .exec(
            "const row = [...document.querySelectorAll('#module-compare tbody tr')]
               .find(r => r.querySelector('th').textContent === arguments[0]);
             return row ? [...row.querySelectorAll('td')].map(td => td.textContent) : [];",
            vec![json!(header)],
        )
        .unwrap();
    serde_json::from_value(cells).unwrap_or_default()
}

#[test]
fn the_snippet_runs_the_console_answers_and_the_page_reads_its_own_module() {
    let b = Browser::start(1280, 900).unwrap();
    pages::open(&b, &server().url("#/module"), "module", "light", false).unwrap();

    // The tutorial's snippet, served at hello/index.js under the sub-path, ran as written.
    b.wait_text("#snippet-result", "5", WAIT);
    assert_eq!(b.text("#snippet-result"), "5");
    b.wait_text("#call-log", "add(2, 3) = 5", WAIT);

    // A console call, typed and submitted with Enter.
    b.wait_text("#console-state", "Ready", WAIT);
    b.exec("document.getElementById('console-input').focus()", vec![])
        .unwrap();
    b.send_keys_to_active("add(2147483647, 1)\u{E007}").unwrap();
    b.wait_text("#console-entries", "-2147483648", WAIT);
    assert!(b.text("#console-entries").contains("i32 overflow"));
    b.send_keys_to_active("greet(\"Ferris\")\u{E007}").unwrap();
    b.wait_text("#console-entries", "\"Hello, Ferris!\"", WAIT);
    b.wait_text("#call-log", "Hello, Ferris!", WAIT);
    assert!(b.text("#call-log").contains("Rust → console.log"));

    // The reader on this page's own module: numbers, not "reading…".
    b.wait_text("#size-verdict", "This page's module is", WAIT);
    let functions = compare_row(&b, "Functions defined");
    assert_eq!(functions.len(), 3, "{functions:?}");
    let app_functions: usize = functions[1].replace(',', "").parse().unwrap();
    assert!(app_functions > 1000, "{functions:?}");
    // "(one slice)" for a small module, "(8 slices, longest 12.6 ms)" for the app's.
    b.wait_text("#module-compare", " slice", WAIT);
    b.wait_text("#module-compare", "Make-up", WAIT);
    b.wait_for(
        "every module's instructions decoded",
        "return [...document.querySelectorAll('#module-compare tbody tr')]
           .find(r => r.querySelector('th').textContent === 'Instructions decoded')
           .textContent.split(' slice').length === 4",
        WAIT,
    )
    .unwrap();
    eprintln!("outline: {:?}", compare_row(&b, "Outline read in"));
    eprintln!("decoded: {:?}", compare_row(&b, "Instructions decoded"));
    eprintln!("sizes: {:?}", compare_row(&b, "File size"));
    eprintln!("gzip: {:?}", compare_row(&b, "gzip (this browser)"));
    assert!(
        b.text("#engine-agreement").contains("The browser agrees"),
        "{}",
        b.text("#engine-agreement")
    );
    assert!(!b.error_banner_shown().unwrap());
}

/// Scrolls `selector` to the top of the (current) document.
fn scroll_to(b: &Browser, selector: &str) {
    b.exec(
        "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView({ block: 'start' });",
        vec![json!(selector)],
    )
    .unwrap();
    std::thread::sleep(Duration::from_millis(250));
}

#[test]
fn wide_and_phone_light_and_dark_with_screenshots() {
    let b = Browser::start(1280, 900).unwrap();
    let dir = screenshot_dir();
    let _ = std::fs::create_dir_all(&dir);
    let parts = [
        ("top", "body"),
        ("console", "#console-title"),
        ("hex", "#inside-title"),
        ("own", "#own-title"),
        ("fit", "#fit-title"),
    ];
    for phone in [false, true] {
        for theme in ["light", "dark"] {
            let url = if phone {
                server().phone_url("#/module")
            } else {
                server().url("#/module")
            };
            pages::open(&b, &url, "module", theme, phone).unwrap();
            b.wait_text("#snippet-result", "5", WAIT);
            b.wait_text("#size-verdict", "This page's module is", WAIT);
            b.wait_text("#engine-agreement", "The browser agrees", WAIT);
            let over = b
                .exec(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth",
                    vec![],
                )
                .unwrap();
            assert!(
                over.as_i64().unwrap_or(1) <= 0,
                "{theme} phone={phone}: the page is {over}px too wide"
            );
            let width = if phone { "375" } else { "1280" };
            for (name, selector) in parts {
                b.enter_frame_if(phone);
                scroll_to(&b, selector);
                let path = dir.join(format!("module-{width}-{theme}-{name}.png"));
                if phone {
                    b.leave_frames().unwrap();
                    b.element_screenshot("#phone", &path).unwrap();
                } else {
                    b.screenshot(&path).unwrap();
                }
            }
            b.enter_frame_if(phone);
            assert!(!b.error_banner_shown().unwrap());
        }
    }
}

/// "Measure every line" runs every case the table names in the release build, fills
/// every verdict, and the page keeps answering: the longest gap between two ticks of a
/// 10 ms timer while it runs is printed, and must stay near a second at most.
#[test]
fn measuring_every_line_fills_every_verdict() {
    let b = Browser::start(1280, 900).unwrap();
    pages::open(&b, &server().url("#/module"), "module", "light", false).unwrap();
    b.wait_text("#fit-run-all", "about", WAIT);
    // Let the tab's own loading (the reader on three modules) finish first.
    b.wait_text("#size-verdict", "This page's module is", WAIT);
    b.exec(
        "window.__gap = 0; let last = performance.now();
         window.__tick = setInterval(() => { const n = performance.now(); window.__gap = Math.max(window.__gap, n - last); last = n; }, 10);",
        vec![],
    )
    .unwrap();
    let t0 = std::time::Instant::now();
    b.click("#fit-run-all").unwrap();
    b.wait_for(
        "every line to be measured",
        "return !document.querySelector('.fit-progress progress') && !document.getElementById('fit-run-all').disabled",
        Duration::from_secs(300),
    )
    .unwrap();
    let took = t0.elapsed();
    let gap = b
        .exec("clearInterval(window.__tick); return window.__gap", vec![])
        .unwrap();
    let table = b.text("#fit-table");
    eprintln!("measured every line in {took:?}; longest gap {gap} ms");
    let lines = b
        .exec(
            "return [...document.querySelectorAll('#fit-table tbody tr')].map(r =>
               r.id + ': ' + ((r.querySelector('.took') || {}).textContent || '') + ' | ' +
               r.querySelector('.verdict').textContent)",
            vec![],
        )
        .unwrap();
    for line in lines.as_array().into_iter().flatten() {
        eprintln!("  {}", line.as_str().unwrap_or(""));
    }
    assert!(!table.contains("Not measured yet"), "{table}");
    assert!(!table.contains("no tab registers"), "{table}");
    assert!(table.contains("No evidence in this lab"), "{table}");
    assert!(
        gap.as_f64().unwrap_or(f64::MAX) < 1500.0,
        "the page froze for {gap} ms"
    );
}
