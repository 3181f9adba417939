//! Mock mode over HTTP: the endpoint's shape, validation, faults and log.

mod common;

use common::RunningProxy;
use serde_json::Value;

fn get(proxy: &RunningProxy, path: &str) -> reqwest::blocking::Response {
    reqwest::blocking::get(proxy.url(path)).unwrap()
}

fn mock() -> RunningProxy {
    RunningProxy::start(&["--mock", "--allow-origin", "*"], &[])
}

#[test]
fn demo_answers_in_the_api_envelope() {
    let proxy = mock();
    let response = get(
        &proxy,
        "/api/smart-links/demo/clicks?date_start=2026-01-01T00:00:00Z&date_end=2026-01-07T23:59:59Z&limit=100&offset=0&include_bots=true&include_duplicates=true",
    );
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-rate-limit-limit-minute"], "1000");
    let body: Value = response.json().unwrap();
    let data = &body["data"];
    assert_eq!(data["chart"].as_array().unwrap().len(), 7);
    assert_eq!(data["chart"][0]["timestamp"], "2026-01-01");
    assert_eq!(data["filters"]["date_start"], "2026-01-01T00:00:00+00:00");
    assert_eq!(data["filters"]["date_end"], "2026-01-07T23:59:59+00:00");
    assert_eq!(data["filters"]["include_bots"], true);
    assert_eq!(body["_meta"]["_credits"]["note"], "Free endpoint");
    let total = data["summary"]["clicks_total"].as_u64().unwrap();
    let rows = data["rows"].as_array().unwrap();
    assert_eq!(rows.len() as u64, total.min(100));
    let row = &rows[0];
    for field in [
        "id",
        "created_at",
        "referrer",
        "ip_address",
        "user_agent",
        "browser_device_type",
        "browser_name",
        "browser_family",
        "browser_platform",
        "is_bot",
        "is_duplicate",
        "country_code",
        "external_click_id",
        "gross_clicks",
        "fbclid",
        "gclid",
        "ttclid",
        "aff_s1",
        "aff_s2",
        "aff_s3",
        "aff_s4",
        "aff_s5",
        "utm_source",
        "utm_medium",
        "utm_campaign",
        "utm_content",
        "utm_term",
    ] {
        assert!(row.get(field).is_some(), "row lacks {field}: {row}");
    }
    assert!(row["created_at"]
        .as_str()
        .unwrap()
        .starts_with("2026-01-07T"));
}

#[test]
fn out_of_range_limit_is_a_422_with_field_errors() {
    let proxy = mock();
    let response = get(
        &proxy,
        "/api/smart-links/demo/clicks?limit=5000&include_bots=perhaps",
    );
    assert_eq!(response.status(), 422);
    let body: Value = response.json().unwrap();
    assert!(body["errors"]["limit"][0]
        .as_str()
        .unwrap()
        .contains("between 1 and 1000"));
    assert!(body["errors"]["include_bots"].is_array());
    assert!(body["message"]
        .as_str()
        .unwrap()
        .contains("(and 1 more error)"));
}

#[test]
fn empty_link_has_days_but_no_clicks_and_missing_is_404() {
    let proxy = mock();
    let body: Value = get(&proxy, "/api/smart-links/empty/clicks").json().unwrap();
    assert_eq!(body["data"]["summary"]["clicks_total"], 0);
    assert_eq!(body["data"]["chart"].as_array().unwrap().len(), 30);
    assert!(body["data"]["rows"].as_array().unwrap().is_empty());
    assert_eq!(get(&proxy, "/api/smart-links/missing/clicks").status(), 404);
}

#[test]
fn faults_are_chosen_by_link_suffix_or_header() {
    let proxy = mock();
    let limited = get(&proxy, "/api/smart-links/demo+429/clicks");
    assert_eq!(limited.status(), 429);
    assert_eq!(limited.headers()["retry-after"], "2");
    for (suffix, status) in [
        ("401", 401),
        ("403", 403),
        ("404", 404),
        ("422", 422),
        ("503", 503),
    ] {
        let response = get(&proxy, &format!("/api/smart-links/demo+{suffix}/clicks"));
        assert_eq!(response.status(), status);
        let body: Value = response.json().unwrap();
        assert!(body["message"].is_string());
    }
    let html = get(&proxy, "/api/smart-links/demo+500/clicks");
    assert_eq!(html.status(), 500);
    assert!(html.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let login = get(&proxy, "/api/smart-links/demo+notjson/clicks");
    assert_eq!(login.status(), 200);
    assert!(login.text().unwrap().contains("<form"));
    let truncated = get(&proxy, "/api/smart-links/demo+truncated/clicks")
        .text()
        .unwrap();
    assert!(serde_json::from_str::<Value>(&truncated).is_err());

    let once = |proxy: &RunningProxy| get(proxy, "/api/smart-links/demo+429once/clicks").status();
    assert_eq!(once(&proxy), 429);
    assert_eq!(once(&proxy), 200);
    assert_eq!(once(&proxy), 429);

    // `rateleftN`: the window says N are left, in the header and `_meta`.
    let low = get(&proxy, "/api/smart-links/demo+rateleft0/clicks?limit=1");
    assert_eq!(low.headers()["x-rate-limit-remaining-minute"], "0");
    let body: Value = low.json().unwrap();
    assert_eq!(body["_meta"]["_rate_limits"]["remaining_minute"], 0);

    let flaky =
        |proxy: &RunningProxy| get(proxy, "/api/smart-links/demo+401+flaky/clicks").status();
    assert_eq!(flaky(&proxy), 401);
    assert_eq!(flaky(&proxy), 200);
    assert_eq!(flaky(&proxy), 401);

    let via_header = reqwest::blocking::Client::new()
        .get(proxy.url("/api/smart-links/demo/clicks"))
        .header("x-mock-fault", "403")
        .send()
        .unwrap();
    assert_eq!(via_header.status(), 403);
}

#[test]
fn hostile_degraded_and_huge_variants_keep_their_promises() {
    let proxy = mock();
    let hostile: Value = get(&proxy, "/api/smart-links/demo+hostile/clicks")
        .json()
        .unwrap();
    let row = &hostile["data"]["rows"][0];
    assert!(row["id"].as_str().unwrap().contains('<') || row["id"].as_str().unwrap().contains('{'));
    assert!(row["referrer"].as_str().unwrap().starts_with("javascript:"));

    let degraded: Value = get(&proxy, "/api/smart-links/demo+degraded/clicks")
        .json()
        .unwrap();
    let rows = degraded["data"]["rows"].as_array().unwrap();
    assert!(rows[0].get("country_code").is_none());
    assert_eq!(rows[1]["is_bot"], "yes");
    assert!(rows[2]["id"].is_null());
    assert_eq!(rows[3]["utm_campaign"], "");
    assert_eq!(rows.last().unwrap(), "not a row");

    let huge: Value = get(
        &proxy,
        "/api/smart-links/demo+rows10000/clicks?date_start=2026-01-01&date_end=2026-03-31",
    )
    .json()
    .unwrap();
    assert_eq!(huge["data"]["rows"].as_array().unwrap().len(), 10_000);

    let no_total: Value = get(&proxy, "/api/smart-links/demo+nototal/clicks")
        .json()
        .unwrap();
    assert!(no_total["data"].get("summary").is_none());
}

#[test]
fn delay_and_stagger_slow_the_answer() {
    let proxy = mock();
    let started = std::time::Instant::now();
    assert_eq!(
        get(&proxy, "/api/smart-links/demo+delay400/clicks").status(),
        200
    );
    assert!(started.elapsed().as_millis() >= 400);
    let started = std::time::Instant::now();
    get(
        &proxy,
        "/api/smart-links/demo+stagger/clicks?limit=100&offset=500",
    );
    let late_page = started.elapsed().as_millis();
    assert!((100..1000).contains(&late_page), "{late_page} ms");
    // `slowextra`: only the one-row requests (the widget's extra figures) wait.
    let started = std::time::Instant::now();
    get(
        &proxy,
        "/api/smart-links/demo+slowextra600/clicks?limit=100",
    );
    let main = started.elapsed().as_millis();
    assert!(main < 400, "the main request waited {main} ms");
    let started = std::time::Instant::now();
    get(&proxy, "/api/smart-links/demo+slowextra600/clicks?limit=1");
    assert!(started.elapsed().as_millis() >= 600);
}

#[test]
fn request_log_records_queries_and_headers_and_can_be_cleared() {
    let proxy = mock();
    reqwest::blocking::Client::new()
        .get(proxy.url("/api/smart-links/a%2Fb/clicks?limit=7"))
        .header("x-dashboard-session", "s-1")
        .header("authorization", "Bearer should-not-be-logged")
        .send()
        .unwrap();
    let log: Value = get(&proxy, "/__mock/requests").json().unwrap();
    let entry = &log["requests"][0];
    assert_eq!(entry["path"], "/api/smart-links/a%2Fb/clicks");
    assert_eq!(entry["query"], "limit=7");
    assert_eq!(entry["headers"]["x-dashboard-session"], "s-1");
    assert_eq!(entry["headers"]["authorization"], "<present>");
    // The answer's status and when it left (a%2Fb is refused as unsafe).
    assert_eq!(entry["status"], 400);
    let at = entry["at_ms"].as_i64().unwrap();
    assert!(entry["answered_ms"].as_i64().unwrap() >= at);
    get(&proxy, "/api/smart-links/demo+429/clicks");
    let log: Value = get(&proxy, "/__mock/requests").json().unwrap();
    assert_eq!(log["requests"][1]["status"], 429);
    let cleared = reqwest::blocking::Client::new()
        .delete(proxy.url("/__mock/requests"))
        .send()
        .unwrap();
    assert_eq!(cleared.status(), 204);
    let log: Value = get(&proxy, "/__mock/requests").json().unwrap();
    assert!(log["requests"].as_array().unwrap().is_empty());
}

/// A slow answer that leaves after a clear marks nothing: the numbers go
/// on across the clear, so it cannot take a later request's place.
#[test]
fn an_answer_after_a_clear_marks_no_later_request() {
    let proxy = mock();
    let slow_url = proxy.url("/api/smart-links/demo+429+delay600/clicks");
    let slow = std::thread::spawn(move || reqwest::blocking::get(slow_url).unwrap().status());
    std::thread::sleep(std::time::Duration::from_millis(200));
    reqwest::blocking::Client::new()
        .delete(proxy.url("/__mock/requests"))
        .send()
        .unwrap();
    assert_eq!(get(&proxy, "/api/smart-links/demo/clicks").status(), 200);
    assert_eq!(slow.join().unwrap(), 429);
    let log: Value = get(&proxy, "/__mock/requests").json().unwrap();
    let entries = log["requests"].as_array().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0]["seq"], 2, "numbered on from before the clear");
    assert_eq!(entries[0]["status"], 200);
}

#[test]
fn wildcard_cors_in_mock_mode_has_no_credentials() {
    let proxy = mock();
    let response = reqwest::blocking::Client::new()
        .get(proxy.url("/api/smart-links/demo/clicks"))
        .header("origin", "http://127.0.0.1:9999")
        .send()
        .unwrap();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    assert!(response
        .headers()
        .get("access-control-allow-credentials")
        .is_none());
}

/// Issue 15's answer variants: each is what its name says on the wire.
#[test]
fn answer_variants_charset_bom_gzip_nocontent_and_dated_retry_after() {
    let proxy = mock();
    let query = "?date_start=2026-01-01T00:00:00Z&date_end=2026-01-07T23:59:59Z&limit=5&offset=0&include_bots=true&include_duplicates=true";
    let variant = |suffix: &str| {
        get(
            &proxy,
            &format!("/api/smart-links/demo+{suffix}/clicks{query}"),
        )
    };

    let charset = variant("charset");
    assert_eq!(
        charset.headers()["content-type"],
        "application/json; charset=utf-8"
    );
    assert!(charset.json::<Value>().is_ok());

    let bom = variant("bom").bytes().unwrap();
    assert_eq!(&bom[..4], b"\xEF\xBB\xBF{");

    let gzip = variant("gzip");
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&gzip.bytes().unwrap()[..]),
        &mut text,
    )
    .unwrap();
    assert!(serde_json::from_str::<Value>(&text).unwrap()["data"]["rows"].is_array());

    let empty = variant("nocontent");
    assert_eq!(empty.status(), 204);
    assert!(empty.bytes().unwrap().is_empty());

    let dated = variant("429date");
    assert_eq!(dated.status(), 429);
    let retry_after = dated.headers()["retry-after"].to_str().unwrap().to_string();
    let at = chrono::DateTime::parse_from_rfc2822(&retry_after.replace("GMT", "+0000")).unwrap();
    let ahead = at.timestamp() - chrono::Utc::now().timestamp();
    assert!((1..=4).contains(&ahead), "{retry_after} is {ahead} s ahead");
}
