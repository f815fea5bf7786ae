//! Section 3: what is inside the hello module, read by `lab::wasm`.

use std::rc::Rc;

use yew::prelude::*;

use super::functions::Functions;
use super::hex::HexView;
use super::interface::Interface;
use super::{Hello, Load, hello_status};
use crate::app::widgets::SourceView;

#[derive(Properties, PartialEq)]
pub struct InsideProps {
    pub hello: Load<Rc<Hello>>,
    pub at: usize,
    pub func: Option<u32>,
    pub on_at: Callback<usize>,
    pub on_fn: Callback<u32>,
}

#[component]
pub fn Inside(props: &InsideProps) -> Html {
    // Picking an instruction shows its bytes in the hex view, which sits above.
    let show_bytes = {
        let on_at = props.on_at.clone();
        Callback::from(move |offset: usize| {
            on_at.emit(offset);
            crate::web::dom::focus_by_id("hex-grid");
        })
    };
    html! {
        <section aria-labelledby="inside-title">
            <h3 id="inside-title">{ "3. What is inside the .wasm" }</h3>
            <p>
                { "The file is read here by a reader written for this lab (lab::wasm): the 8-byte header, then sections, \
                   each an id byte, a size, and that many bytes. Numbers are LEB128: seven bits per byte, so small numbers \
                   take one byte. Pick a byte to see what it is, from its section down to the field." }
            </p>
            { hello_status(&props.hello) }
            if let Load::Ready(hello) = &props.hello {
                <HexView hello={hello.clone()} at={props.at} on_at={props.on_at.clone()} />
                <Interface hello={hello.clone()} />
                <Functions hello={hello.clone()} func={props.func} on_fn={props.on_fn.clone()} on_at={show_bytes} />
            }
            <SourceView path="src/lab/wasm/leb128.rs" region="unsigned" summary="Show the Rust: reading a LEB128 number" />
            <SourceView path="src/lab/wasm/module.rs" region="sections" summary="Show the Rust: the header and the section loop" />
        </section>
    }
}
