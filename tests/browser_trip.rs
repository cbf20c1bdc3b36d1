//! Browser component tests of the trip planner: "Add to my trip" toggles a stop, the planner
//! schedules it, and site names from the data stay text in the planner.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use redmap::domain::geodata::parse_foreign_geojson;
use redmap::domain::model::SiteId;
use redmap::ui::i18n::Lang;
use redmap::ui::panels::{AddToTripButton, TripPanel};
use redmap::ui::state::{AppState, LoadState, Loaded};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 10);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn container() -> web_sys::HtmlElement {
    let doc = document();
    let div = doc.create_element("div").expect("div");
    doc.body()
        .expect("body")
        .append_child(&div)
        .expect("append");
    div.unchecked_into()
}

fn state() -> AppState {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","id":"a","properties":{"name":"<b>A</b> museum","kind":"museum","opening_hours":"Tu-Su 09:00-17:00"},
       "geometry":{"type":"Point","coordinates":[113.2,23.1]}},
      {"type":"Feature","id":"b","properties":{"name":"B"},"geometry":{"type":"Point","coordinates":[113.21,23.1]}}]}"#;
    let (dataset, _) = parse_foreign_geojson("test.geojson", text);
    let state = AppState::new(Lang::En);
    let loaded = Loaded::new(dataset, "test".into(), "Test".into(), "Test".into());
    state.data.set(Some(Arc::new(loaded)));
    state.load.set(LoadState::Ready);
    state
}

fn button(root: &web_sys::HtmlElement, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .expect("query")
        .expect("button")
        .unchecked_into()
}

#[wasm_bindgen_test]
async fn add_to_trip_toggles_and_the_planner_schedules_it() {
    let state = state();
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! {
            <AddToTripButton site=SiteId::from("a") />
            <AddToTripButton site=SiteId::from("b") />
            <TripPanel />
        }
    });
    settle().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("My trip (0)"));
    button(&root, ".add-to-trip").click();
    settle().await;
    assert!(state
        .trip
        .trip
        .with_untracked(|t| t.contains(&SiteId::from("a"))));
    assert!(
        state.trip.trip.with_untracked(|t| t.date.is_some()),
        "the first stop sets today"
    );
    let text = root.text_content().unwrap_or_default();
    assert!(
        text.contains("My trip (1)") && text.contains("In my trip"),
        "{text}"
    );
    assert!(text.contains("<b>A</b> museum"), "data names are text");
    assert!(root.query_selector("li b").expect("query").is_none());
    assert!(
        text.contains("09:00–10:00"),
        "a museum's default visit is 60 min: {text}"
    );
    button(&root, ".add-to-trip").click();
    settle().await;
    assert!(
        state.trip.trip.with_untracked(|t| t.is_empty()),
        "a second click removes it"
    );
}
