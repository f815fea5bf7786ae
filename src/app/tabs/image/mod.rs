//! The Image tab: load an image (file, drop, paste or a generated sample), build a
//! pipeline of filters that run in place in WASM memory, compare before/after with a
//! draggable divider, look at the histogram, download the PNG, and benchmark every
//! filter against the same algorithm in JavaScript.
//!
//! Sections: [`input`] (the image), [`pipeline`] (the filters and the run's status),
//! [`histogram_view`], [`viewer`] (before/after), [`bench`]. This module holds what they
//! share: the pixels, the pipeline (also in the link) and the run that applies it.

mod bench;
mod histogram_view;
mod input;
mod pipeline;
mod viewer;

use std::cell::Cell;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::{use_debounce, use_query_state};
use crate::app::widgets::SourceView;
use crate::lab::image::samples::Sample;
use crate::lab::image::view::{
    BenchImage, DEFAULT_SAMPLE_SIZE, SAMPLE_SIZES, bench_image, parse_pipeline, pipeline_json,
};
use crate::lab::image::{Filter, Histogram, histogram};
use crate::web::bench::{BenchCase, now_ms};
use crate::web::file::PickedFile;
use crate::web::image::{self as glue, PipelineProgress, Pixels, SharedPixels};

/// The pipeline lives in the URL (`#/image?pipeline=[...]`, serde JSON of `Filter`s), so
/// a link or a reload brings it back. Anything unreadable there is ignored.
#[derive(Serialize, Deserialize, Default, PartialEq)]
struct ImageQuery {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pipeline: Option<String>,
}

/// Where the image on the page came from.
#[derive(Clone, PartialEq)]
pub enum Source {
    /// A generated sample.
    Sample(Sample),
    /// A file (picked, dropped or pasted), by name.
    File(String),
}

#[derive(Clone, PartialEq)]
pub struct Loaded {
    pub width: u32,
    pub height: u32,
    pub source: Source,
    /// Bumped for every new image, so effects re-run.
    pub version: u32,
}

#[derive(Clone, PartialEq)]
pub enum Status {
    Idle,
    Working(Option<PipelineProgress>),
    /// How many filters that run applied, and how long it took.
    Done {
        filters: usize,
        ms: f64,
    },
    Failed(String),
}

/// The sample the menus have chosen: indexes into `Sample::ALL` and `SAMPLE_SIZES`.
#[derive(Clone, Copy, PartialEq)]
pub struct SampleChoice {
    pub sample: usize,
    pub size: usize,
}

impl SampleChoice {
    fn pixels(self) -> (Sample, Result<Pixels, String>) {
        let sample = Sample::ALL
            .get(self.sample)
            .copied()
            .unwrap_or(Sample::TestCard);
        let (w, h) = SAMPLE_SIZES.get(self.size).copied().unwrap_or((960, 540));
        (sample, Pixels::sample(sample, w, h))
    }
}

#[component]
pub fn ImageTab() -> Html {
    let pixels: SharedPixels = use_mut_ref(|| None::<Pixels>);
    let loaded = use_state(|| None::<Loaded>);
    let query = use_query_state::<ImageQuery>(Route::Image);
    let pipeline = use_state(|| {
        query
            .pipeline
            .as_deref()
            .and_then(parse_pipeline)
            .unwrap_or_else(|| vec![Filter::Contrast { amount: 1.3 }])
    });
    let status = use_state(|| Status::Idle);
    let load_error = use_state(|| None::<String>);
    let hist = use_state(|| None::<Rc<Histogram>>);
    let choice = use_state(|| SampleChoice {
        sample: 0,
        size: DEFAULT_SAMPLE_SIZE,
    });
    let generation = use_memo((), |_| Cell::new(0u32));
    let next_version = use_memo((), |_| Cell::new(0u32));
    let before_ref = use_node_ref();
    let after_ref = use_node_ref();
    let run_later = use_debounce(90);

    // Installs a freshly loaded image: keeps it, draws the original once.
    let install = {
        let (pixels, loaded, load_error, before_ref, next_version) = (
            pixels.clone(),
            loaded.clone(),
            load_error.clone(),
            before_ref.clone(),
            next_version.clone(),
        );
        Callback::from(
            move |(result, source): (Result<Pixels, String>, Source)| match result {
                Ok(p) => {
                    let (width, height) = (p.width, p.height);
                    if let Err(e) = glue::show(&before_ref, &p.original, width, height) {
                        load_error.set(Some(e));
                        return;
                    }
                    *pixels.borrow_mut() = Some(p);
                    let version = next_version.get().wrapping_add(1);
                    next_version.set(version);
                    load_error.set(None);
                    loaded.set(Some(Loaded {
                        width,
                        height,
                        source,
                        version,
                    }));
                }
                Err(e) => load_error.set(Some(format!("{e} — the previous image is kept."))),
            },
        )
    };
    let on_file = {
        let (install, load_error) = (install.clone(), load_error.clone());
        Callback::from(move |file: PickedFile| {
            let install = install.clone();
            load_error.set(None);
            yew::platform::spawn_local(async move {
                let result = glue::decode_file(&file).await;
                install.emit((result, Source::File(file.name)));
            });
        })
    };
    // The latest choice, also between two menu changes in one script (a test): the state
    // handle a callback holds is the one of its render.
    let latest_choice = use_mut_ref(|| *choice);
    let on_choice = {
        let latest = latest_choice.clone();
        let (install, choice) = (install.clone(), choice.clone());
        Callback::from(move |(sample, size): (Option<usize>, Option<usize>)| {
            let picked = {
                let mut latest = latest.borrow_mut();
                latest.sample = sample.unwrap_or(latest.sample);
                latest.size = size.unwrap_or(latest.size);
                *latest
            };
            choice.set(picked);
            let (sample, pixels) = picked.pixels();
            install.emit((pixels, Source::Sample(sample)));
        })
    };
    // A sample on first show, so the tab works with no file.
    {
        let (install, choice) = (install.clone(), *choice);
        use_effect_with((), move |_| {
            let (sample, pixels) = choice.pixels();
            install.emit((pixels, Source::Sample(sample)));
        });
    }
    let on_pipeline = {
        let (pipeline, query) = (pipeline.clone(), query.clone());
        Callback::from(move |next: Vec<Filter>| {
            // Only an edit writes the link: opening the tab leaves `#/image` as it is.
            query.replace(ImageQuery {
                pipeline: Some(pipeline_json(&next)),
            });
            pipeline.set(next);
        })
    };

    // Live preview: re-run the pipeline from the original whenever the image or the
    // pipeline changes, once the input pauses (dragging a slider does not queue runs).
    {
        let (pixels, status, hist, after_ref, generation) = (
            pixels.clone(),
            status.clone(),
            hist.clone(),
            after_ref.clone(),
            generation.clone(),
        );
        let version = loaded.as_ref().map(|l| l.version);
        use_effect_with(((*pipeline).clone(), version), move |(filters, version)| {
            if version.is_none() {
                return;
            }
            let filters = filters.clone();
            let mine = generation.get().wrapping_add(1);
            generation.set(mine);
            status.set(Status::Working(None));
            run_later.run(move || {
                yew::platform::spawn_local(async move {
                    let t0 = now_ms();
                    let still_wanted = {
                        let generation = generation.clone();
                        move || generation.get() == mine
                    };
                    let progress = {
                        let status = status.clone();
                        move |p| status.set(Status::Working(Some(p)))
                    };
                    let result =
                        glue::run_pipeline(&pixels, &filters, still_wanted, progress).await;
                    match result {
                        Ok(true) => {
                            let ms = now_ms() - t0;
                            let guard = pixels.borrow();
                            if let Some(p) = guard.as_ref() {
                                let drawn = glue::show(&after_ref, &p.working, p.width, p.height);
                                hist.set(Some(Rc::new(histogram(&p.working))));
                                status.set(match drawn {
                                    Ok(()) => Status::Done {
                                        filters: filters.len(),
                                        ms,
                                    },
                                    Err(e) => Status::Failed(e),
                                });
                            }
                        }
                        Ok(false) => {}
                        Err(e) => status.set(Status::Failed(e)),
                    }
                });
            });
        });
    }

    let on_view_error = {
        let status = status.clone();
        Callback::from(move |e: String| status.set(Status::Failed(e)))
    };
    let bench_image = bench_image(
        loaded.as_ref().map(|l| (l.width, l.height)),
        SAMPLE_SIZES.get(choice.size).copied().unwrap_or((960, 540)),
    );
    let make_cases = Callback::from(move |_: ()| -> Vec<BenchCase> {
        match bench_image {
            BenchImage::Current { width, height } => {
                let copy = pixels
                    .borrow()
                    .as_ref()
                    .filter(|p| (p.width, p.height) == (width, height))
                    .map(|p| p.original.clone());
                match copy {
                    Some(bytes) => glue::bench_cases_for(bytes, width, height),
                    None => glue::bench_cases(width, height),
                }
            }
            BenchImage::TestCard { width, height } => glue::bench_cases(width, height),
        }
    });
    html! {
        <section class="image">
            <h2>{ "Image" }</h2>
            <p>
                { "A canvas hands JavaScript its pixels as one flat array of RGBA bytes. Here they are copied into WASM memory once, every filter runs there in place (fixed-point integer math, SIMD128 four pixels per instruction), and one putImageData shows the result. A plain per-pixel loop in WASM is not faster than the same loop in JavaScript — the JIT is good at typed arrays — so the speed has to be earned, and the Benchmark below measures it honestly on your image." }
            </p>
            <div class="split">
                <div class="card">
                    <input::ImageInput loaded={(*loaded).clone()} choice={*choice} on_choice={on_choice}
                        on_file={on_file} load_error={(*load_error).clone()} />
                    <pipeline::PipelineEditor pipeline={(*pipeline).clone()} on_change={on_pipeline}
                        status={(*status).clone()} />
                    <histogram_view::HistogramView hist={(*hist).clone()} />
                </div>
                <div class="card">
                    <viewer::BeforeAfter before_ref={before_ref} after_ref={after_ref}
                        on_error={on_view_error} />
                </div>
            </div>
            <bench::ImageBench make_cases={make_cases} image={bench_image} />
            <SourceView path="src/lab/image/reference.rs"
                region="grayscale-reference" summary="Show the Rust: the readable reference grayscale" />
            <SourceView path="src/lab/image/reference.rs"
                region="luma" summary="Show the Rust: the fixed-point luma" />
            <SourceView path="src/lab/image/simd.rs"
                region="grayscale-simd" summary="Show the Rust: grayscale with SIMD128, 4 pixels per instruction" />
        </section>
    }
}
