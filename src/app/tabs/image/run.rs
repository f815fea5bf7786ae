//! The live preview: the pipeline re-runs from the original whenever the image or the
//! pipeline changes, once input pauses, in steps that let the page breathe.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use super::Status;
use crate::app::hooks::use_debounce;
use crate::lab::image::{Filter, Histogram, histogram};
use crate::web::bench::{now_ms, yield_now};
use crate::web::image::{self as glue, SharedPixels};

/// What [`use_pipeline_run`] gives: where the run is, the result's histogram, and a way
/// to report a failure seen elsewhere (a download).
pub struct PipelineRun {
    pub status: Status,
    pub hist: Option<Rc<Histogram>>,
    pub on_error: Callback<String>,
}

/// Runs `filters` over the image `version` of `pixels` (none yet: nothing runs) 90 ms
/// after the last change (dragging a slider does not queue runs) and draws the result
/// on `after_ref`. A newer run makes an older one stop at its next step.
#[hook]
pub fn use_pipeline_run(
    pixels: &SharedPixels,
    filters: &[Filter],
    version: Option<u32>,
    after_ref: &NodeRef,
) -> PipelineRun {
    let status = use_state(|| Status::Idle);
    let hist = use_state(|| None::<Rc<Histogram>>);
    let generation = use_memo((), |_| Cell::new(0u32));
    let run_later = use_debounce(90);
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
        use_effect_with((filters.to_vec(), version), move |(filters, version)| {
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
                            let drawn = match pixels.borrow().as_ref() {
                                Some(p) => glue::show(&after_ref, &p.working, p.width, p.height),
                                None => return,
                            };
                            status.set(match drawn {
                                Ok(()) => Status::Done {
                                    filters: filters.len(),
                                    ms,
                                },
                                Err(e) => Status::Failed(e),
                            });
                            // The histogram is one more pass over the pixels: its own task.
                            yield_now().await;
                            if generation.get() != mine {
                                return;
                            }
                            if let Some(p) = pixels.borrow().as_ref() {
                                hist.set(Some(Rc::new(histogram(&p.working))));
                            }
                        }
                        Ok(false) => {}
                        Err(e) => status.set(Status::Failed(e)),
                    }
                });
            });
        });
    }

    let on_error = {
        let status = status.clone();
        Callback::from(move |e: String| status.set(Status::Failed(e)))
    };
    PipelineRun {
        status: (*status).clone(),
        hist: (*hist).clone(),
        on_error,
    }
}
