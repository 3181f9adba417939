//! Build script: the widget's stylesheet is compiled into the wasm
//! (`element::WIDGET_CSS`), so it is written to `OUT_DIR` without comments
//! and runs of whitespace; `style/widget.css` stays the readable source.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style/widget.css");
    let css = fs::read_to_string("style/widget.css").expect("style/widget.css is readable");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("widget.min.css");
    fs::write(out, minify_css(&css)).expect("OUT_DIR is writable");
}

/// Drops `/* … */` comments, turns each run of whitespace into one space and
/// drops spaces next to `{ } ; , >`. Quoted strings are copied as they are.
fn minify_css(css: &str) -> String {
    const TIGHT: &[char] = &['{', '}', ';', ',', '>'];
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for c in chars.by_ref() {
                    if last == '*' && c == '/' {
                        break;
                    }
                    last = c;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                if space && !out.is_empty() && !out.ends_with(TIGHT) && !TIGHT.contains(&c) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                if c == '"' || c == '\'' {
                    for inner in chars.by_ref() {
                        out.push(inner);
                        if inner == c {
                            break;
                        }
                    }
                }
            }
        }
    }
    out
}
