//! Files a person picks with `<input type="file">`, read without holding up the page.

/// One picked file: its name and size, and a handle to read it.
pub struct PickedFile {
    /// The file's own name, without a path (`drawing.json`).
    pub name: String,
    /// In bytes, as the browser reports it before reading anything.
    pub size: u64,
    file: web_sys::File,
}

impl PickedFile {
    /// Wraps a `File`, e.g. one a test built or a drop delivered.
    pub fn new(file: web_sys::File) -> PickedFile {
        PickedFile {
            name: file.name(),
            // `as` saturates; a File larger than u64::MAX bytes does not exist.
            size: file.size() as u64,
            file,
        }
    }

    /// The file itself, for reading it some other way (an image the browser decodes).
    pub fn file(&self) -> &web_sys::File {
        &self.file
    }

    /// The whole file as UTF-8 text (`Blob.text()`, which replaces invalid bytes with
    /// U+FFFD as the Encoding standard's decoder does). `None` when the browser could not
    /// read it, e.g. the file was moved or deleted after it was picked.
    pub async fn read_text(&self) -> Option<String> {
        wasm_bindgen_futures::JsFuture::from(self.file.text())
            .await
            .ok()
            .and_then(|value| value.as_string())
    }
}

/// The first file of a file input's `change` (or `input`) event. The input is emptied,
/// so that picking the same file again fires `change` again. `None` when the event does
/// not come from a file input or nothing was picked.
pub fn take_picked_file(event: &web_sys::Event) -> Option<PickedFile> {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = event.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0)?;
    input.set_value("");
    Some(PickedFile::new(file))
}
