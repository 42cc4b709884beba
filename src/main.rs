#[cfg(target_arch = "wasm32")]
fn main() {
    ar_sentinel::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("AR Sentinel runs in the browser: see README.md (scripts/serve.sh).");
}
