//! Paging through a long list: First / Previous / Next / Last, and "Go to row".

use yew::prelude::*;

use super::super::typing;
use super::{FocusLater, row_id};
use crate::app::widgets::ErrorText;
use crate::lab::state::view::{PAGE, last_page_start, page_start, parse_position};
use crate::web::state as module;

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub start: usize,
    pub count: usize,
    pub on_page: Callback<usize>,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let (start, count) = (props.start, props.count);
    let last = last_page_start(count);
    let go = |target: usize| props.on_page.reform(move |_: MouseEvent| target);
    html! {
        <nav class="pager row-buttons" aria-label="Pages of items">
            <button type="button" class="button" id="state-page-first" disabled={start == 0} onclick={go(0)}>{ "First" }</button>
            <button type="button" class="button" id="state-page-prev" disabled={start == 0}
                onclick={go(start.saturating_sub(PAGE))}>{ "Previous" }</button>
            <button type="button" class="button" id="state-page-next" disabled={start >= last}
                onclick={go((start + PAGE).min(last))}>{ "Next" }</button>
            <button type="button" class="button" id="state-page-last" disabled={start >= last}
                onclick={go(last)}>{ "Last" }</button>
        </nav>
    }
}

#[derive(Properties, PartialEq)]
pub struct GoToProps {
    pub count: usize,
    pub on_page: Callback<usize>,
    pub focus: FocusLater,
}

#[component]
pub fn GoTo(props: &GoToProps) -> Html {
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let oninput = typing(&text, &[&error]);
    let onsubmit = {
        let (text, error) = (text.clone(), error.clone());
        let (on_page, focus) = (props.on_page.clone(), props.focus.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match parse_position(&text, module::state_item_count()) {
                Ok(index) => {
                    error.set(None);
                    on_page.emit(page_start(index));
                    focus.set(row_id(index));
                }
                Err(why) => error.set(Some(why.message("row"))),
            }
        })
    };
    html! {
        <form class="inline-form goto" onsubmit={onsubmit}>
            <label for="state-goto">{ "Go to row" }</label>
            <div class="input-row">
                <input id="state-goto" type="text" inputmode="numeric" autocomplete="off"
                    value={(*text).clone()} oninput={oninput}
                    aria-invalid={error.is_some().to_string()}
                    aria-describedby="state-goto-error" />
                <button type="submit" class="button" id="state-goto-go">{ "Go" }</button>
            </div>
            <ErrorText id="state-goto-error" message={(*error).clone()} />
        </form>
    }
}
