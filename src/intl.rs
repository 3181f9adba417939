//! Numbers, days and times through the browser's `Intl` (CONTRACT 7
//! `locale` and `time-zone`): every formatter is made once per locale, in
//! [`IntlLabels::new`], and used for every row, label and tooltip after.

use crate::config::TimeZone;
use crate::day::UtcDay;
use crate::format::Labels;
use js_sys::{Array, Date, Function, Intl, Object, Reflect};
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen]
extern "C" {
    /// `Intl.getCanonicalLocales(tag)`, which throws for a tag that is not
    /// well-formed (js-sys's binding does not catch).
    #[wasm_bindgen(js_namespace = Intl, js_name = getCanonicalLocales, catch)]
    fn canonical_locales(tag: &str) -> Result<Array, JsValue>;
}

/// The locale `tag` names as `Intl` writes it (`de-de` → `de-DE`), or
/// `None` when `Intl` refuses it.
pub fn canonical_locale(tag: &str) -> Option<String> {
    canonical_locales(tag).ok()?.get(0).as_string()
}

thread_local! {
    /// The formatters made so far, by the locale asked for: every widget
    /// of a page shares them.
    static MADE: RefCell<Vec<(Option<String>, Rc<IntlLabels>)>> = const { RefCell::new(Vec::new()) };
}

/// The formatters of one locale.
pub struct IntlLabels {
    /// The locale they format for, as `Intl` resolved it (`de-DE`).
    locale: String,
    /// Why the locale asked for is not used, when it is not.
    problem: Option<String>,
    number: Function,
    tenths: Function,
    signed_tenths: Function,
    day_month: Function,
    month_year: Function,
    long_day: Function,
    range: Intl::DateTimeFormat,
    clock: Function,
    local_time: Function,
    utc_time: Function,
    /// The locales asked for, for formatters made on first use.
    locales: Array,
    /// Country names, made on first use (only the breakdowns need them).
    regions: std::cell::OnceCell<Intl::DisplayNames>,
}

/// The options object `{name: value, …}`.
fn options(pairs: &[(&str, &str)]) -> Object {
    let object = Object::new();
    for (name, value) in pairs {
        let _ = Reflect::set(&object, &(*name).into(), &(*value).into());
    }
    object
}

/// A day's date part (day, month, year) written in UTC: the days of the
/// chart and the range are UTC days (CONTRACT 2).
fn utc_day(locales: &Array, parts: &[(&str, &str)]) -> Intl::DateTimeFormat {
    let object = options(parts);
    let _ = Reflect::set(&object, &"timeZone".into(), &"UTC".into());
    Intl::DateTimeFormat::new(locales, &object)
}

impl IntlLabels {
    /// The formatters for `requested` (see [`IntlLabels::new`]), made the
    /// first time a widget of the page asks for them and shared after.
    pub fn shared(requested: Option<&str>) -> Rc<Self> {
        let made = MADE.with_borrow(|made| {
            made.iter()
                .find(|(tag, _)| tag.as_deref() == requested)
                .map(|(_, labels)| labels.clone())
        });
        made.unwrap_or_else(|| {
            let labels = Rc::new(Self::new(requested));
            MADE.with_borrow_mut(|made| made.push((requested.map(str::to_string), labels.clone())));
            labels
        })
    }

    /// The formatters for `requested` (a well-formed BCP 47 tag), or for
    /// the browser's language when none is given or `Intl` refuses it
    /// ([`IntlLabels::problem`] then says so).
    pub fn new(requested: Option<&str>) -> Self {
        let (locales, problem) = match requested.map(canonical_locales) {
            None => (Array::new(), None),
            Some(Ok(locales)) => (locales, None),
            Some(Err(_)) => (
                Array::new(),
                requested.map(|tag| {
                    format!("`locale` \"{tag}\" is not a language tag this browser reads: using the browser's language.")
                }),
            ),
        };
        let number = Intl::NumberFormat::new(&locales, &options(&[("maximumFractionDigits", "0")]));
        let tenths = |sign: &str| {
            let object = options(&[("signDisplay", sign)]);
            for name in ["minimumFractionDigits", "maximumFractionDigits"] {
                let _ = Reflect::set(&object, &name.into(), &1.into());
            }
            Intl::NumberFormat::new(&locales, &object).format()
        };
        let time = |zone: Option<&str>| {
            let object = options(&[
                ("day", "numeric"),
                ("month", "short"),
                ("year", "numeric"),
                // Two digits: `numeric` writes `0:01:09` at midnight in
                // de-DE and en-GB, where `00:01:09` is the convention.
                ("hour", "2-digit"),
                ("minute", "2-digit"),
                ("second", "2-digit"),
            ]);
            if let Some(zone) = zone {
                let _ = Reflect::set(&object, &"timeZone".into(), &zone.into());
                let _ = Reflect::set(&object, &"timeZoneName".into(), &"short".into());
            }
            Intl::DateTimeFormat::new(&locales, &object).format()
        };
        let full_date = [("day", "numeric"), ("month", "short"), ("year", "numeric")];
        let range = utc_day(&locales, &full_date);
        let locale = Reflect::get(&range.resolved_options(), &"locale".into())
            .ok()
            .and_then(|l| l.as_string())
            .unwrap_or_default();
        Self {
            locale,
            problem,
            number: number.format(),
            tenths: tenths("auto"),
            signed_tenths: tenths("always"),
            day_month: utc_day(&locales, &[("day", "numeric"), ("month", "short")]).format(),
            month_year: utc_day(&locales, &[("month", "short"), ("year", "numeric")]).format(),
            long_day: utc_day(
                &locales,
                &[
                    ("weekday", "short"),
                    full_date[0],
                    full_date[1],
                    full_date[2],
                ],
            )
            .format(),
            range,
            clock: Intl::DateTimeFormat::new(
                &locales,
                &options(&[("hour", "2-digit"), ("minute", "2-digit")]),
            )
            .format(),
            local_time: time(None),
            utc_time: time(Some("UTC")),
            locales: locales.clone(),
            regions: std::cell::OnceCell::new(),
        }
    }

    /// Why the locale asked for is not used, when it is not.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    /// The locale these formatters write for, as `Intl` resolved it.
    pub fn locale(&self) -> &str {
        &self.locale
    }

    /// A click's time in `zone`: `23 Nov 2026, 20:35:18` (local) or
    /// `23 Nov 2026, 19:35:18 UTC`.
    pub fn row_time(&self, ms: f64, zone: TimeZone) -> String {
        let format = match zone {
            TimeZone::Local => &self.local_time,
            TimeZone::Utc => &self.utc_time,
        };
        call(format, &Date::new(&ms.into()).into())
    }

    /// The country a two-letter code names (`DE` → `Germany`), if `Intl`
    /// knows it; `None` for anything else.
    pub fn country_name(&self, code: &str) -> Option<String> {
        if code.len() != 2 || !code.bytes().all(|b| b.is_ascii_alphabetic()) {
            return None;
        }
        // (An older browser has no `Intl.DisplayNames`: codes stay codes.)
        let intl: JsValue = js_sys::global().unchecked_into::<Object>().into();
        let has_display_names = Reflect::get(&intl, &"Intl".into())
            .and_then(|intl| Reflect::has(&intl, &"DisplayNames".into()))
            .unwrap_or(false);
        if !has_display_names {
            return None;
        }
        let regions = self.regions.get_or_init(|| {
            Intl::DisplayNames::new(
                &self.locales,
                &options(&[("type", "region"), ("fallback", "none")]),
            )
        });
        // `of` through `Function::call1`, which catches: js-sys's binding
        // throws into wasm for a code `Intl` finds malformed.
        let of: Function = Reflect::get(regions, &"of".into()).ok()?.dyn_into().ok()?;
        let name = of
            .call1(regions, &code.to_ascii_uppercase().into())
            .ok()?
            .as_string()?;
        (!name.eq_ignore_ascii_case(code)).then_some(name)
    }

    /// The viewer's clock at `ms`: `14:05`, `00:08` (`02:05 PM` in en-US).
    pub fn clock(&self, ms: f64) -> String {
        call(&self.clock, &Date::new(&ms.into()).into())
    }
}

/// Calls a bound `format` function; empty if it throws.
fn call(format: &Function, value: &JsValue) -> String {
    format
        .call1(&JsValue::UNDEFINED, value)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// The JavaScript `Date` at the start of a UTC day.
fn date_of(day: UtcDay) -> JsValue {
    Date::new(&(f64::from(day.days_since_epoch()) * 86_400_000.0).into()).into()
}

impl Labels for IntlLabels {
    fn number(&self, value: u64) -> String {
        call(&self.number, &(value as f64).into())
    }

    fn tenths(&self, value: f64, signed: bool) -> String {
        // Rounded first, and `+ 0.0` turns a negative zero positive, so a
        // change that rounds to nothing is `+0.0`, never `-0.0`.
        let tenths = (value * 10.0).round() / 10.0 + 0.0;
        let format = if signed {
            &self.signed_tenths
        } else {
            &self.tenths
        };
        call(format, &tenths.into())
    }

    fn day_month(&self, day: UtcDay) -> String {
        call(&self.day_month, &date_of(day))
    }

    fn month_year(&self, day: UtcDay) -> String {
        call(&self.month_year, &date_of(day))
    }

    fn long_day(&self, day: UtcDay) -> String {
        call(&self.long_day, &date_of(day))
    }

    fn range(&self, start: UtcDay, end: UtcDay) -> String {
        let date = |day| Date::from(date_of(day));
        self.range
            .format_range(&date(start), &date(end))
            .map(String::from)
            .unwrap_or_default()
    }
}
