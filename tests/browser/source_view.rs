//! "Show the Rust" fetches its file when opened. Here the file is not served (the test
//! page has no copy of the sources), which is the offline case a person can meet.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use wasm_playground::app::widgets::SourceView;
use yew::prelude::*;

use crate::support::*;

const MISSING: &str = "src/lab/no-such-file.rs";

#[component]
fn TwoViewersOfAMissingFile() -> Html {
    html! {
        <>
            <SourceView path={MISSING} region="anything" />
            <SourceView path={MISSING} summary="The same file again" />
        </>
    }
}

// A local copy until the test-support module offers one.
async fn wait_for(what: &str, check: impl Fn() -> bool) {
    for _ in 0..200 {
        if check() {
            return;
        }
        yew::platform::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("timed out waiting for {what}");
}

fn requests_for(path: &str) -> usize {
    let performance = web_sys::window().unwrap().performance().unwrap();
    performance
        .get_entries_by_type("resource")
        .iter()
        .filter_map(|e| e.dyn_into::<web_sys::PerformanceEntry>().ok())
        .filter(|e| e.name().ends_with(path))
        .count()
}

#[wasm_bindgen_test]
async fn a_source_that_cannot_be_fetched_says_so_and_links_to_the_file() {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    let handle = yew::Renderer::<TwoViewersOfAMissingFile>::with_root(root.clone()).render();
    settle().await;

    let viewers = root.query_selector_all("details.source-view").unwrap();
    assert_eq!(viewers.length(), 2);
    assert!(
        root.query_selector(".source-loading, .source-error")
            .unwrap()
            .is_none(),
        "nothing is fetched before a viewer opens"
    );
    assert_eq!(requests_for(MISSING), 0);

    // Open both at once: they share one request.
    for i in 0..2 {
        let details: web_sys::Element = viewers.get(i).unwrap().dyn_into().unwrap();
        details.set_attribute("open", "").unwrap();
    }
    wait_for("both failure messages", || {
        root.query_selector_all(".source-error").unwrap().length() == 2
    })
    .await;
    assert_eq!(requests_for(MISSING), 1, "one request per file");

    let error = root.query_selector(".source-error").unwrap().unwrap();
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    let text = error.text_content().unwrap_or_default();
    assert!(
        text.contains("Could not load src/lab/no-such-file.rs") && text.contains("HTTP 404"),
        "{text}"
    );
    let link = error.query_selector("a").unwrap().unwrap();
    assert_eq!(
        link.get_attribute("href").unwrap(),
        wasm_playground::web::source::reading_link(MISSING)
    );
    assert!(
        link.get_attribute("href")
            .unwrap()
            .ends_with("src/lab/no-such-file.rs")
    );

    // A failure is not remembered: "try again" asks once more.
    let retry: web_sys::HtmlElement = error
        .query_selector("button")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    retry.click();
    wait_for("the second request", || requests_for(MISSING) == 2).await;
    wait_for("the message again", || {
        root.query_selector_all(".source-error").unwrap().length() == 2
    })
    .await;

    handle.destroy();
    root.remove();
}
