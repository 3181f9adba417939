//! Forward mode against a fake upstream on loopback.

mod common;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use common::{raw_request, run_to_exit, RunningProxy};
use std::sync::{Arc, Mutex};
use std::time::Duration;

const KEY: &str = "sk_test_SECRET_4f9a2c";

/// What the fake upstream received.
#[derive(Debug, Clone)]
struct Seen {
    path_and_query: String,
    headers: HeaderMap,
}

type SeenLog = Arc<Mutex<Vec<Seen>>>;

/// A fake upstream API on an ephemeral loopback port. Paths containing
/// `slow` answer after 3 s, `big` with 64 KiB, everything else a small JSON.
fn start_fake_upstream() -> (String, SeenLog) {
    let seen: SeenLog = Arc::default();
    let app = Router::new()
        .fallback(upstream_handler)
        .with_state(seen.clone());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
            tx.send(listener.local_addr().unwrap()).unwrap();
            axum::serve(listener, app).await.unwrap();
        });
    });
    let addr = rx.recv().unwrap();
    (format!("http://{addr}"), seen)
}

async fn upstream_handler(State(seen): State<SeenLog>, request: Request) -> Response {
    let path_and_query = request
        .uri()
        .path_and_query()
        .map(|pq| pq.as_str().to_string())
        .unwrap_or_default();
    seen.lock().unwrap().push(Seen {
        path_and_query: path_and_query.clone(),
        headers: request.headers().clone(),
    });
    if path_and_query.contains("slow") {
        tokio::time::sleep(Duration::from_secs(3)).await;
    }
    if path_and_query.contains("big") {
        return (StatusCode::OK, "x".repeat(64 * 1024)).into_response();
    }
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        [
            ("content-type", "application/json"),
            ("retry-after", "7"),
            ("x-rate-limit-limit-minute", "60"),
            ("x-rate-limit-remaining-minute", "0"),
            ("set-cookie", "upstream_session=1"),
            ("x-upstream-internal", "secret-topology"),
        ],
        r#"{"message":"Too Many Attempts."}"#,
    )
        .into_response();
    if !path_and_query.contains("limited") {
        *response.status_mut() = StatusCode::OK;
    }
    response
}

fn client() -> reqwest::blocking::Client {
    reqwest::blocking::Client::builder().build().unwrap()
}

fn start_forwarding(upstream: &str, extra: &[&str]) -> RunningProxy {
    let mut args = vec!["--upstream", upstream];
    args.extend_from_slice(extra);
    RunningProxy::start(&args, &[("OFAPI_API_KEY", KEY)])
}

fn assert_key_absent(proxy: &RunningProxy) {
    let logs = proxy.logs();
    assert!(!logs.contains(KEY), "the key leaked into the logs:\n{logs}");
    assert!(!logs.contains("SECRET"), "part of the key leaked:\n{logs}");
}

#[test]
fn forwarding_adds_bearer_and_strips_incoming_credentials() {
    let (upstream, seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &[]);
    let query = "date_start=2026-01-01T00:00:00Z&date_end=2026-01-07T23:59:59Z&limit=100&offset=0&include_bots=true&include_duplicates=false";
    let response = client()
        .get(proxy.url(&format!("/api/smart-links/abc%20d/clicks?{query}")))
        .header("authorization", "Bearer browser-session-token")
        .header("cookie", "dashboard_session=abc")
        .header("proxy-authorization", "Basic Zm9vOmJhcg==")
        .header("x-forwarded-for", "10.0.0.1")
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-rate-limit-remaining-minute"], "0");
    assert_eq!(response.headers()["retry-after"], "7");
    assert!(response.headers().get("set-cookie").is_none());
    assert!(response.headers().get("x-upstream-internal").is_none());

    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 1);
    let request = &seen[0];
    assert_eq!(
        request.path_and_query,
        format!("/api/smart-links/abc%20d/clicks?{query}")
    );
    assert_eq!(request.headers["authorization"], format!("Bearer {KEY}"));
    for dropped in ["cookie", "proxy-authorization", "x-forwarded-for"] {
        assert!(
            request.headers.get(dropped).is_none(),
            "{dropped} was forwarded"
        );
    }
    drop(seen);
    assert_key_absent(&proxy);
}

#[test]
fn status_and_rate_limit_headers_pass_through() {
    let (upstream, _seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &[]);
    let response = client()
        .get(proxy.url("/api/smart-links/limited/clicks"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "7");
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(
        response.text().unwrap(),
        r#"{"message":"Too Many Attempts."}"#
    );
}

#[test]
fn account_scoped_path_is_forwarded_as_is() {
    let (upstream, seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &[]);
    let response = client()
        .get(proxy.url("/api/acct_42/smart-links/xyz/clicks?limit=5"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(
        seen.lock().unwrap()[0].path_and_query,
        "/api/acct_42/smart-links/xyz/clicks?limit=5"
    );
}

#[test]
fn other_paths_methods_and_traversal_never_reach_the_upstream() {
    let (upstream, seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &[]);
    let authority = proxy.authority().to_string();
    for (path, expected) in [
        ("/api/smart-links", 404),
        ("/api/me", 404),
        ("/api/smart-links/x/postbacks", 404),
        ("/api//smart-links/x/clicks", 404),
        ("//api/smart-links/x/clicks", 404),
        ("/api/smart-links/x/clicks/../../../me", 404),
        ("/api/smart-links/../clicks", 400),
        ("/api/smart-links/%2e%2e/clicks", 400),
        ("/api/smart-links/..%2F..%2Fme/clicks", 400),
        ("/api/smart-links/a%5c..%5cme/clicks", 400),
        ("/api/../smart-links/x/clicks", 400),
    ] {
        let (status, body) = raw_request(&authority, "GET", path);
        assert_eq!(status, expected, "{path}");
        let json: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
        assert!(json["message"].is_string(), "{path}: {body}");
    }
    let (status, _) = raw_request(&authority, "POST", "/api/smart-links/x/clicks");
    assert_eq!(status, 405);
    let (status, _) = raw_request(&authority, "DELETE", "/api/smart-links/x/clicks");
    assert_eq!(status, 405);
    assert!(
        seen.lock().unwrap().is_empty(),
        "{:?}",
        seen.lock().unwrap()
    );
    let (status, body) = raw_request(&authority, "GET", "/healthz");
    assert_eq!((status, body.as_str()), (200, r#"{"status":"ok"}"#));
}

#[test]
fn cors_allows_listed_origins_only() {
    let (upstream, _seen) = start_fake_upstream();
    let proxy = start_forwarding(
        &upstream,
        &[
            "--allow-origin",
            "https://dash.example",
            "--allow-origin",
            "http://localhost:3000",
        ],
    );
    let preflight = |origin: &str| {
        client()
            .request(
                reqwest::Method::OPTIONS,
                proxy.url("/api/smart-links/x/clicks"),
            )
            .header("origin", origin)
            .header("access-control-request-method", "GET")
            .header("access-control-request-headers", "x-dashboard-session")
            .send()
            .unwrap()
    };
    let allowed = preflight("https://dash.example");
    assert!(allowed.status().is_success());
    assert_eq!(
        allowed.headers()["access-control-allow-origin"],
        "https://dash.example"
    );
    assert_eq!(
        allowed.headers()["access-control-allow-credentials"],
        "true"
    );
    assert!(allowed.headers()["access-control-allow-headers"]
        .to_str()
        .unwrap()
        .contains("x-dashboard-session"));

    let refused = preflight("https://evil.example");
    assert!(refused
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    let lookalike = preflight("https://dash.example.evil.example");
    assert!(lookalike
        .headers()
        .get("access-control-allow-origin")
        .is_none());

    let simple = client()
        .get(proxy.url("/api/smart-links/x/clicks"))
        .header("origin", "http://localhost:3000")
        .send()
        .unwrap();
    assert_eq!(
        simple.headers()["access-control-allow-origin"],
        "http://localhost:3000"
    );
    let exposed = simple.headers()["access-control-expose-headers"]
        .to_str()
        .unwrap()
        .to_string();
    for name in [
        "retry-after",
        "x-rate-limit-limit-minute",
        "x-rate-limit-remaining-minute",
    ] {
        assert!(exposed.contains(name), "{name} not exposed: {exposed}");
    }
}

#[test]
fn wildcard_origin_needs_mock_mode() {
    let (code, stderr) = run_to_exit(&["--allow-origin", "*"], &[("OFAPI_API_KEY", KEY)]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("only allowed with --mock"), "{stderr}");
}

#[test]
fn missing_key_is_a_clear_startup_error() {
    let (code, stderr) = run_to_exit(&["--listen", "127.0.0.1:0"], &[]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("OFAPI_API_KEY is not set"), "{stderr}");
}

#[test]
fn upstream_down_gives_502() {
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let upstream = format!("http://{}", closed.local_addr().unwrap());
    drop(closed);
    let proxy = start_forwarding(&upstream, &[]);
    let response = client()
        .get(proxy.url("/api/smart-links/x/clicks"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 502);
    let body: serde_json::Value = response.json().unwrap();
    assert_eq!(body["message"], "The upstream API could not be reached");
    assert_key_absent(&proxy);
}

#[test]
fn upstream_slow_gives_504() {
    let (upstream, _seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &["--timeout-secs", "0.5"]);
    let started = std::time::Instant::now();
    let response = client()
        .get(proxy.url("/api/smart-links/slow/clicks"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 504);
    assert!(started.elapsed() < Duration::from_secs(3));
    let body: serde_json::Value = response.json().unwrap();
    assert!(body["message"].as_str().unwrap().contains("did not answer"));
    assert_key_absent(&proxy);
}

#[test]
fn oversized_upstream_body_is_refused() {
    let (upstream, _seen) = start_fake_upstream();
    let proxy = start_forwarding(&upstream, &["--max-body-bytes", "1024"]);
    let response = client()
        .get(proxy.url("/api/smart-links/big/clicks"))
        .send()
        .unwrap();
    assert_eq!(response.status(), 502);
    let body: serde_json::Value = response.json().unwrap();
    assert!(body["message"].as_str().unwrap().contains("larger than"));
}
