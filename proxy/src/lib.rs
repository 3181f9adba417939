//! `smart-link-proxy`: the reference proxy in front of
//! `GET /api/smart-links/{smart_link_id}/clicks`.
//!
//! It exists so that the API key stays on a server: the browser widget talks
//! to this proxy, which adds `Authorization: Bearer <key>` and forwards to the
//! upstream API (forward mode), or answers from a deterministic synthetic data
//! set (mock mode, for demos and tests).

pub mod cli;
pub mod cors;
pub mod forward;
pub mod json_error;
pub mod mock;
pub mod route;
pub mod server;
