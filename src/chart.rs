//! The daily clicks chart: points from the response, the geometry that maps
//! a pointer to a day, and the SVG drawn by plotters from numbers and date
//! labels only (no response text reaches the SVG).

use crate::day::UtcDay;
use crate::format::{clicks_label, Labels};
use crate::model::ChartEntry;
use crate::svg::{svg_document, SvgWriter};
use plotters::coord::ranged1d::{SegmentValue, SegmentedCoord};
use plotters::coord::types::RangedCoordusize;
use plotters::prelude::*;

/// The width the chart is drawn for until its box has been measured, in
/// SVG units, which are CSS pixels: the chart is drawn for the width it has.
pub const DEFAULT_CHART_WIDTH: u32 = 720;
/// The narrowest and widest the chart is drawn for.
const CHART_WIDTHS: (u32, u32) = (240, 1600);
/// At most this many date labels along the x axis.
pub const MAX_X_LABELS: usize = 12;
/// Room one x label needs, so no label touches the next: `Nov 2026` in
/// the 12 px label font, and a gap.
const X_LABEL_ROOM: u32 = 64;
/// The y-axis label area, and the margins left and right of the plot.
const Y_LABEL_AREA: u32 = 60;
const MARGINS: (u32, u32) = (6, 16);
/// The label font size in plotters' units: 12 CSS px, the widget's small
/// text (the SVG backend writes plotters' sizes at 1/1.24, as plotters'
/// own SVG backend does).
const LABEL_SIZE: f64 = 12.0 * 1.24;

/// The width to draw for a box `box_width` CSS pixels wide: whole pixels,
/// at least 240 and at most 1,600 (wider boxes scale the 1,600 px drawing
/// up); [`DEFAULT_CHART_WIDTH`] for a width that is not a number.
pub fn chart_width(box_width: f64) -> u32 {
    let (narrowest, widest) = CHART_WIDTHS;
    if box_width.is_finite() {
        (box_width.floor().max(0.0) as u32).clamp(narrowest, widest)
    } else {
        DEFAULT_CHART_WIDTH
    }
}

/// The drawing size for a width: a third as tall as wide, 180 to 300.
pub fn chart_size(width: u32) -> (u32, u32) {
    (width, (width / 3).clamp(180, 300))
}

/// How many date labels fit along a chart `width` wide for `count` days:
/// fewer when narrow, never more than [`MAX_X_LABELS`] or the days.
pub fn x_label_count(width: u32, count: usize) -> usize {
    let room = width.saturating_sub(Y_LABEL_AREA + MARGINS.0 + MARGINS.1) / X_LABEL_ROOM;
    (room as usize).clamp(2, MAX_X_LABELS).min(count)
}

/// The space left empty on each side of a bar, in pixels, for `count`
/// days across a chart `width` wide: an eighth of a day's room (a quarter
/// between two bars), so bars stay bars at every width; none when a day
/// has under 4 px.
pub fn bar_gap(width: u32, count: usize) -> u32 {
    let plot = width.saturating_sub(Y_LABEL_AREA + MARGINS.0 + MARGINS.1);
    let day = f64::from(plot) / count.max(1) as f64;
    if day < 4.0 {
        0
    } else {
        ((day * 0.12).round() as u32).max(1)
    }
}

/// The x axis: one segment per day. (plotters' integer ranges hold their
/// end, so `0..count` would add an empty segment after the last day.)
fn day_axis(count: usize) -> SegmentedCoord<RangedCoordusize> {
    (0..count.saturating_sub(1)).into_segmented()
}

/// Where the bar of day `index` of `count` ends: where the next begins,
/// or the axis's end for the last.
fn bar_end(index: usize, count: usize) -> SegmentValue<usize> {
    if index + 1 >= count {
        SegmentValue::Last
    } else {
        SegmentValue::Exact(index + 1)
    }
}

/// Which of `count` days get a date label on a chart `width` wide: every
/// `step`-th, [`x_label_count`] at most, none so close to either end of
/// the axis that its text would reach the y axis's labels or be cut.
fn labelled_days(width: u32, count: usize) -> impl Fn(usize) -> bool {
    let step = count.div_ceil(x_label_count(width, count).max(1)).max(1);
    let plot = f64::from(width.saturating_sub(Y_LABEL_AREA + MARGINS.0 + MARGINS.1));
    let day = plot / count.max(1) as f64;
    // The y labels end 10 px left of the plot, and half the widest label
    // (`20 Dec` in a wide 12 px font) is under 24 px: a first label centred
    // 16 px into the plot clears them; the last keeps 24 px from the
    // drawing's right edge.
    let first = ((16.0 / day - 0.5).ceil().max(0.0) as usize).min(step - 1);
    let last_centre = f64::from(width) - 24.0;
    move |index| {
        let centre = f64::from(Y_LABEL_AREA + MARGINS.0) + day * (index as f64 + 0.5);
        index % step == first && centre <= last_centre
    }
}

/// One bar: a UTC day and its clicks.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyPoint {
    /// The day, when the API sent a readable date.
    pub day: Option<UtcDay>,
    /// The date as sent, kept only when it could not be read (empty
    /// otherwise).
    pub raw: String,
    /// Clicks that day.
    pub clicks: u64,
}

impl DailyPoint {
    /// What to call the day: `Mon 3 Nov 2026` as `labels` write it, or
    /// the date as sent when it could not be read.
    pub fn name(&self, labels: &dyn Labels) -> String {
        self.day
            .map_or_else(|| self.raw.clone(), |day| labels.long_day(day))
    }
}

/// One point per chart entry, in the order received.
pub fn daily_points(entries: &[ChartEntry]) -> Vec<DailyPoint> {
    entries
        .iter()
        .map(|entry| DailyPoint {
            day: entry.day,
            raw: if entry.day.is_some() {
                String::new()
            } else {
                entry.timestamp.clone()
            },
            clicks: entry.clicks,
        })
        .collect()
}

/// The plotting area inside the SVG, in SVG units.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PlotArea {
    /// Left edge of the first bar.
    pub left: f64,
    /// Right edge of the last bar.
    pub right: f64,
    /// Top of the y axis.
    pub top: f64,
    /// The x axis.
    pub bottom: f64,
}

impl PlotArea {
    /// The index of the bar under SVG x coordinate `x`, if any.
    pub fn index_at(&self, count: usize, x: f64) -> Option<usize> {
        if count == 0 || x < self.left || x > self.right || self.right <= self.left {
            return None;
        }
        let fraction = (x - self.left) / (self.right - self.left);
        Some(((fraction * count as f64).floor() as usize).min(count - 1))
    }

    /// The horizontal centre of bar `index`, in SVG units.
    pub fn center_of(&self, count: usize, index: usize) -> f64 {
        let width = (self.right - self.left) / count.max(1) as f64;
        self.left + width * (index as f64 + 0.5)
    }
}

/// A drawn chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartSvg {
    /// The SVG document, as plotters wrote it.
    pub svg: String,
    /// Where the bars are.
    pub plot: PlotArea,
    /// The drawing's size (width, height), in SVG units.
    pub size: (u32, u32),
}

/// The smallest "nice" number (1, 2, 2.5, 5 times a power of ten) at or
/// above `max`, so the y axis ends on a round value. At least 5.
pub fn nice_ceiling(max: u64) -> u64 {
    if max <= 5 {
        return 5;
    }
    let mut magnitude = 1u64;
    while magnitude.saturating_mul(10) <= max {
        magnitude *= 10;
    }
    for step in [10u64, 20, 25, 50, 100] {
        let candidate = magnitude.saturating_mul(step) / 10;
        if candidate >= max {
            return candidate;
        }
    }
    magnitude.saturating_mul(10)
}

/// The x-axis label for a bar: `3 Nov` within a year, `Nov 2026` beyond.
fn x_label(points: &[DailyPoint], index: usize, labels: &dyn Labels) -> String {
    let long_range = points.len() > 366;
    match points.get(index).and_then(|p| p.day) {
        Some(day) if long_range => labels.month_year(day),
        Some(day) => labels.day_month(day),
        None => String::new(),
    }
}

/// The compared series' colour as drawn; the widget's stylesheet themes
/// the marks of this colour (`--slc-compare`).
pub const COMPARED_COLOUR: RGBColor = RGBColor(0xbc, 0x4c, 0x00);
/// The clean series' colour as drawn (`--slc-clean`).
pub const CLEAN_COLOUR: RGBColor = RGBColor(0x1a, 0x7f, 0x37);

/// Draws one bar per point with plotters' SVG backend, for a box `width`
/// SVG units (CSS pixels) wide: see [`chart_width`]; `compared` (a
/// compared range's days, empty for none) as a line over the bars,
/// aligned day by day (its first day over the first bar; the stylesheet
/// dashes it), and `clean` (the same days without bots and duplicates,
/// empty for none) as a line of its own; its numbers and dates written by
/// `labels`. Needs no DOM.
pub fn render_chart_svg(
    points: &[DailyPoint],
    compared: &[DailyPoint],
    clean: &[DailyPoint],
    width: u32,
    labels: &dyn Labels,
) -> Result<ChartSvg, String> {
    let size = chart_size(width.clamp(CHART_WIDTHS.0, CHART_WIDTHS.1));
    let count = points.len().max(1);
    let max = points
        .iter()
        .chain(compared.iter().take(count))
        .map(|p| p.clicks)
        .max()
        .unwrap_or(0);
    let y_top = nice_ceiling(max);
    // Light-theme colours; the widget's stylesheet recolours them per theme.
    let (fg, grid, bar) = (
        RGBColor(0x57, 0x60, 0x6a),
        RGBColor(0xe4, 0xe7, 0xeb),
        RGBColor(0x09, 0x69, 0xda),
    );
    let mut body = String::with_capacity(16 * 1024);
    let plot = {
        let root = SvgWriter::new(&mut body, size).into_drawing_area();
        let mut chart = ChartBuilder::on(&root)
            .margin_top(12)
            .margin_right(MARGINS.1)
            .margin_left(MARGINS.0)
            .margin_bottom(4)
            .x_label_area_size(22)
            .y_label_area_size(Y_LABEL_AREA)
            .build_cartesian_2d(day_axis(count), 0u64..y_top)
            .map_err(|e| e.to_string())?;
        // A FontFamily, not "sans-serif": parsing a name lowercases it, which
        // links 12 KB of Unicode case tables.
        let label_style = (FontFamily::SansSerif, LABEL_SIZE).into_font().color(&fg);
        // plotters offers every day; only every `step`-th is labelled, so
        // the labels spread evenly over the width and never touch.
        let labelled = labelled_days(size.0, count);
        let x_formatter = |value: &SegmentValue<usize>| match value {
            SegmentValue::CenterOf(i) | SegmentValue::Exact(i) if labelled(*i) => {
                x_label(points, *i, labels)
            }
            _ => String::new(),
        };
        let y_formatter = |value: &u64| labels.number(*value);
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(count)
            .set_tick_mark_size(LabelAreaPosition::Bottom, 0)
            .y_labels(5)
            .x_label_formatter(&x_formatter)
            .y_label_formatter(&y_formatter)
            .label_style(label_style)
            .axis_style(fg.mix(0.6))
            .bold_line_style(grid)
            .light_line_style(TRANSPARENT)
            .draw()
            .map_err(|e| e.to_string())?;
        let gap = bar_gap(size.0, count);
        chart
            .draw_series(points.iter().enumerate().map(|(index, point)| {
                let mut rect = Rectangle::new(
                    [
                        (SegmentValue::Exact(index), 0),
                        (bar_end(index, count), point.clicks.min(y_top)),
                    ],
                    bar.filled(),
                );
                rect.set_margin(0, 0, gap, gap);
                rect
            }))
            .map_err(|e| e.to_string())?;
        // One polyline per series (the stylesheet colours and dashes it),
        // so the SVG stays one element per series.
        for (series, colour) in [(compared, COMPARED_COLOUR), (clean, CLEAN_COLOUR)] {
            if series.is_empty() {
                continue;
            }
            let line = series
                .iter()
                .take(count)
                .enumerate()
                .map(|(index, point)| (SegmentValue::CenterOf(index), point.clicks.min(y_top)));
            chart
                .draw_series(LineSeries::new(line, colour.stroke_width(2)))
                .map_err(|e| e.to_string())?;
        }
        let (x_range, y_range) = chart.plotting_area().get_pixel_range();
        PlotArea {
            left: f64::from(x_range.start),
            right: f64::from(x_range.end),
            top: f64::from(y_range.start),
            bottom: f64::from(y_range.end),
        }
    };
    Ok(ChartSvg {
        svg: svg_document(size, &body),
        plot,
        size,
    })
}

/// The chart's accessible name: range, total and peak, written by `labels`.
pub fn aria_label(points: &[DailyPoint], range: &str, total: u64, labels: &dyn Labels) -> String {
    let peak = points
        .iter()
        .max_by_key(|p| p.clicks)
        .filter(|p| p.clicks > 0);
    let peak_text = peak
        .map(|p| {
            format!(
                ", peak {} on {}",
                clicks_label(labels, p.clicks),
                p.name(labels)
            )
        })
        .unwrap_or_default();
    format!(
        "Daily clicks by UTC day, {range}: {} in all{peak_text}.",
        clicks_label(labels, total)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::english::EnglishLabels;

    fn points(days: usize, clicks: impl Fn(usize) -> u64) -> Vec<DailyPoint> {
        let start = UtcDay::parse("2026-10-25").unwrap();
        (0..days)
            .map(|i| {
                let day = start.add_days(i as i32);
                DailyPoint {
                    day: Some(day),
                    raw: String::new(),
                    clicks: clicks(i),
                }
            })
            .collect()
    }

    fn count_marks(svg: &str) -> usize {
        svg.matches("<rect").count()
    }

    #[test]
    fn one_bar_per_day_for_one_to_366_days() {
        for days in [1, 7, 30, 90, 366] {
            let chart = render_chart_svg(
                &points(days, |i| (i as u64 * 37) % 300),
                &[],
                &[],
                DEFAULT_CHART_WIDTH,
                &EnglishLabels,
            )
            .unwrap();
            assert_eq!(count_marks(&chart.svg), days, "{days} days");
        }
    }

    /// Every bar keeps at least half its day's room and a gap to the
    /// next where a day has room for one, at every width drawn.
    #[test]
    fn bars_keep_their_width_at_every_width() {
        for width in [240, 296, 336, 440, 720, 1232, 1600] {
            for days in [1, 7, 30, 90, 366] {
                let chart =
                    render_chart_svg(&points(days, |_| 10), &[], &[], width, &EnglishLabels)
                        .unwrap();
                let room = (chart.plot.right - chart.plot.left) / days as f64;
                let widths: Vec<f64> = chart
                    .svg
                    .split("<rect")
                    .skip(1)
                    .filter_map(|r| r.split("width=\"").nth(1)?.split('"').next()?.parse().ok())
                    .collect();
                assert_eq!(widths.len(), days);
                for bar in widths {
                    assert!(
                        bar >= (room * 0.5).floor() && bar >= 1.0,
                        "{width} px, {days} days: a bar {bar} px of {room:.1}"
                    );
                    if room >= 5.0 {
                        assert!(
                            bar < room.ceil(),
                            "{width} px, {days} days: no gap ({bar} of {room:.1})"
                        );
                    }
                }
            }
        }
    }

    /// The compared range is a line of its colour over the bars, a point
    /// per day from the first bar's centre, and raises the y axis when it
    /// is higher; none without one.
    #[test]
    fn a_compared_range_is_a_dashed_line_aligned_day_by_day() {
        let now = points(30, |_| 100);
        let before = points(30, |i| if i == 29 { 1_900 } else { 50 });
        let plain = render_chart_svg(&now, &[], &[], 720, &EnglishLabels).unwrap();
        let compared = render_chart_svg(&now, &before, &[], 720, &EnglishLabels).unwrap();
        let colour = "stroke=\"#bc4c00\"";
        assert!(!plain.svg.contains(colour));
        assert_eq!(compared.svg.matches(colour).count(), 1, "one polyline");
        let after = compared.svg.split(colour).nth(1).unwrap();
        let line = after
            .split("points=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let first_x: f64 = line.split(',').next().unwrap().parse().unwrap();
        assert!(
            (first_x - compared.plot.center_of(30, 0)).abs() <= 1.0,
            "starts over the first bar ({first_x})"
        );
        assert_eq!(line.matches(',').count(), 30, "a point per day");
        assert!(
            compared.svg.contains(">2,000</text>"),
            "the y axis reaches the compared peak"
        );
        assert!(!plain.svg.contains(">2,000</text>"));
        assert_eq!(count_marks(&compared.svg), 30, "still one bar per day");
        // The clean series: one more polyline, of its own colour.
        let clean =
            render_chart_svg(&now, &before, &points(30, |_| 80), 720, &EnglishLabels).unwrap();
        assert_eq!(clean.svg.matches("stroke=\"#1a7f37\"").count(), 1);
        assert_eq!(clean.svg.matches(colour).count(), 1);
        // A compared range longer than the view is cut at the view's days.
        let longer = render_chart_svg(
            &now,
            &points(31, |i| if i == 30 { 9_999 } else { 5 }),
            &[],
            720,
            &EnglishLabels,
        )
        .unwrap();
        assert!(!longer.svg.contains(">10,000</text>"));
    }

    #[test]
    fn zero_days_are_still_marks() {
        let chart = render_chart_svg(
            &points(30, |_| 0),
            &[],
            &[],
            DEFAULT_CHART_WIDTH,
            &EnglishLabels,
        )
        .unwrap();
        assert_eq!(count_marks(&chart.svg), 30);
    }

    /// The chart's SVG goes into the page as markup: text from a response
    /// (a timestamp that is not a date) must never be part of it.
    #[test]
    fn response_text_never_reaches_the_svg() {
        let mut hostile = points(3, |i| i as u64);
        hostile[1].day = None;
        hostile[1].raw = "<img src=x onerror=alert(1)>".into();
        // The compared range's and the clean series' points carry labels
        // too: only their counts may be drawn.
        let svg = render_chart_svg(
            &hostile,
            &hostile,
            &hostile,
            DEFAULT_CHART_WIDTH,
            &EnglishLabels,
        )
        .unwrap()
        .svg;
        assert!(!svg.contains("<img") && !svg.contains("onerror"), "{svg}");
        assert!(svg.starts_with("<svg"));
    }

    #[test]
    fn labels_show_dates_and_thousands() {
        let chart = render_chart_svg(
            &points(30, |i| 1000 + i as u64 * 40),
            &[],
            &[],
            DEFAULT_CHART_WIDTH,
            &EnglishLabels,
        )
        .unwrap();
        let has_label = |text: &str| chart.svg.contains(&format!(">{text}</text>"));
        // The first day's label, or the second's where the first would
        // reach the y axis's labels.
        assert!(
            has_label("25 Oct") || has_label("26 Oct"),
            "no first date label"
        );
        assert!(has_label("1,000"), "no thousands label in y axis");
        let date_labels = ["Oct</text>", "Nov</text>"]
            .iter()
            .map(|m| chart.svg.matches(m).count())
            .sum::<usize>();
        assert!(
            (2..=MAX_X_LABELS).contains(&date_labels),
            "{date_labels} date labels"
        );
    }

    #[test]
    fn pointer_positions_map_to_days() {
        let chart = render_chart_svg(
            &points(30, |_| 5),
            &[],
            &[],
            DEFAULT_CHART_WIDTH,
            &EnglishLabels,
        )
        .unwrap();
        let plot = chart.plot;
        assert!(plot.left > 0.0 && plot.right <= f64::from(chart.size.0));
        assert_eq!(plot.index_at(30, plot.left), Some(0));
        assert_eq!(plot.index_at(30, plot.right), Some(29));
        assert_eq!(plot.index_at(30, plot.center_of(30, 17)), Some(17));
        assert_eq!(plot.index_at(30, plot.left - 1.0), None);
        assert_eq!(plot.index_at(0, plot.left), None);
    }

    /// The x positions of the date labels (`25 Oct`) in a chart's SVG.
    fn date_label_xs(svg: &str) -> Vec<f64> {
        let mut xs: Vec<f64> = svg
            .split("<text")
            .skip(1)
            .filter(|t| {
                let text = t
                    .split('>')
                    .nth(1)
                    .and_then(|r| r.split('<').next())
                    .unwrap_or("");
                text.starts_with(|c: char| c.is_ascii_digit())
                    && text.ends_with(|c: char| c.is_ascii_alphabetic())
            })
            .filter_map(|t| t.split("x=\"").nth(1)?.split('"').next()?.parse().ok())
            .collect();
        xs.sort_by(f64::total_cmp);
        xs
    }

    /// Issue 19: the chart is drawn for the width it has, with fewer date
    /// labels when narrow, and no label overlapping the next.
    #[test]
    fn the_chart_is_drawn_for_its_width_with_labels_that_fit() {
        assert_eq!(chart_width(336.6), 336);
        assert_eq!(chart_width(100.0), 240);
        assert_eq!(chart_width(9000.0), 1600);
        assert_eq!(chart_width(f64::NAN), DEFAULT_CHART_WIDTH);
        let labels_at = |width, days| {
            let chart = render_chart_svg(
                &points(days, |i| i as u64 * 13),
                &[],
                &[],
                width,
                &EnglishLabels,
            )
            .unwrap();
            assert!(
                chart.svg.starts_with(&format!("<svg width=\"{width}\" ")),
                "{width}"
            );
            assert!(chart.plot.right <= f64::from(width), "{width}");
            date_label_xs(&chart.svg)
        };
        for width in [240, 296, 336, 440, 720, 1232, 1600] {
            for days in [7, 30, 366] {
                let xs = labels_at(width, days);
                assert!(
                    xs.len() >= 2 && xs.len() <= x_label_count(width, days),
                    "{width} px, {days} days: {} labels",
                    xs.len()
                );
                // "12 Dec" is under 40 px in the 12 px font.
                for pair in xs.windows(2) {
                    assert!(
                        pair[1] - pair[0] >= 50.0,
                        "{width} px, {days} days: labels at {pair:?}"
                    );
                }
            }
        }
        assert!(labels_at(296, 30).len() < labels_at(1232, 30).len());
    }

    #[test]
    fn nice_ceilings_are_round() {
        assert_eq!(nice_ceiling(0), 5);
        assert_eq!(nice_ceiling(7), 10);
        assert_eq!(nice_ceiling(347), 500);
        assert_eq!(nice_ceiling(1234), 2000);
        assert_eq!(nice_ceiling(2400), 2500);
        assert_eq!(nice_ceiling(100), 100);
    }

    #[test]
    fn aria_label_states_range_total_and_peak() {
        let label = aria_label(
            &points(3, |i| [4, 9, 2][i]),
            "25 – 27 Oct 2026",
            15,
            &EnglishLabels,
        );
        assert_eq!(label, "Daily clicks by UTC day, 25 – 27 Oct 2026: 15 clicks in all, peak 9 clicks on Mon 26 Oct 2026.");
    }

    /// Holds down a label clash: "in total" contains "to", so a search
    /// for the `To` date input by its label (Playwright's `getByLabel('To')`
    /// matches substrings) also found the chart.
    #[test]
    fn aria_label_never_contains_the_date_labels() {
        let label = aria_label(
            &points(3, |i| [4, 9, 2][i]),
            "25 – 27 Oct 2026",
            15,
            &EnglishLabels,
        );
        for word in ["to", "from"] {
            assert!(!label.to_lowercase().contains(word), "{label}");
        }
    }
}
