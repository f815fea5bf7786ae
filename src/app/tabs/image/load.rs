//! Where the image comes from: a generated sample (on first show, and whenever a menu
//! picks one) or a file, decoded by the browser and copied into WASM memory.

use std::cell::Cell;

use yew::prelude::*;

use super::{Loaded, SampleChoice, Source};
use crate::lab::image::view::DEFAULT_SAMPLE_SIZE;
use crate::web::bench::yield_now;
use crate::web::file::PickedFile;
use crate::web::image::{self as glue, Pixels, SharedPixels};

/// What [`use_image_source`] gives.
pub struct ImageSource {
    pub loaded: Option<Loaded>,
    pub load_error: Option<String>,
    pub choice: SampleChoice,
    pub on_file: Callback<PickedFile>,
    /// A menu picked `(sample, size)`; each `None` when its menu did not change.
    pub on_choice: Callback<(Option<usize>, Option<usize>)>,
}

/// Loads images into `pixels` and draws each original once on `before_ref`; starts with
/// a sample, so the tab works with no file. A file that cannot be used leaves the
/// previous image and says why.
#[hook]
pub fn use_image_source(pixels: &SharedPixels, before_ref: &NodeRef) -> ImageSource {
    let loaded = use_state(|| None::<Loaded>);
    let load_error = use_state(|| None::<String>);
    let choice = use_state(|| SampleChoice {
        sample: 0,
        size: DEFAULT_SAMPLE_SIZE,
    });
    let next_version = use_memo((), |_| Cell::new(0u32));
    // Every request for a new image (a file or a sample) takes a number; one that finishes
    // after a newer request started is dropped, so the last thing asked for is shown.
    let requests = use_memo((), |_| Cell::new(0u32));
    let (pixels, before_ref) = (pixels.clone(), before_ref.clone());
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
        let (install, load_error, requests) =
            (install.clone(), load_error.clone(), requests.clone());
        Callback::from(move |file: PickedFile| {
            let (install, requests) = (install.clone(), requests.clone());
            let mine = next_request(&requests);
            load_error.set(None);
            yew::platform::spawn_local(async move {
                let result = glue::decode_file(&file).await;
                if requests.get() != mine {
                    return;
                }
                install.emit((result, Source::File(file.name)));
            });
        })
    };
    // The latest choice, also between two menu changes in one script (a test): the state
    // handle a callback holds is the one of its render.
    let latest_choice = use_mut_ref(|| *choice);
    // Generating a large sample and drawing it are two long steps: each gets its own
    // task, after the menu has painted, and a pick that a newer request replaced is skipped.
    let generate = {
        let (requests, install) = (requests.clone(), install.clone());
        Callback::from(move |picked: SampleChoice| {
            let (requests, install) = (requests.clone(), install.clone());
            let mine = next_request(&requests);
            yew::platform::spawn_local(async move {
                yield_now().await;
                if requests.get() != mine {
                    return;
                }
                let (sample, pixels) = picked.pixels();
                yield_now().await;
                if requests.get() != mine {
                    return;
                }
                install.emit((pixels, Source::Sample(sample)));
            });
        })
    };
    let on_choice = {
        let (latest, choice, generate) = (latest_choice.clone(), choice.clone(), generate.clone());
        Callback::from(move |(sample, size): (Option<usize>, Option<usize>)| {
            let picked = {
                let mut latest = latest.borrow_mut();
                latest.sample = sample.unwrap_or(latest.sample);
                latest.size = size.unwrap_or(latest.size);
                *latest
            };
            choice.set(picked);
            generate.emit(picked);
        })
    };
    // A sample on first show, so the tab works with no file.
    {
        let choice = *choice;
        use_effect_with((), move |_| generate.emit(choice));
    }

    ImageSource {
        loaded: (*loaded).clone(),
        load_error: (*load_error).clone(),
        choice: *choice,
        on_file,
        on_choice,
    }
}

/// Takes the next request number.
fn next_request(requests: &Cell<u32>) -> u32 {
    let mine = requests.get().wrapping_add(1);
    requests.set(mine);
    mine
}
