//! The batched patcher's opcodes have one source: the `Op` and `Counter` enums of
//! `lab::vdom::encode`. `src/web/js/vdom.js` holds them as JavaScript constants between
//! `// region: opcodes` and `// endregion`, and this test fails when that block is not
//! exactly what `js_constants()` writes. `UPDATE_JS=1 cargo test --test vdom_js_table`
//! rewrites the block.

use std::path::PathBuf;

use wasm_playground::lab::vdom::encode::js_constants;

const START: &str = "// region: opcodes\n";
const END: &str = "// endregion\n";

#[test]
fn the_js_opcode_table_is_the_one_rust_writes() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/web/js/vdom.js");
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text
        .find(START)
        .expect("vdom.js has a `// region: opcodes` line")
        + START.len();
    let end = start
        + text[start..]
            .find(END)
            .expect("the opcodes region ends with `// endregion`");
    let wanted = js_constants();
    if text[start..end] == wanted {
        return;
    }
    if std::env::var_os("UPDATE_JS").is_some() {
        let updated = format!("{}{wanted}{}", &text[..start], &text[end..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    panic!(
        "the opcode block of src/web/js/vdom.js differs from lab::vdom::encode; \
         run `UPDATE_JS=1 cargo test --test vdom_js_table`.\n--- in the file:\n{}--- wanted:\n{wanted}",
        &text[start..end]
    );
}
