//! The browser entry point: install the panic hook and mount the app.

fn main() {
    #[cfg(target_arch = "wasm32")]
    redmap::ui::start();
}
