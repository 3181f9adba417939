//! The click table's columns: one list, in order, that gives the table its
//! headings and cells and the CSV its column order (see `csv.rs`). What
//! each cell shows is decided here, as plain data; the table component
//! only renders it.

use crate::day::parse_instant_ms;
use crate::format::is_http_url;
use crate::model::{ClickRow, Field};

/// One column of the click table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// When the click happened (`created_at`).
    Time,
    /// `country_code`.
    Country,
    /// `browser_device_type`.
    Device,
    /// `browser_name`.
    Browser,
    /// `browser_platform`.
    Platform,
    /// `referrer`, a link when it is an http(s) URL.
    Referrer,
    /// `utm_source`.
    UtmSource,
    /// `utm_campaign`.
    UtmCampaign,
    /// `is_bot` and `is_duplicate` as badges.
    Flags,
}

/// The table's columns, in order. The table adds a last column of Details
/// buttons, which holds no field.
pub const COLUMNS: [Column; 9] = [
    Column::Time,
    Column::Country,
    Column::Device,
    Column::Browser,
    Column::Platform,
    Column::Referrer,
    Column::UtmSource,
    Column::UtmCampaign,
    Column::Flags,
];

/// What one cell shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// A readable time: milliseconds since the epoch, and the text as it
    /// arrived (for `datetime`).
    Time {
        /// Milliseconds since the epoch.
        ms: f64,
        /// The value as it arrived.
        raw: &'a str,
    },
    /// A time that is missing or could not be read: its raw text, empty
    /// when missing or null.
    BadTime(&'a str),
    /// Text.
    Text(&'a str),
    /// An http(s) URL, shown as a link.
    Link(&'a str),
    /// A value of the wrong type: its raw text.
    Invalid(&'a str),
    /// Missing or null.
    Empty,
    /// The flag badges, in order (none when neither flag is set).
    Flags(Vec<Badge<'a>>),
}

/// A flag badge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Badge<'a> {
    /// The flag is set: its name (`Bot`, `Duplicate`).
    Set(&'static str),
    /// The flag's value could not be read: its name and the raw value.
    Unreadable(&'static str, &'a str),
}

/// Which columns the table shows (`Columns`, CONTRACT 8): every column by
/// default; the person's choice is remembered per browser as the hidden
/// columns' headings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnChoice {
    /// A bit per column of [`COLUMNS`], set when shown.
    shown: u16,
}

impl Default for ColumnChoice {
    fn default() -> Self {
        Self {
            shown: (1 << COLUMNS.len()) - 1,
        }
    }
}

impl ColumnChoice {
    /// Whether `column` is shown.
    pub fn shows(self, column: Column) -> bool {
        COLUMNS
            .iter()
            .position(|&c| c == column)
            .is_some_and(|i| self.shown & (1 << i) != 0)
    }

    /// The choice with `column` shown or hidden; the last column shown
    /// stays (a table of none would hide the rows), whoever asks: the
    /// checkboxes, or a choice stored by an older version.
    pub fn with(self, column: Column, shown: bool) -> Self {
        let Some(i) = COLUMNS.iter().position(|&c| c == column) else {
            return self;
        };
        let bit = 1 << i;
        let next = if shown {
            self.shown | bit
        } else {
            self.shown & !bit
        };
        if next == 0 {
            return self;
        }
        Self { shown: next }
    }

    /// The columns shown, in table order.
    pub fn columns(self) -> impl Iterator<Item = Column> {
        COLUMNS.into_iter().filter(move |&c| self.shows(c))
    }

    /// What is stored: the hidden columns' headings, one a line (a new
    /// column of a later version is shown until hidden).
    pub fn to_stored(self) -> String {
        COLUMNS
            .iter()
            .filter(|&&c| !self.shows(c))
            .map(|c| c.heading())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The choice stored as [`ColumnChoice::to_stored`] wrote it; headings
    /// it does not know are ignored.
    pub fn from_stored(stored: &str) -> Self {
        stored.lines().fold(Self::default(), |choice, heading| {
            match COLUMNS.iter().find(|c| c.heading() == heading.trim()) {
                Some(&column) => choice.with(column, false),
                None => choice,
            }
        })
    }
}

impl Column {
    /// The column's heading.
    pub fn heading(self) -> &'static str {
        match self {
            Self::Time => "Time",
            Self::Country => "Country",
            Self::Device => "Device",
            Self::Browser => "Browser",
            Self::Platform => "Platform",
            Self::Referrer => "Referrer",
            Self::UtmSource => "UTM source",
            Self::UtmCampaign => "UTM campaign",
            Self::Flags => "Flags",
        }
    }

    /// The API fields the column shows, in the order the CSV lists them.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Self::Time => &["created_at"],
            Self::Country => &["country_code"],
            Self::Device => &["browser_device_type"],
            Self::Browser => &["browser_name"],
            Self::Platform => &["browser_platform"],
            Self::Referrer => &["referrer"],
            Self::UtmSource => &["utm_source"],
            Self::UtmCampaign => &["utm_campaign"],
            Self::Flags => &["is_bot", "is_duplicate"],
        }
    }

    /// What the column's cell shows for `row`.
    pub fn cell(self, row: &ClickRow) -> Cell<'_> {
        match self {
            Self::Time => time_cell(row.created_at()),
            Self::Country => text_cell(row.country_code()),
            Self::Device => text_cell(row.browser_device_type()),
            Self::Browser => text_cell(row.browser_name()),
            Self::Platform => text_cell(row.browser_platform()),
            Self::Referrer => match row.referrer() {
                Field::Value(url) if is_http_url(url) => Cell::Link(url),
                other => text_cell(other),
            },
            Self::UtmSource => text_cell(row.utm_source()),
            Self::UtmCampaign => text_cell(row.utm_campaign()),
            Self::Flags => Cell::Flags(
                [(row.is_bot(), "Bot"), (row.is_duplicate(), "Duplicate")]
                    .into_iter()
                    .filter_map(|(flag, name)| match flag {
                        Field::Value(true) => Some(Badge::Set(name)),
                        Field::Invalid(raw) => Some(Badge::Unreadable(name, raw)),
                        _ => None,
                    })
                    .collect(),
            ),
        }
    }
}

fn time_cell<'a>(created_at: Field<'a, &'a str>) -> Cell<'a> {
    match created_at.value() {
        Some(raw) => match parse_instant_ms(raw) {
            Some(ms) => Cell::Time { ms, raw },
            None => Cell::BadTime(raw),
        },
        None => Cell::BadTime(created_at.text()),
    }
}

fn text_cell<'a>(field: Field<'a, &'a str>) -> Cell<'a> {
    match field {
        Field::Value(text) => Cell::Text(text),
        Field::Invalid(raw) => Cell::Invalid(raw),
        Field::Missing | Field::Null => Cell::Empty,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_column_shown_stays() {
        let one = COLUMNS[1..]
            .iter()
            .fold(ColumnChoice::default(), |c, &column| c.with(column, false));
        assert_eq!(one.columns().collect::<Vec<_>>(), [COLUMNS[0]]);
        assert_eq!(one.with(COLUMNS[0], false), one);
        // A stored choice hiding every column keeps one.
        let every: Vec<&str> = COLUMNS.iter().map(|c| c.heading()).collect();
        assert_eq!(
            ColumnChoice::from_stored(&every.join("\n"))
                .columns()
                .count(),
            1
        );
    }

    #[test]
    fn the_column_choice_is_stored_as_the_hidden_headings() {
        let all = ColumnChoice::default();
        assert_eq!(all.columns().count(), COLUMNS.len());
        assert_eq!(all.to_stored(), "");
        let fewer = all.with(Column::Country, false).with(Column::Flags, false);
        assert!(!fewer.shows(Column::Country) && fewer.shows(Column::Time));
        assert_eq!(fewer.to_stored(), "Country\nFlags");
        assert_eq!(ColumnChoice::from_stored(&fewer.to_stored()), fewer);
        // Unknown headings (an older or newer version's) are ignored.
        assert_eq!(
            ColumnChoice::from_stored("Colour\n\nCountry"),
            all.with(Column::Country, false)
        );
        assert_eq!(
            fewer.with(Column::Country, true).columns().count(),
            COLUMNS.len() - 1
        );
    }
    use crate::model::parse_clicks_response;

    fn cells(row: &ClickRow) -> Vec<Cell<'_>> {
        COLUMNS.iter().map(|column| column.cell(row)).collect()
    }

    #[test]
    fn the_spec_example_fills_every_column() {
        let rows = parse_clicks_response(include_bytes!("../tests/fixtures/spec-example.json"))
            .unwrap()
            .rows;
        let row = cells(&rows[0]);
        assert_eq!(
            row[0],
            Cell::Time {
                ms: 1_769_895_900_000.0,
                raw: "2026-01-31T21:45:00+00:00"
            }
        );
        assert_eq!(row[1], Cell::Text("US"));
        assert_eq!(
            row[5],
            Cell::Text("example.com"),
            "a referrer without a scheme is text, not a link"
        );
        assert_eq!(row[8], Cell::Flags(vec![]));
    }

    #[test]
    fn links_badges_and_bad_values_are_marked() {
        let body = br#"{"data":{"rows":[
            {"created_at":"soon","referrer":"https://t.co/x","is_bot":true,"is_duplicate":"yes","country_code":7},
            {"referrer":"javascript:alert(1)","utm_source":"a<b>"}
        ]}}"#;
        let rows = parse_clicks_response(body).unwrap().rows;
        let first = cells(&rows[0]);
        assert_eq!(first[0], Cell::BadTime("soon"));
        assert_eq!(first[1], Cell::Invalid("7"));
        assert_eq!(first[2], Cell::Empty);
        assert_eq!(first[5], Cell::Link("https://t.co/x"));
        assert_eq!(
            first[8],
            Cell::Flags(vec![
                Badge::Set("Bot"),
                Badge::Unreadable("Duplicate", "yes")
            ])
        );
        let second = cells(&rows[1]);
        assert_eq!(second[0], Cell::BadTime(""));
        assert_eq!(
            second[5],
            Cell::Text("javascript:alert(1)"),
            "a javascript: referrer is text"
        );
        assert_eq!(second[6], Cell::Text("a<b>"));
    }

    #[test]
    fn every_column_names_known_fields_once() {
        let fields: Vec<&str> = COLUMNS.iter().flat_map(|c| c.fields()).copied().collect();
        for name in &fields {
            assert!(crate::model::field_index(name).is_some(), "{name}");
            assert_eq!(fields.iter().filter(|f| *f == name).count(), 1, "{name}");
        }
        assert_eq!(COLUMNS.map(Column::heading)[0], "Time");
    }
}
