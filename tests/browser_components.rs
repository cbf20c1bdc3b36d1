//! Browser component tests: real Leptos components mounted in headless Chromium
//! (wasm-bindgen-test). They check what a user sees in the DOM for given state.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use redmap::domain::geodata::parse_foreign_geojson;
use redmap::domain::validate::{DataIssue, Severity};
use redmap::ui::i18n::Lang;
use redmap::ui::panels::{DetailsPanel, IssuesPanel, LayersPanel, LoadingIndicator};
use redmap::ui::state::{AppState, LoadState, Loaded, Selection};
use std::sync::Arc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Lets Leptos run its scheduled effects and DOM updates.
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

fn sample_state(lang: Lang) -> AppState {
    let text = r#"{"type":"FeatureCollection","features":[
      {"type":"Feature","properties":{"名称":"<script>alert(1)</script>纪念馆","link":"javascript:alert(2)"},
       "geometry":{"type":"Point","coordinates":[113.2,23.1]}},
      {"type":"Feature","properties":{"name":"Second"},"geometry":{"type":"Point","coordinates":[113.3,23.2]}}]}"#;
    let (dataset, _) = parse_foreign_geojson("test.geojson", text);
    let state = AppState::new(lang);
    let loaded = Loaded::new(dataset, "test".into(), "Test".into(), "Test".into());
    state.data.set(Some(Arc::new(loaded)));
    state.load.set(LoadState::Ready);
    state
}

#[wasm_bindgen_test]
async fn loading_indicator_shows_progress_then_goes() {
    let state = AppState::new(Lang::Zh);
    state.load.set(LoadState::Loading { done: 2, total: 5 });
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <LoadingIndicator /> }
    });
    settle().await;
    let status = root
        .query_selector("[role=status]")
        .expect("query")
        .expect("a status element");
    let text = status.text_content().unwrap_or_default();
    assert!(text.contains("正在加载数据"), "{text}");
    assert!(text.contains("2/5"), "{text}");
    state.load.set(LoadState::Ready);
    settle().await;
    assert!(root
        .query_selector("[role=status]")
        .expect("query")
        .is_none());
}

#[wasm_bindgen_test]
async fn issues_panel_lists_what_and_where() {
    let state = AppState::new(Lang::En);
    state.issues.set(vec![DataIssue {
        file: "sites.geojson".into(),
        path: "features[3].properties.kind".into(),
        message: "unknown kind \"musem\" (did you mean \"museum\"?)".into(),
        severity: Severity::Error,
        reason: None,
    }]);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <IssuesPanel /> }
    });
    settle().await;
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Data problems (1)"), "{text}");
    assert!(
        text.contains("sites.geojson: features[3].properties.kind: unknown kind \"musem\""),
        "{text}"
    );
    assert!(text.contains("error"), "{text}");
}

#[wasm_bindgen_test]
async fn layers_panel_counts_follow_the_data() {
    let state = sample_state(Lang::Zh);
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <LayersPanel /> }
    });
    settle().await;
    let label = root
        .query_selector("label[for=layer-sites]")
        .expect("query")
        .expect("label");
    assert_eq!(
        label.text_content().unwrap_or_default().replace(' ', ""),
        "地点(2)"
    );
}

#[wasm_bindgen_test]
async fn details_render_data_as_text_and_drop_unsafe_links() {
    let state = sample_state(Lang::Zh);
    state.selected.set(Some(Selection::Site(0)));
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state);
        view! { <DetailsPanel /> }
    });
    settle().await;
    let heading = root.query_selector("h2").expect("query").expect("heading");
    assert_eq!(
        heading.text_content().unwrap_or_default(),
        "<script>alert(1)</script>纪念馆"
    );
    assert!(
        root.query_selector("script").expect("query").is_none(),
        "no script element was created"
    );
    assert!(root
        .query_selector("a[href^=javascript]")
        .expect("query")
        .is_none());
    // The foreign property shows in the key/value table, as text.
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("javascript:alert(2)"));
    state.selected.set(None);
    settle().await;
    assert!(root
        .text_content()
        .unwrap_or_default()
        .contains("点击地图上的地点查看详情"));
}
