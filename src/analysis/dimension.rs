//! The eight lists of the breakdowns (CONTRACT 8), the row field each
//! counts, and how many clicks a row stands for.

use crate::model::{ClickRow, Field};

/// One breakdown list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Dimension {
    /// `country_code`.
    Country,
    /// `browser_device_type`.
    Device,
    /// `browser_name`.
    Browser,
    /// `browser_platform`.
    Platform,
    /// `referrer`.
    Referrer,
    /// `utm_source`.
    UtmSource,
    /// `utm_medium`.
    UtmMedium,
    /// `utm_campaign`.
    UtmCampaign,
}

impl Dimension {
    /// Every list, in the order they are shown.
    pub const ALL: [Self; 8] = [
        Self::Country,
        Self::Device,
        Self::Browser,
        Self::Platform,
        Self::Referrer,
        Self::UtmSource,
        Self::UtmMedium,
        Self::UtmCampaign,
    ];

    /// The list's heading (CONTRACT 8).
    pub fn heading(self) -> &'static str {
        match self {
            Self::Country => "Countries",
            Self::Device => "Devices",
            Self::Browser => "Browsers",
            Self::Platform => "Platforms",
            Self::Referrer => "Referrers",
            Self::UtmSource => "UTM sources",
            Self::UtmMedium => "UTM mediums",
            Self::UtmCampaign => "UTM campaigns",
        }
    }

    /// The row's value for this list: the field's text (a wrong-typed
    /// value as it came), empty when missing or null.
    pub fn value(self, row: &ClickRow) -> &str {
        let field = match self {
            Self::Country => row.country_code(),
            Self::Device => row.browser_device_type(),
            Self::Browser => row.browser_name(),
            Self::Platform => row.browser_platform(),
            Self::Referrer => row.referrer(),
            Self::UtmSource => row.utm_source(),
            Self::UtmMedium => row.utm_medium(),
            Self::UtmCampaign => row.utm_campaign(),
        };
        field.text()
    }

    /// Its position in [`Dimension::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// How many clicks a row stands for: its `gross_clicks` when that is a
/// number of at least 1, else 1; at most `u32::MAX`, so that no sum over
/// the rows a browser can hold overflows (a count from the network may be
/// anything up to `i64::MAX`).
pub fn clicks_of(row: &ClickRow) -> u64 {
    match row.gross_clicks() {
        Field::Value(n) if n >= 1 => (n as u64).min(u64::from(u32::MAX)),
        _ => 1,
    }
}

/// A list value as the breakdowns and the spike note write it: a country
/// by its name and code (`Germany (DE)`; the code alone when
/// `country_name` has no name for it), a missing value as `(none)`,
/// anything else as it came.
pub fn value_label(
    dimension: Dimension,
    value: &str,
    country_name: impl FnOnce(&str) -> Option<String>,
) -> String {
    match (dimension, value) {
        (_, "") => "(none)".to_string(),
        (Dimension::Country, code) => match country_name(code) {
            Some(name) => format!("{name} ({code})"),
            None => code.to_string(),
        },
        (_, value) => value.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    #[test]
    fn values_are_labelled_with_country_names_and_none() {
        let names = |code: &str| (code == "DE").then(|| "Germany".to_string());
        assert_eq!(value_label(Dimension::Country, "DE", names), "Germany (DE)");
        assert_eq!(value_label(Dimension::Country, "XX", names), "XX");
        assert_eq!(value_label(Dimension::Country, "", names), "(none)");
        assert_eq!(value_label(Dimension::Referrer, "", names), "(none)");
        assert_eq!(
            value_label(Dimension::Referrer, "DE", names),
            "DE",
            "only countries are named"
        );
    }

    #[test]
    fn values_and_gross_clicks_come_from_the_row() {
        let body = br#"{"data":{"rows":[
            {"id":"a","country_code":"DE","referrer":null,"gross_clicks":3,"utm_medium":"social"},
            {"id":"b","gross_clicks":0},
            {"id":"c","gross_clicks":"many","browser_name":7},
            {"id":"d","gross_clicks":9223372036854775807}
        ]}}"#;
        let rows = parse_clicks_response(body).unwrap().rows;
        assert_eq!(Dimension::Country.value(&rows[0]), "DE");
        assert_eq!(Dimension::Referrer.value(&rows[0]), "");
        assert_eq!(Dimension::UtmMedium.value(&rows[0]), "social");
        assert_eq!(Dimension::Browser.value(&rows[2]), "7");
        assert_eq!(
            rows.iter().map(clicks_of).collect::<Vec<_>>(),
            [3, 1, 1, u64::from(u32::MAX)],
            "0 and unreadable count as one click; an absurd count is capped"
        );
        assert_eq!(
            Dimension::ALL.map(Dimension::index),
            [0, 1, 2, 3, 4, 5, 6, 7]
        );
    }
}
