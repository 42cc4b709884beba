//! Thin adapters over browser APIs the components need: the clock, localStorage,
//! the service worker and persistent storage. No business rules here.

use chrono::NaiveDate;
use wasm_bindgen::{JsCast, JsValue};
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
    if let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) {
        download_blob(file_name, &blob);
    }
}

/// Offers `bytes` (an XLSX workbook, say) as a file download named `file_name`.
pub fn download_bytes(file_name: &str, mime: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) {
        download_blob(file_name, &blob);
    }
}

fn download_blob(file_name: &str, blob: &web_sys::Blob) {
    let Ok(url) = web_sys::Url::create_object_url_with_blob(blob) else {
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

/// The browser's current UTC offset (for `.eml` dates and audit times).
pub fn local_offset() -> chrono::FixedOffset {
    let minutes_west = js_sys::Date::new_0().get_timezone_offset() as i32;
    chrono::FixedOffset::west_opt(minutes_west * 60)
        .unwrap_or_else(|| chrono::FixedOffset::east_opt(0).expect("zero offset"))
}

/// Now, in the browser's time zone.
pub fn now_local() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::from_timestamp_millis(now_ms() as i64)
        .unwrap_or_default()
        .with_timezone(&local_offset())
}

/// Puts `text` on the clipboard; `Err` with the browser's reason when it refuses.
pub async fn copy_text(text: &str) -> Result<(), String> {
    let promise = window().navigator().clipboard().write_text(text);
    JsFuture::from(promise)
        .await
        .map(|_| ())
        .map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// A POST's answer: the status (0 when opaque) and the body text.
pub struct HttpAnswer {
    pub status: u16,
    pub body: String,
}

/// POSTs `body`. `readable`: a CORS request whose answer we can read; otherwise `no-cors`
/// (the request leaves, the answer is opaque). `Err` holds the browser's reason.
pub async fn post(
    url: &str,
    headers: &[(String, String)],
    body: &str,
    readable: bool,
) -> Result<HttpAnswer, String> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&JsValue::from_str(body));
    let h = web_sys::Headers::new().map_err(|e| format!("{e:?}"))?;
    if readable {
        init.set_mode(web_sys::RequestMode::Cors);
        h.set("Content-Type", "application/json")
            .map_err(|e| format!("{e:?}"))?;
        for (k, v) in headers {
            h.set(k, v).map_err(|e| format!("{e:?}"))?;
        }
    } else {
        // Only "simple" requests may go no-cors: text/plain, no custom headers.
        init.set_mode(web_sys::RequestMode::NoCors);
        h.set("Content-Type", "text/plain;charset=UTF-8")
            .map_err(|e| format!("{e:?}"))?;
    }
    init.set_headers(&h);
    let request =
        web_sys::Request::new_with_str_and_init(url, &init).map_err(|e| format!("{e:?}"))?;
    let answer = JsFuture::from(window().fetch_with_request(&request))
        .await
        .map_err(|e| {
            js_sys::Reflect::get(&e, &JsValue::from_str("message"))
                .ok()
                .and_then(|m| m.as_string())
                .unwrap_or_else(|| format!("{e:?}"))
        })?;
    let response: web_sys::Response = answer.dyn_into().map_err(|e| format!("{e:?}"))?;
    let status = response.status();
    let body = match response.text() {
        Ok(p) => JsFuture::from(p)
            .await
            .ok()
            .and_then(|t| t.as_string())
            .unwrap_or_default(),
        Err(_) => String::new(),
    };
    Ok(HttpAnswer { status, body })
}

/// Shows a system notification if the user allowed them (asks once when `ask`).
pub async fn notify(title: &str, body: &str, ask: bool) {
    use web_sys::{Notification, NotificationOptions, NotificationPermission};
    let mut permission = Notification::permission();
    if permission == NotificationPermission::Default && ask {
        if let Ok(p) = Notification::request_permission() {
            let _ = JsFuture::from(p).await;
        }
        permission = Notification::permission();
    }
    if permission == NotificationPermission::Granted {
        let options = NotificationOptions::new();
        options.set_body(body);
        let _ = Notification::new_with_options(title, &options);
    }
}

/// Keeps the page's Content-Security-Policy in step with the configured webhook origins:
/// `index.html`'s first script reads this key and allows exactly these in `connect-src`.
pub fn set_connect_origins(origins: &[String]) {
    local_set(CONNECT_ORIGINS_KEY, &origins.join(" "));
}

/// The origins allowed when this page was loaded (a change needs a reload).
pub fn loaded_connect_origins() -> String {
    js_sys::Reflect::get(&window(), &JsValue::from_str("__arConnectOrigins"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Moves to another hash route (the hashchange listener updates the app).
pub fn set_location_hash(hash: &str) {
    let _ = window().location().set_hash(hash);
}

/// Opens the browser's print dialog (statements print on A4).
pub fn print() {
    let _ = window().print();
}

pub fn reload() {
    let _ = window().location().reload();
}

const CONNECT_ORIGINS_KEY: &str = "ar-sentinel.connect-origins";

const CHANNEL_NAME: &str = "ar-sentinel";

thread_local! {
    static CHANNEL: Option<web_sys::BroadcastChannel> = web_sys::BroadcastChannel::new(CHANNEL_NAME).ok();
}

/// Tells this app's other tabs that the stored data changed.
pub fn broadcast_changed() {
    CHANNEL.with(|c| {
        if let Some(c) = c {
            let _ = c.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Calls `on_change` whenever another tab says the stored data changed.
pub fn on_other_tab_change(on_change: impl Fn() + 'static) {
    CHANNEL.with(|c| {
        if let Some(c) = c {
            let handler = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::MessageEvent)>::new(
                move |_: web_sys::MessageEvent| on_change(),
            );
            c.set_onmessage(Some(handler.as_ref().unchecked_ref()));
            handler.forget();
        }
    });
}

/// Watches the database for a newer app version opening it in another tab (`versionchange`):
/// calls `on_stale` once, after letting go of this watcher's own connection. The app then
/// tells the user to reload, which closes this tab's connections so the upgrade can finish.
pub fn watch_for_upgrade(db_name: &str, on_stale: impl Fn() + 'static) {
    let Ok(Some(factory)) = window().indexed_db() else {
        return;
    };
    let Ok(request) = factory.open(db_name) else {
        return;
    };
    let on_stale = std::rc::Rc::new(on_stale);
    let req = request.clone();
    let opened = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
        let Ok(result) = req.result() else { return };
        let Ok(db) = result.dyn_into::<web_sys::IdbDatabase>() else {
            return;
        };
        let on_stale = on_stale.clone();
        let watched = db.clone();
        let change = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::Event)>::new(move |_| {
            watched.close();
            on_stale();
        });
        db.set_onversionchange(Some(change.as_ref().unchecked_ref()));
        change.forget();
    });
    request.set_onsuccess(Some(opened.as_ref().unchecked_ref()));
    opened.forget();
}

/// The as-of date at the clock's time of day: when approvals are stamped. "Today" is the
/// as-of date everywhere, so a request made while looking at a date counts from that date.
pub fn moment_on(date: chrono::NaiveDate) -> chrono::NaiveDateTime {
    let now = js_sys::Date::new_0();
    date.and_hms_opt(now.get_hours(), now.get_minutes(), now.get_seconds())
        .unwrap_or_else(|| date.and_time(chrono::NaiveTime::MIN))
}
