//! Property tests of the mock data set: the chart sums to the total, pages
//! tile the range, and each filter changes exactly what it should.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use smart_link_proxy::mock::dataset::LinkProfile;
use smart_link_proxy::mock::page::{evaluate, MockPage};
use smart_link_proxy::mock::query::MockQuery;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn query(start_age: i64, days: i64, limit: u32, offset: u64, bots: bool, dups: bool) -> MockQuery {
    let start = today() - Duration::days(start_age);
    MockQuery {
        start,
        end: start + Duration::days(days - 1),
        limit,
        offset,
        include_bots: bots,
        include_duplicates: dups,
    }
}

fn page(link: &str, q: &MockQuery) -> MockPage {
    evaluate(
        &LinkProfile::for_link(link).unwrap(),
        today().and_hms_opt(23, 59, 59).unwrap(),
        q,
        u64::from(q.limit),
    )
}

fn link() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        Just("demo"),
        Just("quiet"),
        Just("empty"),
        Just("some-agency-link")
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn chart_sums_to_clicks_total_with_one_entry_per_day(
        link in link(), start_age in -20i64..420, days in 1i64..120, bots: bool, dups: bool,
    ) {
        let q = query(start_age, days, 100, 0, bots, dups);
        let p = page(link, &q);
        prop_assert_eq!(p.chart.len() as i64, days);
        prop_assert_eq!(p.chart.iter().map(|(_, c)| c).sum::<u64>(), p.clicks_total);
        for (i, (day, _)) in p.chart.iter().enumerate() {
            prop_assert_eq!(*day, q.start + Duration::days(i as i64));
        }
        prop_assert_eq!(p.rows.len() as u64, p.clicks_total.min(100));
    }

    #[test]
    fn pages_tile_the_range_without_gaps_or_repeats(
        link in link(), start_age in 0i64..60, days in 1i64..20, limit in 1u32..300, bots: bool, dups: bool,
    ) {
        let everything = page(link, &query(start_age, days, 1000, 0, bots, dups));
        prop_assume!(everything.clicks_total <= 1000);
        let mut tiled = Vec::new();
        let mut offset = 0;
        loop {
            let p = page(link, &query(start_age, days, limit, offset, bots, dups));
            prop_assert_eq!(p.clicks_total, everything.clicks_total);
            if p.rows.is_empty() { break; }
            prop_assert!(p.rows.len() <= limit as usize);
            tiled.extend(p.rows);
            offset += u64::from(limit);
        }
        prop_assert_eq!(&tiled, &everything.rows);
        let mut ids: Vec<&str> = tiled.iter().map(|r| r.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        prop_assert_eq!(ids.len() as u64, everything.clicks_total);
        for pair in tiled.windows(2) {
            prop_assert!(pair[0].created_at >= pair[1].created_at, "not newest first");
        }
    }

    #[test]
    fn each_filter_removes_exactly_its_flagged_clicks(
        link in link(), start_age in 0i64..200, days in 1i64..10,
    ) {
        let all = page(link, &query(start_age, days, 1000, 0, true, true));
        prop_assume!(all.clicks_total <= 1000);
        let cases = [(false, true), (true, false), (false, false)];
        for (bots, dups) in cases {
            let filtered = page(link, &query(start_age, days, 1000, 0, bots, dups));
            let expected: Vec<_> = all.rows.iter()
                .filter(|r| (bots || !r.is_bot) && (dups || !r.is_duplicate))
                .cloned()
                .collect();
            prop_assert_eq!(filtered.clicks_total, expected.len() as u64);
            prop_assert_eq!(&filtered.rows, &expected);
        }
    }
}

#[test]
fn volumes_match_their_descriptions() {
    let year = |link| page(link, &query(365, 366, 1, 0, true, true)).clicks_total;
    let demo_month = page("demo", &query(29, 30, 1, 0, true, true)).clicks_total;
    assert!(
        (2_000..=8_000).contains(&demo_month),
        "demo month: {demo_month}"
    );
    assert!(year("viral") > 100_000, "viral year: {}", year("viral"));
    assert_eq!(year("empty"), 0);
    assert!(LinkProfile::for_link("missing").is_none());
}

#[test]
fn bots_and_duplicates_are_a_few_per_cent() {
    let all = page("demo", &query(6, 7, 1000, 0, true, true));
    let bots = all.rows.iter().filter(|r| r.is_bot).count() as f64 / all.rows.len() as f64;
    let dups = all.rows.iter().filter(|r| r.is_duplicate).count() as f64 / all.rows.len() as f64;
    assert!((0.01..0.08).contains(&bots), "bots {bots}");
    assert!((0.02..0.12).contains(&dups), "duplicates {dups}");
}

#[test]
fn no_click_is_later_than_now() {
    let now = today().and_hms_opt(9, 30, 0).unwrap();
    let q = query(0, 1, 1000, 0, true, true);
    let p = evaluate(&LinkProfile::for_link("demo").unwrap(), now, &q, 1000);
    assert!(!p.rows.is_empty());
    assert!(p
        .rows
        .iter()
        .all(|r| r.created_at.as_str() <= "2026-11-23T09:30:00+00:00"));
}

#[test]
fn the_same_query_gives_the_same_answer() {
    let q = query(40, 30, 50, 120, true, false);
    assert_eq!(page("demo", &q), page("demo", &q));
}
