//! The Canvas tab in the release build: draw with synthetic pointer events, undo, reload,
//! and the drawing is back (localStorage).

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use serde_json::json;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(20);

/// Dispatches pointerdown, pointermove… and pointerup over the drawing canvas at these
/// drawing coordinates (the canvas shows 640×400 units).
const DRAW: &str = r#"
const c = document.getElementById('canvas-draw');
const r = c.getBoundingClientRect();
const pts = arguments[0];
const at = (type, p) => c.dispatchEvent(new PointerEvent(type, {
  bubbles: true, cancelable: true, pointerId: 3, pointerType: 'mouse', isPrimary: true,
  button: 0, buttons: type === 'pointerup' ? 0 : 1,
  clientX: r.left + p[0] * r.width / 640, clientY: r.top + p[1] * r.height / 400,
}));
at('pointerdown', pts[0]);
for (const p of pts.slice(1)) at('pointermove', p);
at('pointerup', pts[pts.length - 1]);
"#;

fn wait_count(b: &Browser, prefix: &str) {
    b.wait_for(
        &format!("the command count to read {prefix}"),
        &format!(
            "const e = document.getElementById('canvas-count'); return !!e && e.textContent.startsWith('{prefix}');"
        ),
        WAIT,
    )
    .unwrap();
}

#[test]
fn draw_undo_reload_and_the_drawing_is_back() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/canvas")).unwrap();
    b.wait_for_element("#canvas-draw", WAIT).unwrap();
    b.exec("localStorage.removeItem('wasm-playground:canvas')", vec![])
        .unwrap();
    b.refresh().unwrap();
    wait_count(&b, "0 commands");

    // Two pen strokes: 7 and 6 commands.
    b.exec(DRAW, vec![json!([[50, 50], [120, 80], [200, 60]])])
        .unwrap();
    wait_count(&b, "7 commands in 1 stroke");
    b.exec(DRAW, vec![json!([[300, 300], [400, 200]])]).unwrap();
    wait_count(&b, "13 commands in 2 strokes");

    b.click("#canvas-undo").unwrap();
    wait_count(&b, "7 commands in 1 stroke");

    b.refresh().unwrap();
    wait_count(&b, "7 commands in 1 stroke");
    // And it is painted again: the canvas has opaque pixels.
    let painted = b
        .exec(
            "const c = document.getElementById('canvas-draw'); \
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; \
             for (let i = 3; i < d.length; i += 4) if (d[i] > 0) return true; return false;",
            vec![],
        )
        .unwrap();
    assert_eq!(painted, json!(true));
    b.assert_no_error_banner();
}

#[test]
fn comparing_the_renderers_logs_no_read_back_warning_in_chromium() {
    use wasm_playground_e2e::webdriver::Kind;
    if !wasm_playground_e2e::webdriver::chromium_available() {
        return;
    }
    let b = Browser::start_kind(Kind::Chromium, 1280, 900).unwrap();
    b.goto(&server().url("#/canvas")).unwrap();
    b.wait_for_element("#canvas-draw", WAIT).unwrap();
    b.exec("localStorage.removeItem('wasm-playground:canvas')", vec![])
        .unwrap();
    b.refresh().unwrap();
    b.wait_for_element("#canvas-sample", WAIT).unwrap();
    b.click("#canvas-sample").unwrap();
    // Several comparisons, each reading both canvases back.
    for strokes in ["4 strokes", "3 strokes", "2 strokes"] {
        b.wait_text("#canvas-agreement", "agree", WAIT);
        b.click("#canvas-undo").unwrap();
        b.wait_text("#canvas-count", strokes, WAIT);
    }
    b.wait_text("#canvas-agreement", "agree", WAIT);
    let log = b.console_log().unwrap();
    let warnings: Vec<_> = log
        .iter()
        .filter(|(_, text)| text.contains("willReadFrequently"))
        .collect();
    assert!(warnings.is_empty(), "the console says {warnings:#?}");
}
