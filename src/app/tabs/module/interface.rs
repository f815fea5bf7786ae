//! The hello module's imports and exports, with their types, beside what the browser's
//! engine says about the same bytes.

use std::rc::Rc;

use yew::prelude::*;

use super::{Hello, Load};
use crate::lab::wasm::{ExternKind, ExternType, ModuleInfo};
use crate::web::module::{self as glue, EngineEntry, EngineView};

/// Imports and exports as `WebAssembly.Module.imports()/exports()` would list them,
/// from the reader: (module, name, kind), module empty for exports.
pub fn reader_view(info: &ModuleInfo) -> (Vec<EngineEntry>, Vec<EngineEntry>) {
    let entry = |module: &str, name: &str, kind: ExternKind| EngineEntry {
        module: module.to_string(),
        name: name.to_string(),
        kind: kind.js_kind().to_string(),
    };
    (
        info.module
            .imports
            .iter()
            .map(|i| entry(&i.module, &i.name, i.kind))
            .collect(),
        info.module
            .exports
            .iter()
            .map(|e| entry("", &e.name, e.kind))
            .collect(),
    )
}

#[derive(Properties, PartialEq)]
pub struct InterfaceProps {
    pub hello: Rc<Hello>,
}

#[component]
pub fn Interface(props: &InterfaceProps) -> Html {
    let engine = use_state(|| Load::<EngineView>::Loading);
    {
        let engine = engine.clone();
        let bytes = props.hello.bytes.clone();
        use_effect_with(props.hello.clone(), move |_| {
            yew::platform::spawn_local(async move {
                engine.set(match glue::engine_view(&bytes).await {
                    Ok(v) => Load::Ready(v),
                    Err(e) => Load::Failed(e),
                });
            });
        });
    }
    let info = &props.hello.info;
    let (imports, exports) = reader_view(info);
    let agreement = match &*engine {
        Load::Loading => html! { { "Asking the browser's engine…" } },
        Load::Failed(e) => {
            html! { <span class="error">{ format!("The engine could not compile it: {e}") }</span> }
        }
        Load::Ready(v) if v.imports == imports && v.exports == exports => html! {
            <span class="ok">{ format!(
                "✓ The browser agrees: WebAssembly.Module.imports() and .exports() list exactly these {} imports and {} exports, in this order.",
                imports.len(), exports.len()
            ) }</span>
        },
        Load::Ready(v) => html! {
            <span class="error">{ format!(
                "✗ The browser lists {} imports and {} exports; the reader found {} and {}.",
                v.imports.len(), v.exports.len(), imports.len(), exports.len()
            ) }</span>
        },
    };
    let ty = |t: &ExternType| info.extern_text(t);
    html! {
        <div class="interface">
            <h4 id="imports-title">{ "Imports: what JavaScript must provide" }</h4>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="imports-title">
                <table class="facts mono-cells" id="hello-imports" aria-labelledby="imports-title">
                    <thead><tr><th scope="col">{ "Module" }</th><th scope="col">{ "Name" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Type" }</th></tr></thead>
                    <tbody>
                        { for info.module.imports.iter().enumerate().map(|(i, imp)| html! {
                            <tr>
                                <td><code>{ imp.module.clone() }</code></td>
                                <td><code>{ imp.name.clone() }</code></td>
                                <td>{ imp.kind.js_kind() }</td>
                                <td><code>{ info.import_types.get(i).map(ty).unwrap_or_default() }</code></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">
                { "The glue (hello_wasm.js) provides them under the name \"./hello_wasm_bg.js\": __wbg_alert_… decodes Rust's \
                   string and calls alert, __wbg_log_… does the same for console.log. wasm-bindgen makes the names unique with a hash." }
            </p>
            <h4 id="exports-title">{ "Exports: what the module offers" }</h4>
            <div class="table-scroll" tabindex="0" role="region" aria-labelledby="exports-title">
                <table class="facts mono-cells" id="hello-exports" aria-labelledby="exports-title">
                    <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Kind" }</th><th scope="col" class="num">{ "Index" }</th><th scope="col">{ "Type" }</th></tr></thead>
                    <tbody>
                        { for info.module.exports.iter().enumerate().map(|(i, e)| html! {
                            <tr>
                                <td><code>{ e.name.clone() }</code></td>
                                <td>{ e.kind.js_kind() }</td>
                                <td class="num">{ e.index }</td>
                                <td><code>{ info.export_type(i).map(|t| ty(&t)).unwrap_or_default() }</code></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="note">
                { "greet takes two i32s and returns two: a string crosses as a pointer and a length into the module's memory. \
                   fibonacci returns an i64, which JavaScript receives as a BigInt. The __wbindgen_… exports are the glue's \
                   tools: an allocator for copying strings in, and a table for JavaScript values." }
            </p>
            <p id="engine-agreement" role="status">{ agreement }</p>
        </div>
    }
}
