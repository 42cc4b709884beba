//! Thin adapters over browser APIs the components need: the clock, localStorage,
//! the service worker and persistent storage. No business rules here.

use chrono::NaiveDate;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

pub fn window() -> web_sys::Window {
    web_sys::window().expect("AR Sentinel runs in a browser window")
}

/// The only place the app reads the clock: today's date in the user's time zone.
pub fn today() -> NaiveDate {
    let now = js_sys::Date::new_0();
    NaiveDate::from_ymd_opt(
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
    .expect("the browser's clock gives a valid date")
}

pub fn local_get(key: &str) -> Option<String> {
    window()
        .local_storage()
        .ok()
        .flatten()?
        .get_item(key)
        .ok()
        .flatten()
}

pub fn local_set(key: &str, value: &str) {
    if let Some(storage) = window().local_storage().ok().flatten() {
        // Private-mode browsers may refuse; the choice then lasts for this visit only.
        let _ = storage.set_item(key, value);
    }
}

pub fn location_hash() -> String {
    window().location().hash().unwrap_or_default()
}

pub fn set_document_lang(tag: &str) {
    if let Some(root) = window().document().and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", tag);
    }
}

/// Registers the offline service worker next to index.html (relative, so any path prefix works).
pub fn register_service_worker() {
    let navigator = window().navigator();
    if js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).unwrap_or(false) {
        let _ = navigator.service_worker().register("./sw.js");
    }
}

/// Asks the browser not to evict our IndexedDB data. `None` when the API is missing.
pub async fn request_persistent_storage() -> Option<bool> {
    let storage = window().navigator().storage();
    let promise = storage.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Milliseconds since the epoch, for log ids and timestamps.
pub fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// Offers `content` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, content: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(content));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(document) = window().document() {
        if let Ok(a) = document.create_element("a") {
            let _ = a.set_attribute("href", &url);
            let _ = a.set_attribute("download", file_name);
            if let Ok(a) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(a) {
                a.click();
            }
        }
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// The bytes of a file the user dropped or picked.
pub async fn read_file(file: &web_sys::File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{e:?}"))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// The files of a `FileList` (from an `<input type=file>` or a drop).
pub fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// Bytes used and available to this site (`navigator.storage.estimate()`), if the browser says.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    let promise = window().navigator().storage().estimate().ok()?;
    let est = JsFuture::from(promise).await.ok()?;
    let get = |k: &str| {
        js_sys::Reflect::get(&est, &JsValue::from_str(k))
            .ok()?
            .as_f64()
    };
    Some((get("usage")?, get("quota")?))
}

/// A date-time for people, in the browser's locale and time zone.
pub fn format_ms(ms: u64, lang_tag: &str) -> String {
    js_sys::Date::new(&JsValue::from_f64(ms as f64))
        .to_locale_string(lang_tag, &JsValue::UNDEFINED)
        .as_string()
        .unwrap_or_default()
}

/// Waits for the next animation frame (and then a task), so the page paints before the
/// next long step of work.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = JsFuture::from(promise).await;
    gloo_timers::future::TimeoutFuture::new(0).await;
}

/// Puts `text` on the clipboard (`navigator.clipboard.writeText`); false if the browser
/// refused (no permission, not a secure context).
pub async fn copy_text(text: &str) -> bool {
    let navigator = window().navigator();
    let Ok(clipboard) = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard")) else {
        return false;
    };
    let Ok(write) = js_sys::Reflect::get(&clipboard, &JsValue::from_str("writeText")) else {
        return false;
    };
    let Ok(write) = wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(write) else {
        return false;
    };
    match write.call1(&clipboard, &JsValue::from_str(text)) {
        Ok(promise) => JsFuture::from(js_sys::Promise::from(promise)).await.is_ok(),
        Err(_) => false,
    }
}

/// The as-of date at the clock's time of day: when approvals are stamped. "Today" is the
/// as-of date everywhere, so a request made while looking at a date counts from that date.
pub fn moment_on(date: chrono::NaiveDate) -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    date.and_hms_opt(now.get_hours(), now.get_minutes(), now.get_seconds())
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN))
}
