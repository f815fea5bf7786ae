//! What this browser supports, as the overview tab reports it.

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/web/js/features.js")]
extern "C" {
    #[wasm_bindgen(js_name = validateProbe)]
    fn validate_probe(name: &str) -> bool;
    #[wasm_bindgen(js_name = sharedArrayBufferUsable)]
    fn shared_array_buffer_usable() -> bool;
}

#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    pub simd: bool,
    pub bulk_memory: bool,
    /// The engine validates atomics on shared memory.
    pub threads_validate: bool,
    /// SharedArrayBuffer is usable (cross-origin isolated page), so threads could run.
    pub shared_memory: bool,
    pub cores: u32,
    pub user_agent: String,
}

pub fn detect() -> Features {
    let navigator = web_sys::window().map(|w| w.navigator());
    Features {
        simd: validate_probe("simd"),
        bulk_memory: validate_probe("bulkMemory"),
        threads_validate: validate_probe("threads"),
        shared_memory: shared_array_buffer_usable(),
        cores: navigator
            .as_ref()
            .map(|n| n.hardware_concurrency() as u32)
            .unwrap_or(0),
        user_agent: navigator
            .and_then(|n| n.user_agent().ok())
            .unwrap_or_default(),
    }
}

/// "Firefox 153.7", "Chrome 156.0" from the user agent, or the raw string.
pub fn browser_name(user_agent: &str) -> String {
    for (token, name) in [
        ("Firefox/", "Firefox"),
        ("Edg/", "Edge"),
        ("Chrome/", "Chromium"),
        ("Version/", "Safari"),
    ] {
        if let Some(pos) = user_agent.find(token) {
            let version: String = user_agent[pos + token.len()..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            return format!("{name} {version}");
        }
    }
    user_agent.to_string()
}

/// Sizes of the .wasm this page actually loaded, from Resource Timing.
#[derive(Clone, Debug, PartialEq)]
pub struct WasmSize {
    pub url: String,
    /// Bytes after decompression: the module as the engine compiled it.
    pub decoded_bytes: f64,
    /// Bytes on the wire (compressed; 0 when served from cache).
    pub transfer_bytes: f64,
    pub encoded_bytes: f64,
}

pub fn loaded_wasm_size() -> Option<WasmSize> {
    let performance = web_sys::window()?.performance()?;
    let entries = performance.get_entries_by_type("resource");
    entries.iter().find_map(|entry| {
        let timing: web_sys::PerformanceResourceTiming = entry.dyn_into().ok()?;
        let url = timing.name();
        if !url
            .split(['?', '#'])
            .next()
            .unwrap_or("")
            .ends_with(".wasm")
        {
            return None;
        }
        Some(WasmSize {
            url,
            decoded_bytes: timing.decoded_body_size(),
            transfer_bytes: timing.transfer_size(),
            encoded_bytes: timing.encoded_body_size(),
        })
    })
}

/// Sizes the browser reports, for the overview: the one size format of the app
/// ([`crate::lab::fmt::bytes_f64`], binary units).
pub use crate::lab::fmt::bytes_f64 as format_bytes;
