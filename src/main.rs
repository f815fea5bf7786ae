//! The app binary: mounts the Yew app. Everything else lives in the library.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_playground::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("wasm-playground runs in the browser: start it with `./dev serve`.");
}
