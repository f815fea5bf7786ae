//! Benchmark reports: the results of a WASM-vs-JavaScript run as JSON, CSV and a
//! Markdown table. The Bench tab exports them and the headless benchmark run
//! (`./dev bench`) writes them to `target/bench/`.
//!
//! In production, criterion writes reports like these for native code; browsers have no
//! such standard, so the format is ours: `{"browser", "version", "results": [{"name",
//! "wasm_ms", "js_ms", "runs"}]}` with names `<tab>/<case>/<size>`.

use serde::{Deserialize, Serialize};

use crate::lab::fmt;

/// One benchmark run in one browser: where it ran and a row per case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Browser name, e.g. `Firefox`.
    pub browser: String,
    /// Browser version, e.g. `153.0`.
    pub version: String,
    /// Extra facts about the machine: SIMD support, logical cores.
    #[serde(default)]
    pub simd: bool,
    /// Logical cores the browser reports (0 when the report does not say).
    #[serde(default)]
    pub cores: u32,
    /// One row per benchmark case.
    pub results: Vec<ResultRow>,
}

/// The timings of one benchmark case on both sides.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResultRow {
    /// `<tab>/<case>/<size>`, e.g. `image/grayscale/3840x2160`.
    pub name: String,
    /// Median per-iteration time of the WASM side, in milliseconds.
    pub wasm_ms: f64,
    /// Median per-iteration time of the JavaScript side, in milliseconds.
    pub js_ms: f64,
    /// Samples taken per side.
    pub runs: u32,
    /// What the case does, in words.
    #[serde(default)]
    pub label: String,
}

impl ResultRow {
    /// How many times faster WASM was (below 1: JavaScript was faster). Infinite or NaN
    /// times (a side too fast for the timer) give `None`.
    pub fn speedup(&self) -> Option<f64> {
        let r = self.js_ms / self.wasm_ms;
        (r.is_finite() && r > 0.0).then_some(r)
    }

    /// Who won, in the words of every other speed comparison in the app
    /// ([`crate::lab::fmt::speed_verdict`]): "WASM 2.3× faster", "JS 1.8× faster",
    /// "about the same".
    pub fn verdict(&self) -> String {
        fmt::speed_verdict(self.wasm_ms, self.js_ms)
    }
}

impl Report {
    /// The report as pretty-printed JSON, the export format (non-finite times become `null`).
    pub fn to_json(&self) -> String {
        // Non-finite numbers are not JSON; serde_json writes them as null, which the
        // reader of a report can handle, instead of failing the whole export.
        serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
    }

    /// Reads a JSON report back; the error says why the text is not one.
    pub fn from_json(text: &str) -> Result<Report, String> {
        serde_json::from_str(text).map_err(|e| format!("not a benchmark report: {e}"))
    }

    /// RFC 4180 CSV with a header row.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("name,label,wasm_ms,js_ms,speedup,runs,browser,version\r\n");
        for r in &self.results {
            let speedup = r.speedup().map(|s| format!("{s:.4}")).unwrap_or_default();
            let fields = [
                csv_field(&r.name),
                csv_field(&r.label),
                number(r.wasm_ms),
                number(r.js_ms),
                speedup,
                r.runs.to_string(),
                csv_field(&self.browser),
                csv_field(&self.version),
            ];
            out.push_str(&fields.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// The report as Markdown, a section per browser: a heading with the browser, a line
    /// with the machine facts, and a table whose last column says who won in the words
    /// the app uses everywhere ([`ResultRow::verdict`]). `./dev bench` writes it to
    /// `target/bench/report.md`; the README's tables are made from it.
    pub fn to_markdown(&self) -> String {
        let mut out = format!(
            "### {} {}\n\nSIMD: {} · logical cores: {}\n\n| case | WASM (median) | JS (median) | result |\n|---|---:|---:|---|\n",
            self.browser,
            self.version,
            if self.simd { "yes" } else { "no" },
            self.cores
        );
        for r in &self.results {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                r.name.replace('|', "\\|"),
                median(r.wasm_ms),
                median(r.js_ms),
                r.verdict()
            ));
        }
        out
    }
}

/// A median for the table: "< timer" for a side the clock did not see move (0 ms).
fn median(ms: f64) -> String {
    if ms == 0.0 {
        "< timer".into()
    } else {
        fmt::duration_ms(ms)
    }
}

/// The scale of the Bench tab's chart of speed-ups: logarithmic, 1× in the middle,
/// symmetric, wide enough for the largest ratio shown (at least 4× each way, at most
/// 1024×; a larger ratio reaches the edge and its label says how large it is).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RatioScale {
    /// log₂ of the ratio at either edge.
    extent: f64,
}

impl RatioScale {
    /// The scale for these rows (rows without a speed-up are ignored).
    pub fn for_rows(rows: &[ResultRow]) -> RatioScale {
        let extent = rows
            .iter()
            .filter_map(ResultRow::speedup)
            .map(|s| s.log2().abs())
            .fold(2.0_f64, f64::max)
            .min(10.0);
        RatioScale { extent }
    }

    /// The ratio at either edge of the chart (4×, 1024×, …).
    pub fn edge(&self) -> f64 {
        self.extent.exp2()
    }

    /// Where the bar of `speedup` lies, as (start, width) in percent of the chart's
    /// width: from the 1× line (50 %) rightwards when WASM was faster, leftwards when
    /// JavaScript was; at least 0.5 % wide so a tie still shows.
    pub fn bar(&self, speedup: f64) -> (f64, f64) {
        let x = if speedup.is_finite() && speedup > 0.0 {
            50.0 + speedup.log2().clamp(-self.extent, self.extent) / self.extent * 50.0
        } else {
            50.0
        };
        let (start, end) = if x >= 50.0 { (50.0, x) } else { (x, 50.0) };
        let width = (end - start).max(0.5);
        (start.min(100.0 - width), width)
    }
}

fn number(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else {
        String::new()
    }
}

/// Quotes a field when it holds a comma, quote or line break; doubles inner quotes.
/// A leading `=`, `+`, `-` or `@` is prefixed with `'` so spreadsheets do not run it
/// as a formula (CSV injection).
pub fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Report {
        Report {
            browser: "Firefox".into(),
            version: "153.0".into(),
            simd: true,
            cores: 2,
            results: vec![
                ResultRow {
                    name: "image/grayscale/3840x2160".into(),
                    wasm_ms: 4.0,
                    js_ms: 10.0,
                    runs: 7,
                    label: "grayscale".into(),
                },
                ResultRow {
                    name: "compute/fib, \"naive\"/n=25".into(),
                    wasm_ms: 2.0,
                    js_ms: 1.0,
                    runs: 15,
                    label: "=SUM(A1)".into(),
                },
                ResultRow {
                    name: "x/too-fast/1".into(),
                    wasm_ms: 0.0,
                    js_ms: 0.0,
                    runs: 3,
                    label: String::new(),
                },
            ],
        }
    }

    #[test]
    fn json_round_trips_and_has_the_documented_shape() {
        let r = sample();
        let text = r.to_json();
        assert_eq!(Report::from_json(&text).unwrap(), r);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(v["results"][0]["name"], "image/grayscale/3840x2160");
        assert_eq!(v["results"][0]["wasm_ms"], 4.0);
        assert_eq!(v["results"][0]["runs"], 7);
        assert!(Report::from_json("[]").is_err());
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let csv = sample().to_csv();
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert_eq!(
            lines[0],
            "name,label,wasm_ms,js_ms,speedup,runs,browser,version"
        );
        assert!(lines[1].starts_with("image/grayscale/3840x2160,grayscale,4,10,2.5000,7,"));
        assert!(
            lines[2].starts_with("\"compute/fib, \"\"naive\"\"/n=25\",'=SUM(A1),2,1,0.5000,15")
        );
        assert!(lines[3].starts_with("x/too-fast/1,,0,0,,3"), "{}", lines[3]);
    }

    #[test]
    fn the_chart_scale_is_symmetric_and_log() {
        let scale = RatioScale::for_rows(&sample().results);
        assert_eq!(scale.edge(), 4.0, "at least 4× each way");
        assert_eq!(scale.bar(1.0), (50.0, 0.5), "a tie still shows");
        assert_eq!(scale.bar(4.0), (50.0, 50.0));
        assert_eq!(scale.bar(0.25), (0.0, 50.0));
        assert_eq!(scale.bar(2.0), (50.0, 25.0));
        assert_eq!(scale.bar(1000.0), (50.0, 50.0), "clamped at the edge");
        assert_eq!(scale.bar(f64::NAN).1, 0.5);
        let mut wide = sample();
        wide.results[0].js_ms = 4.0 * 328_535.6;
        let scale = RatioScale::for_rows(&wide.results);
        assert_eq!(scale.edge(), 1024.0, "at most 1024×");
    }

    #[test]
    fn markdown_has_a_section_per_browser_and_marks_untimed_sides() {
        let md = sample().to_markdown();
        assert!(
            md.starts_with("### Firefox 153.0\n\nSIMD: yes · logical cores: 2\n"),
            "{md}"
        );
        assert!(
            md.contains("| `x/too-fast/1` | < timer | < timer | too fast to time |"),
            "{md}"
        );
        assert!(
            md.contains("| `compute/fib, \"naive\"/n=25` | 2.00 ms | 1.00 ms | JS 2.0× faster |"),
            "{md}"
        );
    }

    #[test]
    fn verdicts_say_who_won() {
        let r = sample();
        assert_eq!(r.results[0].verdict(), "WASM 2.5× faster");
        assert_eq!(r.results[1].verdict(), "JS 2.0× faster");
        assert_eq!(r.results[2].verdict(), "too fast to time");
        let md = r.to_markdown();
        assert!(
            md.contains("| `image/grayscale/3840x2160` | 4.00 ms | 10.0 ms | WASM 2.5× faster |")
        );
    }
}
