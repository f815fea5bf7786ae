//! When to use WebAssembly, from this lab's own measurements.
//!
//! Tutorials list where WASM shines (image and video processing, games and
//! simulations, cryptography, data visualisation, PDF generation, complex
//! calculations, full web apps) and where it does not (simple DOM manipulation, small
//! utility functions, SEO-heavy content). Each line here names the benchmark cases of
//! the other tabs that bear on it, and [`verdict`] turns their WASM-vs-JS times into a
//! verdict; a line the lab has no evidence for says so instead of guessing.

/// Which of the tutorial's lists a line is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Claim {
    /// "Good use cases".
    Good,
    /// "Not ideal for".
    NotIdeal,
}

/// What the lab can put behind a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Evidence {
    /// Benchmark cases by name, as the tabs register them (`<tab>/<case>/<size>`).
    Bench(&'static [&'static str]),
    /// Not a benchmark: a fact about this very page (its HTML before the module runs).
    ThisPage,
    /// Nothing in this lab measures it.
    Nothing,
}

/// One line of the tutorial's lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UseCase {
    /// For element ids: `fit-image`.
    pub id: &'static str,
    /// The tutorial's words.
    pub name: &'static str,
    /// Which of the tutorial's lists the line is on.
    pub claim: Claim,
    /// What the lab measures the line with, if anything.
    pub evidence: Evidence,
    /// What the evidence is, in words (or why there is none).
    pub about: &'static str,
    /// The tab that shows it (an id of the app's tab list), if any.
    pub tab: Option<&'static str>,
    /// Seconds the cases took to run in Firefox on a busy 2-core machine (the release
    /// build): what the page says before a run ("about 5 s").
    pub typical_seconds: u32,
}

/// Every line of the tutorial's two lists, with the lab's evidence for each.
// region: use-cases
pub const USE_CASES: &[UseCase] = &[
    UseCase {
        id: "image",
        name: "Image/video processing",
        claim: Claim::Good,
        evidence: Evidence::Bench(&["image/grayscale/3840x2160", "image/sepia/3840x2160"]),
        about: "Two filters on a 3840×2160 image (33 MB of pixels), in place, the same algorithm on both sides. (The blurs are on the Image tab: one JavaScript pass of them blocks a page for seconds, too long to run here.) Nothing here decodes or encodes video: a video filter is this work once per frame, plus codecs the lab does not have.",
        tab: Some("image"),
        typical_seconds: 5,
    },
    UseCase {
        id: "games",
        name: "Games and simulations",
        claim: Claim::Good,
        evidence: Evidence::Bench(&["compute/naive/n=25", "canvas/calls-1000/640x400"]),
        about: "Partial: a tight arithmetic loop (naive recursive Fibonacci, 242,785 calls) and 1,000 shapes drawn by Canvas 2D calls made from Rust vs from JS. No physics, input, audio or WebGL case.",
        tab: Some("canvas"),
        typical_seconds: 4,
    },
    UseCase {
        id: "crypto",
        name: "Cryptography",
        claim: Claim::Good,
        evidence: Evidence::Nothing,
        about: "No hashing or cipher case in this lab. (Browsers also have native, audited crypto in crypto.subtle; any comparison would have to include it.)",
        tab: None,
        typical_seconds: 0,
    },
    UseCase {
        id: "dataviz",
        name: "Data visualization",
        claim: Claim::Good,
        evidence: Evidence::Bench(&["json/lab/twitter", "canvas/raster-1000/640x400"]),
        about: "Loading data (a 0.6 MB document shaped like a Twitter API answer, parsed in WASM vs JSON.parse) and drawing 1,000 shapes (Rust rasterizer + one putImageData vs Canvas 2D calls).",
        tab: Some("json"),
        typical_seconds: 4,
    },
    UseCase {
        id: "pdf",
        name: "PDF generation",
        claim: Claim::Good,
        evidence: Evidence::Nothing,
        about: "No PDF case in this lab.",
        tab: None,
        typical_seconds: 0,
    },
    UseCase {
        id: "calc",
        name: "Complex calculations",
        claim: Claim::Good,
        evidence: Evidence::Bench(&[
            "compute/naive/n=25",
            "compute/iterative-bigint/n=0..=90",
            "compute/big/n=100000",
        ]),
        about: "Fibonacci three ways: naive recursion (calls), 64-bit integers (u64 vs BigInt), and 20,899-digit big integers (num-bigint vs the engine's BigInt).",
        tab: Some("compute"),
        typical_seconds: 4,
    },
    UseCase {
        id: "apps",
        name: "Full web apps",
        claim: Claim::Good,
        evidence: Evidence::Bench(&[
            "vdom/update-10th/1000+layout/yew",
            "vdom/remove-one/1000+layout/yew",
        ]),
        about: "This lab is one (Yew, a tab per lesson): it works. Here a Yew re-render of a 1,000-row table (style and layout included) is timed against hand-written DOM code; the download is the app module measured above.",
        tab: Some("vdom"),
        typical_seconds: 5,
    },
    UseCase {
        id: "dom",
        name: "Simple DOM manipulation",
        claim: Claim::NotIdeal,
        evidence: Evidence::Bench(&["vdom/update-10th/1000", "vdom/swap/1000+layout"]),
        about: "Changing a few rows of a 1,000-row table: our diff and patch in WASM (every DOM call goes through JavaScript) vs vanilla JS touching the rows directly.",
        tab: Some("vdom"),
        typical_seconds: 2,
    },
    UseCase {
        id: "utility",
        name: "Small utility functions",
        claim: Claim::NotIdeal,
        evidence: Evidence::Bench(&["strings/number/1", "strings/into-1MB/1MiB"]),
        about: "One call that adds 1 to a number (the crossing is the whole cost), and a 1 MiB string handed to WASM for its length (the copy is the whole cost).",
        tab: Some("strings"),
        typical_seconds: 3,
    },
    UseCase {
        id: "seo",
        name: "SEO-heavy content",
        claim: Claim::NotIdeal,
        evidence: Evidence::ThisPage,
        about: "No benchmark, but a fact about this page: what its HTML holds before the module runs, which is what a crawler that does not run scripts sees.",
        tab: None,
        typical_seconds: 0,
    },
];
// endregion

/// Below this, WASM was slower; above its inverse, faster; between: about the same.
const SAME_BAND: f64 = 1.1;

/// What the numbers say about one line.
#[derive(Clone, Debug, PartialEq)]
pub enum Verdict {
    /// The lab has nothing to measure it with.
    NoEvidence,
    /// Cases exist but no run has finished.
    NotMeasured,
    /// A measured verdict. `holds`: the tutorial's claim is borne out (`Some(true)`),
    /// contradicted (`Some(false)`), or the cases disagree (`None`).
    Measured {
        /// Whether the claim is borne out: `Some(true)`, `Some(false)`, or `None` when the cases disagree.
        holds: Option<bool>,
        /// The speed-ups in words, e.g. `WASM 2.1–3.4× faster in both cases`.
        summary: String,
    },
}

// region: verdict
/// The verdict for a line from the speed-ups of its cases (JS time ÷ WASM time: above 1,
/// WASM was faster). `None` entries are cases that could not be timed; with no usable
/// number at all the line is [`Verdict::NotMeasured`].
pub fn verdict(case: &UseCase, speedups: &[Option<f64>]) -> Verdict {
    if !matches!(case.evidence, Evidence::Bench(_)) {
        return Verdict::NoEvidence;
    }
    let usable: Vec<f64> = speedups
        .iter()
        .flatten()
        .copied()
        .filter(|s| s.is_finite() && *s > 0.0)
        .collect();
    if usable.is_empty() {
        return Verdict::NotMeasured;
    }
    let faster = usable.iter().filter(|s| **s >= SAME_BAND).count();
    let slower = usable.iter().filter(|s| **s <= 1.0 / SAME_BAND).count();
    let same = usable.len() - faster - slower;
    let n = usable.len();
    let of = |k: usize| {
        if k == n {
            match n {
                1 => "in the one case".to_string(),
                2 => "in both cases".to_string(),
                _ => format!("in all {n} cases"),
            }
        } else {
            format!("in {k} of {n} cases")
        }
    };
    let wasm_faster = faster == n;
    let wasm_no_better = faster == 0;
    let parts = [
        ("WASM faster", faster),
        ("JS faster", slower),
        ("about the same", same),
    ]
    .iter()
    .filter(|(_, k)| *k > 0)
    .map(|(what, k)| format!("{what} {}", of(*k)))
    .collect::<Vec<_>>()
    .join(", ");
    let summary = if wasm_faster {
        format!("WASM {} faster {}", range(&usable), of(n))
    } else if slower == n {
        let inverted: Vec<f64> = usable.iter().map(|s| 1.0 / s).collect();
        format!("JS {} faster {}", range(&inverted), of(n))
    } else if same == n {
        format!("about the same {}", of(n))
    } else if wasm_no_better {
        format!("no gain from WASM: {parts}")
    } else {
        parts
    };
    let holds = match case.claim {
        Claim::Good if wasm_faster => Some(true),
        Claim::Good if wasm_no_better => Some(false),
        Claim::NotIdeal if wasm_no_better => Some(true),
        Claim::NotIdeal if wasm_faster => Some(false),
        _ => None,
    };
    Verdict::Measured { holds, summary }
}
// endregion

/// `2.1×` or `2.1–3.4×`.
fn range(values: &[f64]) -> String {
    let min = values.iter().copied().fold(f64::INFINITY, f64::min);
    let max = values.iter().copied().fold(0.0, f64::max);
    if ratio(min) == ratio(max) {
        format!("{}×", ratio(min))
    } else {
        format!("{}–{}×", ratio(min), ratio(max))
    }
}

/// A ratio without its `×`: `lab::fmt::ratio`'s one decimal below 100, whole numbers
/// above (a tenth means nothing at 398,743×).
fn ratio(r: f64) -> String {
    if r.is_finite() && r >= 99.95 {
        crate::lab::fmt::grouped(r.round() as u64)
    } else {
        let text = crate::lab::fmt::ratio(r);
        text.strip_suffix('×').unwrap_or(&text).to_string()
    }
}

/// Every benchmark case name the lines use, each once, in order.
pub fn all_cases() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for u in USE_CASES {
        if let Evidence::Bench(cases) = u.evidence {
            for c in cases {
                if !out.contains(c) {
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str) -> &'static UseCase {
        USE_CASES.iter().find(|u| u.id == id).unwrap()
    }

    #[test]
    fn the_tutorials_lists_are_all_here() {
        let good: Vec<&str> = USE_CASES
            .iter()
            .filter(|u| u.claim == Claim::Good)
            .map(|u| u.name)
            .collect();
        assert_eq!(
            good,
            [
                "Image/video processing",
                "Games and simulations",
                "Cryptography",
                "Data visualization",
                "PDF generation",
                "Complex calculations",
                "Full web apps"
            ]
        );
        let not: Vec<&str> = USE_CASES
            .iter()
            .filter(|u| u.claim == Claim::NotIdeal)
            .map(|u| u.name)
            .collect();
        assert_eq!(
            not,
            [
                "Simple DOM manipulation",
                "Small utility functions",
                "SEO-heavy content"
            ]
        );
    }

    #[test]
    fn lines_without_evidence_say_so() {
        for id in ["crypto", "pdf", "seo"] {
            assert_eq!(verdict(line(id), &[Some(3.0)]), Verdict::NoEvidence);
        }
        assert_eq!(verdict(line("image"), &[]), Verdict::NotMeasured);
        assert_eq!(verdict(line("image"), &[None, None]), Verdict::NotMeasured);
    }

    #[test]
    fn verdicts_follow_the_numbers() {
        assert_eq!(
            verdict(line("image"), &[Some(2.14), Some(3.41)]),
            Verdict::Measured {
                holds: Some(true),
                summary: "WASM 2.1–3.4× faster in both cases".into()
            }
        );
        assert_eq!(
            verdict(line("image"), &[Some(0.5), Some(0.25)]),
            Verdict::Measured {
                holds: Some(false),
                summary: "JS 2.0–4.0× faster in both cases".into()
            }
        );
        assert_eq!(
            verdict(line("utility"), &[Some(0.14), Some(1.0)]),
            Verdict::Measured {
                holds: Some(true),
                summary:
                    "no gain from WASM: JS faster in 1 of 2 cases, about the same in 1 of 2 cases"
                        .into()
            }
        );
        assert_eq!(
            verdict(line("utility"), &[Some(3.0)]),
            Verdict::Measured {
                holds: Some(false),
                summary: "WASM 3.0× faster in the one case".into()
            }
        );
        let Verdict::Measured { holds, summary } =
            verdict(line("calc"), &[Some(1.9), Some(6.3), Some(0.96)])
        else {
            panic!()
        };
        assert_eq!(holds, None);
        assert_eq!(
            summary,
            "WASM faster in 2 of 3 cases, about the same in 1 of 3 cases"
        );
        // A case the timer could not see is left out, not counted as a tie.
        assert_eq!(
            verdict(line("dom"), &[Some(0.08), Some(f64::INFINITY), None]),
            Verdict::Measured {
                holds: Some(true),
                summary: "JS 12.5× faster in the one case".into()
            }
        );
        assert_eq!(ratio(328_535.64), "328,536");
        assert_eq!(ratio(1_234.6), "1,235");
        assert_eq!(ratio(99.94), "99.9");
        assert_eq!(ratio(99.96), "100");
        assert_eq!(ratio(2.14), "2.1");
    }

    #[test]
    fn case_names_are_well_formed_and_listed_once() {
        let all = all_cases();
        assert!(all.len() >= 10);
        for c in &all {
            assert!(c.split('/').count() >= 3, "{c}");
        }
        let mut ids: Vec<&str> = USE_CASES.iter().map(|u| u.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), USE_CASES.len());
    }
}
