//! The Image tab: load an image (file, drop, paste or a generated sample), build a
//! pipeline of filters that run in place in WASM memory, compare before/after with a
//! draggable divider, look at the histogram, download the PNG, and benchmark every
//! filter against the same algorithm in JavaScript.
//!
//! Sections: [`input`] (the image), [`pipeline`] (the filters and the run's status),
//! [`histogram_view`], [`viewer`] (before/after), [`bench`]. This module holds what they
//! share: the pixels ([`load`]), the pipeline (also in the link) and the run that
//! applies it ([`run`]).

mod bench;
mod histogram_view;
mod input;
mod load;
mod pipeline;
mod run;
mod viewer;

use serde::{Deserialize, Serialize};
use yew::prelude::*;

use crate::app::Route;
use crate::app::hooks::use_query_state;
use crate::app::widgets::SourceView;
use crate::lab::image::Filter;
use crate::lab::image::samples::Sample;
use crate::lab::image::view::{
    BenchImage, SAMPLE_SIZES, bench_image, parse_pipeline, pipeline_json,
};
use crate::web::bench::BenchCase;
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
    let query = use_query_state::<ImageQuery>(Route::Image);
    let pipeline = use_state(|| {
        query
            .pipeline
            .as_deref()
            .and_then(parse_pipeline)
            .unwrap_or_else(|| vec![Filter::Contrast { amount: 1.3 }])
    });
    let before_ref = use_node_ref();
    let after_ref = use_node_ref();
    let source = load::use_image_source(&pixels, &before_ref);
    let run = run::use_pipeline_run(
        &pixels,
        &pipeline,
        source.loaded.as_ref().map(|l| l.version),
        &after_ref,
    );

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

    let bench_image = bench_image(
        source.loaded.as_ref().map(|l| (l.width, l.height)),
        SAMPLE_SIZES
            .get(source.choice.size)
            .copied()
            .unwrap_or((960, 540)),
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
                    <input::ImageInput loaded={source.loaded} choice={source.choice} on_choice={source.on_choice}
                        on_file={source.on_file} load_error={source.load_error} />
                    <pipeline::PipelineEditor pipeline={(*pipeline).clone()} on_change={on_pipeline}
                        status={run.status} />
                    <histogram_view::HistogramView hist={run.hist} />
                </div>
                <div class="card">
                    <viewer::BeforeAfter before_ref={before_ref} after_ref={after_ref}
                        on_error={run.on_error} />
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
