//! The Image tab in the release build, in headless Firefox: it loads, a picked sample
//! applies, a filter applies (the pixels change), and the before/after split is there.

use wasm_playground_e2e::shared_server as server;

use std::time::Duration;

use wasm_playground_e2e::screenshot_dir;
use wasm_playground_e2e::webdriver::Browser;

const WAIT: Duration = Duration::from_secs(30);

/// A cheap fingerprint of the "after" canvas: the sum of a strided sample of its bytes.
const FINGERPRINT: &str = "const c = document.getElementById('image-after');
    if (!c || c.width === 0) return null;
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let s = 0; for (let i = 0; i < d.length; i += 97) s += d[i];
    return [c.width, c.height, s];";

#[test]
fn image_tab_generates_a_sample_applies_a_filter_and_shows_the_split() {
    let b = Browser::start(1280, 900).unwrap();
    b.goto(&server().url("#/image")).unwrap();
    b.wait_for(
        "the Image panel",
        "const h = document.querySelector('[role=tabpanel] h2'); return h && h.textContent.includes('Image');",
        WAIT,
    )
    .unwrap();
    b.wait_for(
        "the first pipeline run",
        "const s = document.getElementById('image-status'); return s && s.textContent.includes('applied');",
        WAIT,
    )
    .unwrap();

    // Pick a 640×360 gradient: picking applies it.
    b.exec(
        "const s = document.getElementById('image-sample'); s.selectedIndex = 1; s.dispatchEvent(new Event('change', {bubbles: true}));
         const z = document.getElementById('image-size'); z.selectedIndex = 0; z.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .unwrap();
    b.wait_for(
        "the gradient sample",
        "const i = document.getElementById('image-info'); return i && i.textContent.includes('Gradient — 640×360');",
        WAIT,
    )
    .unwrap();
    let before = b
        .wait_for(
            "the gradient drawn",
            &format!(
                "const f = (() => {{ {FINGERPRINT} }})(); return f && f[0] === 640 ? f : null;"
            ),
            WAIT,
        )
        .unwrap();

    // Add Invert (catalogue index 1): the pixels change.
    b.exec(
        "const s = document.getElementById('image-add-kind'); s.selectedIndex = 1; s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .unwrap();
    b.click("#image-add").unwrap();
    b.wait_for(
        "two filters applied",
        "const s = document.getElementById('image-status'); return s && s.textContent.includes('2 filters applied');",
        WAIT,
    )
    .unwrap();
    let after = b.exec(FINGERPRINT, vec![]).unwrap();
    assert_eq!(after[0], before[0]);
    assert_ne!(after[2], before[2], "the filter changed the pixels");

    // The split view: both canvases and a keyboard slider.
    let split = b
        .exec(
            "const d = document.getElementById('image-divider');
             return !!document.getElementById('image-before') && d.getAttribute('role') + ':' + d.getAttribute('aria-valuenow');",
            vec![],
        )
        .unwrap();
    assert_eq!(split, "slider:50");
    let _ = std::fs::create_dir_all(screenshot_dir());
    let _ = b.screenshot(&screenshot_dir().join("image-filtered.png"));
}

#[test]
fn a_pasted_image_is_loaded_and_chromium_logs_nothing() {
    use wasm_playground_e2e::webdriver::Kind;
    if !wasm_playground_e2e::webdriver::chromium_available() {
        return;
    }
    let b = Browser::start_kind(Kind::Chromium, 1280, 900).unwrap();
    b.goto(&server().url("#/image")).unwrap();
    b.wait_for(
        "the first pipeline run",
        "const s = document.getElementById('image-status'); return s && s.textContent.includes('applied');",
        WAIT,
    )
    .unwrap();
    // A paste of an image anywhere on the page: the tab takes it (cancels the event,
    // which a passive listener cannot do: Chromium then logs an error for every paste).
    let taken = b
        .exec(
            r#"const dt = new DataTransfer();
               const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="3" height="2"><rect width="3" height="2" fill="red"/></svg>';
               dt.items.add(new File([svg], 'pasted.svg', { type: 'image/svg+xml' }));
               const e = new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true });
               document.body.dispatchEvent(e);
               return e.defaultPrevented;"#,
            vec![],
        )
        .unwrap();
    assert_eq!(taken, serde_json::json!(true), "the paste was not taken");
    b.wait_text("#image-info", "pasted.svg — 3×2 px", WAIT);
    // Another sample, so the canvases are drawn (and read) again.
    b.exec(
        "const s = document.getElementById('image-sample'); s.selectedIndex = 2; s.dispatchEvent(new Event('change', {bubbles: true}));",
        vec![],
    )
    .unwrap();
    b.wait_for(
        "the sample's pipeline run",
        "const s = document.getElementById('image-status'); return s && s.textContent.includes('applied');",
        WAIT,
    )
    .unwrap();
    std::thread::sleep(Duration::from_secs(1));
    let log = b.console_log().unwrap();
    let noise: Vec<_> = log
        .iter()
        .filter(|(level, text)| {
            level == "SEVERE" || text.contains("willReadFrequently") || text.contains("passive")
        })
        .collect();
    assert!(noise.is_empty(), "the console says {noise:#?}");
}
