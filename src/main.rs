//! The browser entry point: a readable panic message in the console, then the app.

fn main() {
    console_error_panic_hook::set_once();
    nines::ui::mount();
}
