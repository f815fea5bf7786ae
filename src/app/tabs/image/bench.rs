//! WASM against JavaScript, every filter, on the image (or on a sample when the image is
//! too small to time).

use yew::prelude::*;

use crate::app::widgets::BenchPanel;
use crate::lab::image::view::BenchImage;
use crate::web::bench::BenchCase;

#[derive(Properties, PartialEq)]
pub struct ImageBenchProps {
    pub make_cases: Callback<(), Vec<BenchCase>>,
    pub image: BenchImage,
}

#[component]
pub fn ImageBench(props: &ImageBenchProps) -> Html {
    let on = match props.image {
        BenchImage::Current { width, height } => {
            format!("Each case runs on the current image ({width}×{height})")
        }
        BenchImage::TestCard { width, height } => format!(
            "The current image is too small to time (a filter on it takes less than the browser's clock can see), \
             so each case runs on a {width}×{height} test card, the size chosen under Sample"
        ),
    };
    html! {
        <div class="card">
            <h3>{ "WASM vs JavaScript" }</h3>
            <p class="note" id="image-bench-note">
                { format!("Every filter has a JavaScript baseline (src/web/js/image.js) with the same algorithm and the same integer formulas, so both give the same bytes (the browser tests check it). {on}: on its first call it resets one working copy from the image, then filters that copy in place again and again — the cost of these filters does not depend on the pixel values, so no copy is inside the timed loop. The plain copy of the same bytes is the memory-bandwidth line: a filter cannot beat it. Each label gives the bytes per run; throughput is bytes ÷ median (31.6 MiB in 10 ms is 3.1 GiB/s).") }
            </p>
            <BenchPanel make_cases={props.make_cases.clone()} button="Benchmark"
                description="Each filter's default setting, WASM (SIMD128 / fixed point) against the same algorithm in JavaScript, 7 samples each: point filters and the copy repeat within a sample until it lasts 25 ms (Firefox's timer has 1 ms steps); blurs, sharpen and Sobel take one run per sample. On a 3840×2160 image the whole run takes about half a minute, and each blur sample pauses the page for a few hundred milliseconds." />
        </div>
    }
}
