//! The wasm entry: everything lives in the library.

fn main() {
    smart_link_clicks::start();
}
