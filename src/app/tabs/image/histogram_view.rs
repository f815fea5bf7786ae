//! The histogram of the result: r, g, b and luma.

use std::rc::Rc;

use yew::prelude::*;

use crate::lab::image::Histogram;
use crate::lab::image::view::histogram_lines;

#[derive(Properties, PartialEq)]
pub struct HistogramViewProps {
    pub hist: Option<Rc<Histogram>>,
}

#[component]
pub fn HistogramView(props: &HistogramViewProps) -> Html {
    let Some(h) = &props.hist else {
        return html! { <h3>{ "Histogram of the result" }</h3> };
    };
    let [r, g, b, luma] = histogram_lines(h);
    html! {
        <>
            <h3>{ "Histogram of the result" }</h3>
            <svg class="histogram" viewBox="0 -2 255 104" preserveAspectRatio="none"
                 role="img" aria-label={format!("Histogram of the result: mean luma {:.1}", h.mean_luma())}>
                <polyline points={r} fill="none" stroke="#e5484d" stroke-width="1.2" vector-effect="non-scaling-stroke" />
                <polyline points={g} fill="none" stroke="#30a46c" stroke-width="1.2" vector-effect="non-scaling-stroke" />
                <polyline points={b} fill="none" stroke="#3e63dd" stroke-width="1.2" vector-effect="non-scaling-stroke" />
                <polyline points={luma} fill="none" stroke="currentColor" stroke-width="1.6" vector-effect="non-scaling-stroke" />
            </svg>
            <div class="legend"><span class="r">{ "red" }</span><span class="g">{ "green" }</span><span class="b">{ "blue" }</span><span class="l">{ "luma" }</span><span>{ "(height ∝ √count)" }</span></div>
        </>
    }
}
