//! The headless benchmark run (`./dev bench`): the Bench tab's whole suite against the
//! release build, in headless Firefox and, when chromedriver is installed, Chromium.
//! Writes target/bench/report.json (Firefox), report-chromium.json, and report.md.
//! A benchmark, not a test: it is `#[ignore]`d so the test command never runs it.

use std::time::Duration;

use wasm_playground::lab::report::Report;
use wasm_playground_e2e::server::StaticServer;
use wasm_playground_e2e::site_from_env;
use wasm_playground_e2e::webdriver::{Browser, Kind};

fn run_suite(server: &StaticServer, kind: Kind) -> Result<Report, String> {
    let b = Browser::start_kind(kind, 1280, 900)?;
    // BENCH_GROUPS=vdom,image (`./dev bench vdom image`) runs only those groups.
    let groups = std::env::var("BENCH_GROUPS").unwrap_or_default();
    let query = if groups.is_empty() {
        String::new()
    } else {
        format!("&groups={groups}")
    };
    b.goto(&server.url(&format!("#/bench?autorun=1{query}")))?;
    let text = b.wait_for(
        "the benchmark report",
        "const r = document.getElementById('bench-report-json'); return r ? r.textContent : null;",
        Duration::from_secs(1800),
    )?;
    Report::from_json(text.as_str().ok_or("report is not text")?)
}

#[test]
#[ignore = "a benchmark, run by ./dev bench"]
fn headless_benchmark_report() {
    let (dist, public) = site_from_env();
    let server = StaticServer::start(dist, &public).expect("static server");
    let out_dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench");
    std::fs::create_dir_all(&out_dir).expect("target/bench");
    let mut md = String::from("# wasm-playground benchmark report\n\n");

    let firefox = run_suite(&server, Kind::Firefox).expect("the suite runs in Firefox");
    std::fs::write(out_dir.join("report.json"), firefox.to_json()).unwrap();
    md.push_str(&firefox.to_markdown());

    if wasm_playground_e2e::webdriver::chromium_available() {
        match run_suite(&server, Kind::Chromium) {
            Ok(chromium) => {
                std::fs::write(out_dir.join("report-chromium.json"), chromium.to_json()).unwrap();
                md.push('\n');
                md.push_str(&chromium.to_markdown());
            }
            Err(e) => md.push_str(&format!("\nChromium run failed: {e}\n")),
        }
    } else {
        md.push_str("\nChromium skipped: chromedriver is not installed (apt-get install chromium-driver).\n");
    }
    std::fs::write(out_dir.join("report.md"), &md).unwrap();
    println!("{md}");
    println!("wrote {}", out_dir.display());
}

/// For every row of the chart: the name, the bar and the verdict must not overlap, and
/// the verdict must read as the table's comparison for the same case.
const CHART_PROBLEMS: &str = r#"
const problems = [];
const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const rows = [...document.querySelectorAll('.chart-row')];
for (const row of rows) {
  const name = row.querySelector('.chart-name').getBoundingClientRect();
  const bar = row.querySelector('.chart-bar').getBoundingClientRect();
  const verdict = row.querySelector('.chart-verdict');
  const v = verdict.getBoundingClientRect();
  if (overlap(bar, v)) problems.push(row.dataset.case + ': the verdict lies over the bar');
  if (overlap(bar, name)) problems.push(row.dataset.case + ': the name lies over the bar');
  if (v.right > document.documentElement.clientWidth + 1) problems.push(row.dataset.case + ': the verdict sticks out');
  const cell = document.querySelector(`tr[data-case="${row.dataset.case}"] .ratio-verdict`);
  if (!cell || cell.textContent !== verdict.textContent)
    problems.push(row.dataset.case + ': chart says ' + verdict.textContent + ', table says ' + (cell && cell.textContent));
}
return { rows: rows.length, problems };
"#;

#[test]
fn the_chart_reads_like_the_table_and_no_label_lies_over_a_bar() {
    let server = wasm_playground_e2e::shared_server();
    let b = Browser::start(1280, 900).unwrap();
    for phone in [false, true] {
        let hash = "#/bench?autorun=1&groups=memory";
        let url = if phone {
            server.phone_url(hash)
        } else {
            server.url(hash)
        };
        wasm_playground_e2e::pages::open(&b, &url, "bench", "light", phone).unwrap();
        b.wait_for_element("#bench-report-json", Duration::from_secs(120))
            .unwrap();
        let seen = b.exec(CHART_PROBLEMS, vec![]).unwrap();
        assert_eq!(seen["rows"], serde_json::json!(1), "{seen}");
        assert_eq!(
            seen["problems"],
            serde_json::json!([]),
            "phone {phone}: {seen}"
        );
        let name = if phone {
            "bench-chart-375.png"
        } else {
            "bench-chart-1280.png"
        };
        b.exec(
            "document.getElementById('bench-chart').scrollIntoView()",
            vec![],
        )
        .unwrap();
        b.screenshot(&wasm_playground_e2e::screenshot_dir().join(name))
            .unwrap();
        b.assert_no_error_banner();
    }
}
