//! A plotters drawing backend that writes SVG text.
//!
//! It stands in for plotters' own SVG backend for two reasons: text size is
//! estimated from the character count (no font files or DOM measurement in
//! the browser), and every number is written with integer arithmetic, so
//! the widget carries no float-formatting code (about 25 KB of wasm).

use plotters::prelude::DrawingBackend;
use plotters::style::text_anchor::{HPos, VPos};
use plotters::style::{FontStyle, FontTransform};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};
use std::convert::Infallible;
use std::fmt::Write;

/// Average glyph width of the label font, in em, for text size estimates.
const GLYPH_WIDTH_EM: f64 = 0.58;

/// Writes SVG elements into a string; [`svg_document`] wraps them.
pub struct SvgWriter<'a> {
    size: (u32, u32),
    body: &'a mut String,
}

type DrawResult = Result<(), DrawingErrorKind<Infallible>>;

/// The `<svg>` document of `size` around the elements in `body`.
pub fn svg_document((width, height): (u32, u32), body: &str) -> String {
    format!(
        "<svg width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" xmlns=\"http://www.w3.org/2000/svg\">{body}</svg>"
    )
}

impl<'a> SvgWriter<'a> {
    /// A writer for a picture of `size` (width, height) pixels that appends
    /// its elements to `body`.
    pub fn new(body: &'a mut String, size: (u32, u32)) -> Self {
        Self { size, body }
    }

    /// ` stroke="#rrggbb"` (or `fill`), and an opacity when not opaque.
    fn paint(&mut self, attribute: &str, color: BackendColor) {
        let (r, g, b) = color.rgb;
        let _ = write!(self.body, " {attribute}=\"#{r:02x}{g:02x}{b:02x}\"");
        let percent = (color.alpha.clamp(0.0, 1.0) * 100.0).round() as u32;
        if percent < 100 {
            let _ = write!(self.body, " opacity=\"0.{percent:02}\"");
        }
    }

    /// Paints a closed shape filled, or outlined with no fill, and closes
    /// its tag.
    fn fill_or_outline(&mut self, fill: bool, color: BackendColor) {
        if fill {
            self.paint("fill", color);
        } else {
            self.body.push_str(" fill=\"none\"");
            self.paint("stroke", color);
        }
        self.body.push_str("/>");
    }

    fn points(&mut self, points: impl IntoIterator<Item = BackendCoord>) {
        self.body.push_str(" points=\"");
        for (index, (x, y)) in points.into_iter().enumerate() {
            let separator = if index == 0 { "" } else { " " };
            let _ = write!(self.body, "{separator}{x},{y}");
        }
        self.body.push('"');
    }
}

/// Appends `text` with `&`, `<`, `>` and `"` escaped.
fn push_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            other => out.push(other),
        }
    }
}

impl DrawingBackend for SvgWriter<'_> {
    type ErrorType = Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> DrawResult {
        Ok(())
    }

    fn present(&mut self) -> DrawResult {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> DrawResult {
        if color.alpha > 0.0 {
            let _ = write!(
                self.body,
                "<rect x=\"{x}\" y=\"{y}\" width=\"1\" height=\"1\""
            );
            self.paint("fill", color);
            self.body.push_str("/>");
        }
        Ok(())
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha > 0.0 {
            let _ = write!(
                self.body,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke-width=\"{}\"",
                from.0,
                from.1,
                to.0,
                to.1,
                style.stroke_width()
            );
            self.paint("stroke", style.color());
            self.body.push_str("/>");
        }
        Ok(())
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        if style.color().alpha > 0.0 {
            let _ = write!(
                self.body,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"",
                upper_left.0,
                upper_left.1,
                // At least a pixel wide: a day narrower than a pixel (a
                // year in a narrow card) still shows its bar.
                (bottom_right.0 - upper_left.0).max(1),
                bottom_right.1 - upper_left.1
            );
            self.fill_or_outline(fill, style.color());
        }
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha > 0.0 {
            let _ = write!(
                self.body,
                "<polyline fill=\"none\" stroke-width=\"{}\"",
                style.stroke_width()
            );
            self.paint("stroke", style.color());
            self.points(path);
            self.body.push_str("/>");
        }
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> DrawResult {
        if style.color().alpha > 0.0 {
            let _ = write!(self.body, "<circle cx=\"{x}\" cy=\"{y}\" r=\"{radius}\"");
            self.fill_or_outline(fill, style.color());
        }
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vertices: I,
        style: &S,
    ) -> DrawResult {
        if style.color().alpha > 0.0 {
            self.body.push_str("<polygon");
            self.paint("fill", style.color());
            self.points(vertices);
            self.body.push_str("/>");
        }
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> DrawResult {
        let color = style.color();
        // Nothing to see: an invisible colour, or a label left empty (the
        // chart's days without a date label).
        if color.alpha <= 0.0 || text.is_empty() {
            return Ok(());
        }
        let anchor = match style.anchor().h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let dy = match style.anchor().v_pos {
            VPos::Top => "0.76em",
            VPos::Center => "0.5ex",
            VPos::Bottom => "-0.5ex",
        };
        // plotters sizes fonts in pixels of its own; SVG text at 1/1.24 of
        // that matches plotters' own SVG output.
        let size = (style.size() / 1.24).round().max(1.0) as u32;
        let _ = write!(
            self.body,
            "<text x=\"{x}\" y=\"{y}\" dy=\"{dy}\" text-anchor=\"{anchor}\" font-family=\"{}\" font-size=\"{size}\"",
            style.family().as_str()
        );
        match style.style() {
            FontStyle::Normal => {}
            FontStyle::Bold => self.body.push_str(" font-weight=\"bold\""),
            other => {
                let _ = write!(self.body, " font-style=\"{}\"", other.as_str());
            }
        }
        let degrees = match style.transform() {
            FontTransform::Rotate90 => 90,
            FontTransform::Rotate180 => 180,
            FontTransform::Rotate270 => 270,
            _ => 0,
        };
        if degrees != 0 {
            let _ = write!(self.body, " transform=\"rotate({degrees}, {x}, {y})\"");
        }
        self.paint("fill", color);
        self.body.push('>');
        push_escaped(self.body, text);
        self.body.push_str("</text>");
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let size = style.size();
        let width = (text.chars().count() as f64 * size * GLYPH_WIDTH_EM).ceil() as u32;
        Ok((width, size.ceil() as u32))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::*;

    #[test]
    fn writes_shapes_with_integer_coordinates_and_colours() {
        let mut body = String::new();
        let mut svg = SvgWriter::new(&mut body, (100, 50));
        svg.draw_rect((1, 2), (11, 22), &RGBColor(9, 105, 218), true)
            .unwrap();
        svg.draw_line((0, 0), (5, 5), &RGBColor(0, 0, 0).mix(0.6))
            .unwrap();
        svg.draw_path([(0, 1), (2, 3)], &BLACK).unwrap();
        svg.draw_rect((0, 0), (1, 1), &TRANSPARENT, true).unwrap();
        let text = svg_document((100, 50), &body);
        assert!(text.starts_with("<svg width=\"100\" height=\"50\" viewBox=\"0 0 100 50\""));
        assert!(
            text.contains("<rect x=\"1\" y=\"2\" width=\"10\" height=\"20\" fill=\"#0969da\"/>")
        );
        assert!(text.contains("stroke=\"#000000\" opacity=\"0.60\""));
        assert!(text.contains("points=\"0,1 2,3\""));
        assert_eq!(
            text.matches("<rect").count(),
            1,
            "transparent shapes are not drawn"
        );
        assert!(text.ends_with("</svg>"));
    }

    #[test]
    fn text_is_escaped_and_anchored() {
        let mut body = String::new();
        let mut svg = SvgWriter::new(&mut body, (100, 50));
        let style = ("sans-serif", 15).into_font().color(&BLACK);
        let style = style.pos(plotters::style::text_anchor::Pos::new(
            HPos::Center,
            VPos::Top,
        ));
        svg.draw_text("<b>&\"x\"", &style, (10, 20)).unwrap();
        let text = body;
        assert!(
            text.contains("<text x=\"10\" y=\"20\" dy=\"0.76em\" text-anchor=\"middle\" font-family=\"sans-serif\" font-size=\"12\" fill=\"#000000\">&lt;b&gt;&amp;&quot;x&quot;</text>"),
            "{text}"
        );
    }

    #[test]
    fn text_size_is_estimated_from_the_character_count() {
        let mut body = String::new();
        let svg = SvgWriter::new(&mut body, (100, 50));
        let style = TextStyle::from(("sans-serif", 10).into_font());
        assert_eq!(svg.estimate_text_size("abcd", &style).unwrap(), (24, 10));
    }
}
