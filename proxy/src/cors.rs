//! CORS: an explicit allow-list of origins, preflight answered, rate-limit
//! headers exposed so the widget can read them.

use axum::http::{header, HeaderName, HeaderValue, Method};
use std::time::Duration;
use tower_http::cors::{AllowHeaders, AllowOrigin, CorsLayer};

/// Response headers a browser may read across origins.
pub const EXPOSED_HEADERS: [&str; 3] = [
    "retry-after",
    "x-rate-limit-limit-minute",
    "x-rate-limit-remaining-minute",
];

/// Builds the CORS layer, or `None` when no origin is allowed (same-origin use).
/// `*` (mock mode only) allows any origin without credentials; listed origins
/// match exactly and may send credentials.
pub fn cors_layer(allow_origins: &[String]) -> Result<Option<CorsLayer>, String> {
    if allow_origins.is_empty() {
        return Ok(None);
    }
    let base = CorsLayer::new()
        .allow_methods([Method::GET, Method::HEAD])
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers(EXPOSED_HEADERS.map(HeaderName::from_static))
        .max_age(Duration::from_secs(600))
        .vary([
            header::ORIGIN,
            header::ACCESS_CONTROL_REQUEST_METHOD,
            header::ACCESS_CONTROL_REQUEST_HEADERS,
        ]);
    if allow_origins.iter().any(|o| o == "*") {
        return Ok(Some(base.allow_origin(AllowOrigin::any())));
    }
    let origins = allow_origins
        .iter()
        .map(|origin| {
            let trimmed = origin.trim_end_matches('/');
            HeaderValue::from_str(trimmed).map_err(|_| format!("invalid origin {origin:?}"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Some(
        base.allow_origin(AllowOrigin::list(origins))
            .allow_credentials(true),
    ))
}
