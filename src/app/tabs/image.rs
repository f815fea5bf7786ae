//! The Image tab: load an image (file, drop, paste or a generated sample), build a
//! pipeline of filters that run in place in WASM memory, compare before/after with a
//! draggable divider, look at the histogram, download the PNG, and benchmark every
//! filter against the same algorithm in JavaScript.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use stylist::yew::use_style;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::app::widgets::{BenchPanel, ErrorText, SourceView};
use crate::lab::fmt::{bytes, count, duration_ms};
use crate::lab::image::samples::Sample;
use crate::lab::image::{Filter, Histogram, histogram};
use crate::web::bench::{BenchCase, now_ms};
use crate::web::image::{self as glue, Pixels, SharedPixels};

const SIZES: [(u32, u32); 5] = [
    (640, 360),
    (960, 540),
    (1280, 720),
    (1920, 1080),
    (3840, 2160),
];

/// The pipeline lives in the URL (`#/image?pipeline=[...]`, serde JSON of `Filter`s), so
/// a link or a reload brings it back. Anything unreadable there is ignored.
#[derive(serde::Serialize, serde::Deserialize, Default)]
struct ImageQuery {
    #[serde(default)]
    pipeline: Option<String>,
}

const MAX_PIPELINE: usize = 32;

#[derive(Clone, PartialEq)]
struct Loaded {
    width: u32,
    height: u32,
    source: String,
    /// Bumped for every new image, so effects re-run.
    version: u32,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Working,
    /// How many filters that run applied, and how long it took.
    Done {
        filters: usize,
        ms: f64,
    },
    Failed(String),
}

/// The SVG histogram: r, g, b and luma as polylines; height ∝ √count so small
/// populations stay visible next to a spike.
fn histogram_svg(h: &Histogram) -> Html {
    let max = f64::from(h.max_count().max(1)).sqrt();
    let line = |counts: &[u32; 256]| -> String {
        let mut s = String::with_capacity(256 * 10);
        for (i, &c) in counts.iter().enumerate() {
            let y = 100.0 - f64::from(c).sqrt() / max * 100.0;
            s.push_str(&format!("{i},{y:.1} "));
        }
        s
    };
    html! {
        <svg class="histogram" viewBox="0 -2 255 104" preserveAspectRatio="none"
             role="img" aria-label={format!("Histogram of the result: mean luma {:.1}", h.mean_luma())}>
            <polyline points={line(&h.r)} fill="none" stroke="#e5484d" stroke-width="1.2" vector-effect="non-scaling-stroke" />
            <polyline points={line(&h.g)} fill="none" stroke="#30a46c" stroke-width="1.2" vector-effect="non-scaling-stroke" />
            <polyline points={line(&h.b)} fill="none" stroke="#3e63dd" stroke-width="1.2" vector-effect="non-scaling-stroke" />
            <polyline points={line(&h.luma)} fill="none" stroke="currentColor" stroke-width="1.6" vector-effect="non-scaling-stroke" />
        </svg>
    }
}

#[component]
pub fn ImageTab() -> Html {
    let style = use_style!(
        r#"
        .drop {
            border: 2px dashed var(--border);
            border-radius: 8px;
            padding: 0.75rem;
            margin-bottom: 0.75rem;
        }
        .drop.over { border-color: var(--accent); }
        .row { display: flex; flex-wrap: wrap; gap: 0.5rem; align-items: center; margin: 0.5rem 0; }
        .pipeline { list-style: none; padding: 0; margin: 0.5rem 0; }
        .pipeline li {
            border: 1px solid var(--border);
            border-radius: 6px;
            padding: 0.4rem 0.5rem;
            margin-bottom: 0.4rem;
            background: var(--surface);
        }
        .pipeline .head { display: flex; gap: 0.35rem; align-items: center; flex-wrap: wrap; }
        .pipeline .name { flex: 1 1 8rem; font-weight: 600; }
        .pipeline input[type=range] { width: 100%; }
        .pipeline .button { padding: 0.15rem 0.5rem; min-width: 2rem; }
        .viewer {
            max-height: 70vh;
            overflow: auto;
            border: 1px solid var(--border);
            border-radius: 6px;
            background: repeating-conic-gradient(#8884 0% 25%, transparent 0% 50%) 50% / 16px 16px;
        }
        .stack { position: relative; touch-action: none; user-select: none; cursor: ew-resize; }
        .stack.fit { width: 100%; }
        .stack.actual { width: max-content; }
        .stack canvas { display: block; }
        .stack.fit canvas { width: 100%; height: auto; }
        .stack .before { position: absolute; top: 0; left: 0; }
        .divider {
            position: absolute; top: 0; bottom: 0; width: 0;
            border-left: 2px solid #fff; box-shadow: 0 0 0 1px #000;
        }
        .handle {
            position: absolute; top: 50%; left: -14px; width: 28px; height: 28px;
            margin-top: -14px; border-radius: 50%;
            background: #222; color: #fff; border: 2px solid #fff;
            display: flex; align-items: center; justify-content: center;
            font-size: 14px; line-height: 1;
        }
        .handle:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
        .tag {
            position: absolute; top: 4px; padding: 0 0.35rem; font-size: 0.8rem;
            background: #000b; color: #fff; border-radius: 4px; pointer-events: none;
        }
        .histogram { width: 100%; height: 120px; display: block; color: var(--muted); }
        .legend { display: flex; gap: 0.75rem; font-size: 0.85rem; flex-wrap: wrap; }
        .legend .r::before, .legend .g::before, .legend .b::before, .legend .l::before { content: "■ "; }
        .legend .r::before { color: #e5484d; }
        .legend .g::before { color: #30a46c; }
        .legend .b::before { color: #3e63dd; }
        .legend .l::before { color: var(--muted); }
        label.inline { display: inline-flex; gap: 0.35rem; align-items: center; }
        "#
    );

    let pixels: SharedPixels = use_mut_ref(|| None::<Pixels>);
    let loaded = use_state(|| None::<Loaded>);
    let location = use_location();
    let navigator = use_navigator();
    let pipeline = use_state(move || {
        location
            .and_then(|l| l.query::<ImageQuery>().ok())
            .and_then(|q| q.pipeline)
            .and_then(|s| serde_json::from_str::<Vec<Filter>>(&s).ok())
            .filter(|v| v.len() <= MAX_PIPELINE)
            .unwrap_or_else(|| vec![Filter::Contrast { amount: 1.3 }])
    });
    // The pipeline JSON the URL holds (or stands for): the one the tab opened with.
    let url_pipeline = {
        let initial = serde_json::to_string(&*pipeline).ok();
        use_mut_ref(move || initial)
    };
    let status = use_state(|| Status::Idle);
    let load_error = use_state(|| None::<String>);
    let hist = use_state(|| None::<Rc<Histogram>>);
    let split = use_state(|| 50.0_f64);
    let actual = use_state(|| false);
    let dragging = use_state(|| false);
    let drop_over = use_state(|| false);
    let sample_kind = use_state(|| 0usize);
    let sample_size = use_state(|| 1usize);
    let to_add = use_state(|| 0usize);
    let generation = use_memo((), |_| Rc::new(Cell::new(0u32)));
    let next_version = use_memo((), |_| Rc::new(Cell::new(0u32)));
    let before_ref = use_node_ref();
    let after_ref = use_node_ref();
    let stack_ref = use_node_ref();

    // Installs a freshly loaded image: keeps it, draws the original once.
    let install = {
        let pixels = pixels.clone();
        let loaded = loaded.clone();
        let load_error = load_error.clone();
        let before_ref = before_ref.clone();
        let next_version = next_version.clone();
        Callback::from(
            move |(result, source): (Result<Pixels, String>, String)| match result {
                Ok(p) => {
                    let (width, height) = (p.width, p.height);
                    if let Some(canvas) = before_ref.cast::<HtmlCanvasElement>()
                        && let Err(e) = glue::put(&canvas, &p.original, width, height)
                    {
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

    let load_blob = {
        let install = install.clone();
        let load_error = load_error.clone();
        Callback::from(move |file: web_sys::File| {
            let install = install.clone();
            let name = file.name();
            load_error.set(None);
            wasm_bindgen_futures::spawn_local(async move {
                let result = glue::decode(&file).await;
                install.emit((result, name));
            });
        })
    };

    let generate = {
        let install = install.clone();
        let sample_kind = sample_kind.clone();
        let sample_size = sample_size.clone();
        Callback::from(move |_: MouseEvent| {
            let sample = Sample::ALL
                .get(*sample_kind)
                .copied()
                .unwrap_or(Sample::TestCard);
            let (w, h) = SIZES.get(*sample_size).copied().unwrap_or((960, 540));
            install.emit((Pixels::sample(sample, w, h), sample.label().to_string()));
        })
    };

    // A sample on first show, so the tab works with no file.
    {
        let install = install.clone();
        use_effect_with((), move |_| {
            install.emit((
                Pixels::sample(Sample::TestCard, 960, 540),
                "Test card".to_string(),
            ));
        });
    }

    // Paste an image from the clipboard anywhere on the page while the tab is shown.
    {
        let load_blob = load_blob.clone();
        use_effect_with((), move |_| {
            let listener = crate::web::dom::document().map(|doc| {
                EventListener::new(&doc, "paste", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                        return;
                    };
                    if let Some(file) = glue::first_image_file(e.clipboard_data().as_ref()) {
                        e.prevent_default();
                        load_blob.emit(file);
                    }
                })
            });
            move || drop(listener)
        });
    }

    // Live preview: re-run the pipeline from the original whenever the image or the
    // pipeline changes, debounced so that dragging a slider does not queue runs.
    {
        let pixels = pixels.clone();
        let status = status.clone();
        let hist = hist.clone();
        let after_ref = after_ref.clone();
        let generation = generation.clone();
        let version = loaded.as_ref().map(|l| l.version);
        let url_pipeline = url_pipeline.clone();
        use_effect_with(((*pipeline).clone(), version), move |(filters, version)| {
            // Only an edit writes the URL: opening the tab leaves `#/image` as it is.
            if let (Some(nav), Ok(json)) = (&navigator, serde_json::to_string(filters))
                && url_pipeline.borrow().as_deref() != Some(json.as_str())
            {
                *url_pipeline.borrow_mut() = Some(json.clone());
                let _ = nav.replace_with_query(
                    &Route::Image,
                    &ImageQuery {
                        pipeline: Some(json),
                    },
                );
            }
            let timer = version.map(|_| {
                let filters = filters.clone();
                let my_gen = generation.get().wrapping_add(1);
                generation.set(my_gen);
                status.set(Status::Working);
                Timeout::new(90, move || {
                    wasm_bindgen_futures::spawn_local(async move {
                        let t0 = now_ms();
                        let gen_check = generation.clone();
                        let result = glue::run_pipeline(&pixels, &filters, move || {
                            gen_check.get() == my_gen
                        })
                        .await;
                        match result {
                            Ok(true) => {
                                let ms = now_ms() - t0;
                                let guard = pixels.borrow();
                                if let Some(p) = guard.as_ref() {
                                    let drawn = match after_ref.cast::<HtmlCanvasElement>() {
                                        Some(c) => glue::put(&c, &p.working, p.width, p.height),
                                        None => Ok(()),
                                    };
                                    hist.set(Some(Rc::new(histogram(&p.working))));
                                    match drawn {
                                        Ok(()) => status.set(Status::Done {
                                            filters: filters.len(),
                                            ms,
                                        }),
                                        Err(e) => status.set(Status::Failed(e)),
                                    }
                                }
                            }
                            Ok(false) => {}
                            Err(e) => status.set(Status::Failed(e)),
                        }
                    });
                })
            });
            move || drop(timer)
        });
    }

    // Pipeline editing.
    let add = {
        let pipeline = pipeline.clone();
        let to_add = to_add.clone();
        Callback::from(move |_: MouseEvent| {
            if pipeline.len() >= MAX_PIPELINE {
                return;
            }
            if let Some(f) = Filter::catalogue().get(*to_add) {
                let mut next = (*pipeline).clone();
                next.push(*f);
                pipeline.set(next);
            }
        })
    };
    let edit = |pipeline: &UseStateHandle<Vec<Filter>>, i: usize, op: &'static str| {
        let pipeline = pipeline.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*pipeline).clone();
            match op {
                "up" if i > 0 && i < next.len() => next.swap(i - 1, i),
                "down" if i + 1 < next.len() => next.swap(i, i + 1),
                "remove" if i < next.len() => {
                    next.remove(i);
                }
                _ => return,
            }
            pipeline.set(next);
        })
    };
    let tune = |pipeline: &UseStateHandle<Vec<Filter>>, i: usize| {
        let pipeline = pipeline.clone();
        Callback::from(move |e: InputEvent| {
            let Some(v) = e
                .target_dyn_into::<HtmlInputElement>()
                .and_then(|t| t.value().parse::<f32>().ok())
            else {
                return;
            };
            let mut next = (*pipeline).clone();
            if let Some(f) = next.get_mut(i) {
                *f = f.with_parameter(v);
                pipeline.set(next);
            }
        })
    };

    // Split view: pointer drag and keyboard.
    let set_from_pointer = {
        let split = split.clone();
        let stack_ref = stack_ref.clone();
        move |x: i32| {
            if let Some(el) = stack_ref.cast::<HtmlElement>() {
                let rect = el.get_bounding_client_rect();
                if rect.width() > 0.0 {
                    let pct =
                        ((f64::from(x) - rect.left()) / rect.width() * 100.0).clamp(0.0, 100.0);
                    split.set(pct.round());
                }
            }
        }
    };
    let on_pointer_down = {
        let dragging = dragging.clone();
        let set = set_from_pointer.clone();
        Callback::from(move |e: PointerEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::Element>()
                && let Some(stack) = t.closest(".stack").ok().flatten()
            {
                let _ = stack.set_pointer_capture(e.pointer_id());
            }
            dragging.set(true);
            set(e.client_x());
        })
    };
    let on_pointer_move = {
        let dragging = dragging.clone();
        let set = set_from_pointer.clone();
        Callback::from(move |e: PointerEvent| {
            if *dragging {
                set(e.client_x());
            }
        })
    };
    let on_pointer_up = {
        let dragging = dragging.clone();
        Callback::from(move |_: PointerEvent| dragging.set(false))
    };
    let on_split_key = {
        let split = split.clone();
        Callback::from(move |e: KeyboardEvent| {
            let v = *split;
            let next = match e.key().as_str() {
                "ArrowLeft" | "ArrowDown" => (v - 5.0).max(0.0),
                "ArrowRight" | "ArrowUp" => (v + 5.0).min(100.0),
                "PageDown" => (v - 25.0).max(0.0),
                "PageUp" => (v + 25.0).min(100.0),
                "Home" => 0.0,
                "End" => 100.0,
                _ => return,
            };
            e.prevent_default();
            split.set(next);
        })
    };

    // Inputs.
    let on_file = {
        let load_blob = load_blob.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<HtmlInputElement>() {
                if let Some(file) = input.files().and_then(|f| f.item(0)) {
                    load_blob.emit(file);
                }
                input.set_value("");
            }
        })
    };
    let on_drag_over = {
        let drop_over = drop_over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            drop_over.set(true);
        })
    };
    let on_drag_leave = {
        let drop_over = drop_over.clone();
        Callback::from(move |_: DragEvent| drop_over.set(false))
    };
    let on_drop = {
        let drop_over = drop_over.clone();
        let load_blob = load_blob.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            drop_over.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.item(0))
            {
                load_blob.emit(file);
            }
        })
    };

    let download = {
        let after_ref = after_ref.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(c) = after_ref.cast::<HtmlCanvasElement>()
                && let Err(e) = glue::download_png(&c, "filtered.png")
            {
                status.set(Status::Failed(e));
            }
        })
    };

    let make_cases = {
        let pixels = pixels.clone();
        Callback::from(move |_: ()| -> Vec<BenchCase> {
            let copy = pixels
                .borrow()
                .as_ref()
                .map(|p| (p.original.clone(), p.width, p.height));
            match copy {
                Some((bytes, w, h)) => glue::bench_cases_for(bytes, w, h),
                None => glue::bench_cases(3840, 2160),
            }
        })
    };

    let catalogue = Filter::catalogue();
    let split_v = *split;
    let info = match &*loaded {
        Some(l) => format!(
            "{} — {}×{} px, {} of RGBA",
            l.source,
            l.width,
            l.height,
            bytes(u64::from(l.width) * u64::from(l.height) * 4)
        ),
        None => "No image yet.".into(),
    };
    let status_text = match &*status {
        Status::Idle => String::new(),
        Status::Working => "Applying the pipeline…".into(),
        Status::Done { filters, ms } => format!(
            "Pipeline of {} applied in {} (copy original → working, then in place).",
            count(*filters, "filter", "filters"),
            duration_ms(*ms)
        ),
        Status::Failed(e) => format!("Could not apply: {e}"),
    };

    html! {
        <section class={style}>
            <h2>{ "Image" }</h2>
            <p>
                { "A canvas hands JavaScript its pixels as one flat array of RGBA bytes. Here they are copied into WASM memory once, every filter runs there in place (fixed-point integer math, SIMD128 four pixels per instruction), and one putImageData shows the result. A plain per-pixel loop in WASM is not faster than the same loop in JavaScript — the JIT is good at typed arrays — so the speed has to be earned, and the Benchmark below measures it honestly on your image." }
            </p>
            <div class="split">
                <div class="card">
                    <h3>{ "Input" }</h3>
                    <div class={classes!("drop", drop_over.then_some("over"))}
                         ondragover={on_drag_over} ondragleave={on_drag_leave} ondrop={on_drop}>
                        <label for="image-file">{ "Image file (or drop one here, or paste with Ctrl+V)" }</label>
                        <input id="image-file" type="file" accept="image/*" onchange={on_file}
                               aria-describedby="image-load-error" aria-invalid={load_error.is_some().to_string()} />
                        <ErrorText id="image-load-error" message={(*load_error).clone()} />
                    </div>
                    <div class="row">
                        <label class="inline">{ "Sample " }
                            <select id="image-sample" onchange={
                                let sample_kind = sample_kind.clone();
                                Callback::from(move |e: Event| if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                                    sample_kind.set(s.selected_index().max(0) as usize);
                                })
                            }>
                                { for Sample::ALL.iter().enumerate().map(|(i, s)| html! {
                                    <option selected={i == *sample_kind}>{ s.label() }</option>
                                }) }
                            </select>
                        </label>
                        <label class="inline">{ "Size " }
                            <select id="image-size" onchange={
                                let sample_size = sample_size.clone();
                                Callback::from(move |e: Event| if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                                    sample_size.set(s.selected_index().max(0) as usize);
                                })
                            }>
                                { for SIZES.iter().enumerate().map(|(i, (w, h))| html! {
                                    <option selected={i == *sample_size}>{ format!("{w}×{h}") }</option>
                                }) }
                            </select>
                        </label>
                        <button id="image-generate" class="button" onclick={generate}>{ "Generate" }</button>
                    </div>
                    <p class="note" id="image-info">{ info }</p>

                    <h3>{ "Pipeline" }</h3>
                    <div class="row">
                        <label class="inline">{ "Filter " }
                            <select id="image-add-kind" onchange={
                                let to_add = to_add.clone();
                                Callback::from(move |e: Event| if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                                    to_add.set(s.selected_index().max(0) as usize);
                                })
                            }>
                                { for catalogue.iter().enumerate().map(|(i, f)| html! {
                                    <option selected={i == *to_add}>{ f.label() }</option>
                                }) }
                            </select>
                        </label>
                        <button id="image-add" class="button primary" onclick={add}>{ "Add filter" }</button>
                        <button id="image-clear" class="button" onclick={
                            let pipeline = pipeline.clone();
                            Callback::from(move |_: MouseEvent| pipeline.set(Vec::new()))
                        }>{ "Clear" }</button>
                    </div>
                    if pipeline.is_empty() {
                        <p class="note">{ "No filters: the result is the original." }</p>
                    }
                    <ol class="pipeline" id="image-pipeline">
                        { for pipeline.iter().enumerate().map(|(i, f)| {
                            let slider_id = format!("image-param-{i}");
                            html! {
                                <li key={format!("{i}-{}", f.label())}>
                                    <div class="head">
                                        <span class="name">{ format!("{}. {}", i + 1, f.label()) }</span>
                                        <button class="button" aria-label={format!("Move {} up", f.label())}
                                                disabled={i == 0} onclick={edit(&pipeline, i, "up")}>{ "↑" }</button>
                                        <button class="button" aria-label={format!("Move {} down", f.label())}
                                                disabled={i + 1 == pipeline.len()} onclick={edit(&pipeline, i, "down")}>{ "↓" }</button>
                                        <button class="button" aria-label={format!("Remove {}", f.label())}
                                                onclick={edit(&pipeline, i, "remove")}>{ "✕" }</button>
                                    </div>
                                    if let Some(p) = f.parameter() {
                                        <label for={slider_id.clone()}>{ format!("{}: {}", p.name, p.value) }</label>
                                        <input id={slider_id} type="range" min={p.min.to_string()} max={p.max.to_string()}
                                               step={p.step.to_string()} value={p.value.to_string()}
                                               oninput={tune(&pipeline, i)} />
                                    }
                                </li>
                            }
                        }) }
                    </ol>
                    <p class="note" id="image-status" aria-live="polite">{ status_text }</p>
                    <h3>{ "Histogram of the result" }</h3>
                    if let Some(h) = &*hist {
                        { histogram_svg(h) }
                        <div class="legend"><span class="r">{ "red" }</span><span class="g">{ "green" }</span><span class="b">{ "blue" }</span><span class="l">{ "luma" }</span><span>{ "(height ∝ √count)" }</span></div>
                    }
                </div>
                <div class="card">
                    <h3>{ "Before / after" }</h3>
                    <div class="row">
                        <label class="inline">
                            <input id="image-actual" type="checkbox" checked={*actual} onchange={
                                let actual = actual.clone();
                                Callback::from(move |e: Event| if let Some(i) = e.target_dyn_into::<HtmlInputElement>() {
                                    actual.set(i.checked());
                                })
                            } />
                            { "Actual pixels (1:1, scroll)" }
                        </label>
                        <button id="image-download" class="button" onclick={download}>{ "Download PNG" }</button>
                    </div>
                    <div class="viewer">
                        <div ref={stack_ref} id="image-stack" class={classes!("stack", if *actual { "actual" } else { "fit" })}
                             onpointerdown={on_pointer_down} onpointermove={on_pointer_move}
                             onpointerup={on_pointer_up.clone()} onpointercancel={on_pointer_up}>
                            <canvas ref={after_ref} id="image-after" class="after" aria-label="After: the filtered image" role="img" />
                            <canvas ref={before_ref} id="image-before" class="before" aria-label="Before: the original image" role="img"
                                    style={format!("clip-path: inset(0 {:.1}% 0 0)", 100.0 - split_v)} />
                            <span class="tag" style="left: 4px">{ "before" }</span>
                            <span class="tag" style="right: 4px">{ "after" }</span>
                            <div class="divider" style={format!("left: {split_v:.1}%")}>
                                <div class="handle" id="image-divider" role="slider" tabindex="0"
                                     aria-label="Before/after divider (percent of the width showing the original)"
                                     aria-valuemin="0" aria-valuemax="100" aria-valuenow={format!("{split_v:.0}")}
                                     aria-valuetext={format!("{split_v:.0}% before")}
                                     onkeydown={on_split_key}>{ "⇔" }</div>
                            </div>
                        </div>
                    </div>
                    <p class="note">
                        { "Where the bytes are copied: (1) the browser decodes the file onto a scratch canvas; (2) getImageData copies the pixels once into the original buffer in WASM memory; (3) each run copies original → working inside WASM memory so the pipeline always starts from the original; (4) one putImageData from an ImageData made directly over the working buffer (no JavaScript copy; used at once, since growing WASM memory would detach it). Samples are generated straight into WASM memory." }
                    </p>
                </div>
            </div>

            <div class="card">
                <h3>{ "WASM vs JavaScript" }</h3>
                <p class="note">
                    { "Every filter has a JavaScript baseline (src/web/js/image.js) with the same algorithm and the same integer formulas, so both give the same bytes (the browser tests check it). Each case runs on the current image (a 3840×2160 test card if none): on its first call it resets one working copy from the image, then filters that copy in place again and again — the cost of these filters does not depend on the pixel values, so no copy is inside the timed loop. The plain copy of the same bytes is the memory-bandwidth line: a filter cannot beat it. Each label gives the bytes per run; throughput is bytes ÷ median (31.6 MiB in 10 ms is 3.1 GiB/s)." }
                </p>
                <BenchPanel make_cases={make_cases} button="Benchmark"
                    description="Each filter's default setting, WASM (SIMD128 / fixed point) against the same algorithm in JavaScript, 7 samples each: point filters and the copy repeat within a sample until it lasts 25 ms (Firefox's timer has 1 ms steps); blurs, sharpen and Sobel take one run per sample. On a 3840×2160 image the whole run takes about half a minute." />
            </div>

            <SourceView path="src/lab/image/reference.rs"
                region="grayscale-reference" summary="Show the Rust: the readable reference grayscale" />
            <SourceView path="src/lab/image/reference.rs"
                region="luma" summary="Show the Rust: the fixed-point luma" />
            <SourceView path="src/lab/image/simd.rs"
                region="grayscale-simd" summary="Show the Rust: grayscale with SIMD128, 4 pixels per instruction" />
        </section>
    }
}
