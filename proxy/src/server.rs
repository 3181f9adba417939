//! The HTTP server: one dispatcher for every path, so that what is answered
//! is decided in one place (`route::ClicksPath`) and everything else is a
//! JSON 404/405.

use crate::cli::Cli;
use crate::cors::cors_layer;
use crate::forward::Upstream;
use crate::json_error::{json_error, json_response};
use crate::mock::MockState;
use crate::route::{ClicksPath, PathRejection};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where clicks requests are answered from.
#[derive(Debug, Clone)]
pub enum Backend {
    /// Forward to the upstream API with the key added.
    Forward(Upstream),
    /// Answer from the synthetic data set.
    Mock(MockState),
}

/// Builds the application router for a backend and CORS allow-list.
pub fn router(backend: Backend, allow_origins: &[String]) -> Result<Router, String> {
    let router = Router::new()
        .fallback(dispatch)
        .with_state(Arc::new(backend));
    Ok(match cors_layer(allow_origins)? {
        Some(cors) => router.layer(cors),
        None => router,
    })
}

/// Builds the backend the command line asks for. `api_key` is required
/// unless `--mock` is given.
pub fn backend(cli: &Cli, api_key: Option<&str>) -> Result<Backend, String> {
    if cli.mock {
        return Ok(Backend::Mock(MockState::default()));
    }
    let key = api_key.filter(|k| !k.trim().is_empty()).ok_or_else(|| {
        format!(
            "{} is not set: the proxy needs the API key (or use --mock)",
            crate::cli::API_KEY_VAR
        )
    })?;
    Upstream::new(
        &cli.upstream,
        key.trim(),
        Duration::from_secs_f64(cli.connect_timeout_secs),
        Duration::from_secs_f64(cli.timeout_secs),
        cli.max_body_bytes,
    )
    .map(Backend::Forward)
}

/// Binds, prints `listening on http://ADDR` on stdout, and serves until
/// Ctrl-C or SIGTERM.
pub async fn serve(cli: &Cli, backend: Backend) -> Result<(), String> {
    let mode = match backend {
        Backend::Forward(_) => "forward",
        Backend::Mock(_) => "mock",
    };
    let app = router(backend, &cli.allow_origins)?;
    let listener = tokio::net::TcpListener::bind(cli.listen)
        .await
        .map_err(|e| format!("cannot bind {}: {e}", cli.listen))?;
    let addr = listener.local_addr().map_err(|e| e.to_string())?;
    println!("listening on http://{addr} ({mode} mode)");
    tracing::info!(%addr, mode, "listening");
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| e.to_string())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

async fn dispatch(State(backend): State<Arc<Backend>>, request: Request) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or_default().to_string();
    let headers = request.headers().clone();
    let response = match (&*backend, path.as_str()) {
        (_, "/healthz") => json_response(StatusCode::OK, r#"{"status":"ok"}"#),
        (Backend::Mock(mock), "/__mock/requests") => match method {
            Method::GET => mock.log_response(),
            Method::DELETE => mock.clear_log(),
            _ => method_not_allowed("GET, DELETE"),
        },
        (backend, _) => {
            let logged = match backend {
                Backend::Mock(mock) => {
                    Some((mock, mock.record(method.as_str(), &path, &query, &headers)))
                }
                Backend::Forward(_) => None,
            };
            let response = match ClicksPath::parse(&path) {
                Err(PathRejection::NotFound) => json_error(StatusCode::NOT_FOUND, "Not found"),
                Err(PathRejection::UnsafeSegment(why)) => json_error(StatusCode::BAD_REQUEST, why),
                Ok(_) if method != Method::GET => method_not_allowed("GET"),
                Ok(clicks) => match backend {
                    Backend::Forward(upstream) => upstream.forward(&clicks, Some(&query)).await,
                    Backend::Mock(mock) => mock.answer(&clicks, &query, &headers).await,
                },
            };
            if let Some((mock, seq)) = logged {
                mock.record_answer(seq, response.status());
            }
            response
        }
    };
    // The path and status only: never headers, so no credential reaches a log.
    tracing::info!(
        %method,
        path = %path,
        status = response.status().as_u16(),
        ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

fn method_not_allowed(allow: &'static str) -> Response {
    let mut response = json_error(StatusCode::METHOD_NOT_ALLOWED, "Method not allowed");
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static(allow));
    response
}
