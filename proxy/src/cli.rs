//! The command line, as fixed in CONTRACT.md section 6.

use clap::Parser;
use std::net::SocketAddr;

/// The public API host the proxy forwards to by default.
pub const DEFAULT_UPSTREAM: &str = "https://app.onlyfansapi.com";

/// Name of the environment variable holding the API key (never a flag).
pub const API_KEY_VAR: &str = "OFAPI_API_KEY";

/// Command-line options of `smart-link-proxy`.
#[derive(Debug, Clone, Parser)]
#[command(name = "smart-link-proxy", version, about)]
pub struct Cli {
    /// Address to bind. Default `127.0.0.1:8787`; port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,

    /// Base URL of the API to forward to. Default: the public API host.
    #[arg(long, default_value = DEFAULT_UPSTREAM)]
    pub upstream: String,

    /// An origin allowed by CORS (exact match); repeatable. Default: none,
    /// for same-origin use only. `*` is accepted only with `--mock`.
    #[arg(long = "allow-origin", value_name = "ORIGIN")]
    pub allow_origins: Vec<String>,

    /// Serve synthetic data instead of forwarding; needs no key. Default off.
    #[arg(long)]
    pub mock: bool,

    /// Seconds allowed to connect to the upstream. Default 5.
    #[arg(long, default_value_t = 5.0)]
    pub connect_timeout_secs: f64,

    /// Seconds allowed for the whole upstream exchange. Default 30.
    #[arg(long, default_value_t = 30.0)]
    pub timeout_secs: f64,

    /// Largest upstream body passed back, in bytes. Default 16 MiB.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    pub max_body_bytes: usize,
}

impl Cli {
    /// Checks the combinations the flags alone cannot express.
    pub fn validate(&self) -> Result<(), String> {
        if !self.mock && self.allow_origins.iter().any(|o| o == "*") {
            return Err(
                "--allow-origin '*' is only allowed with --mock: list the dashboard origins exactly"
                    .into(),
            );
        }
        if !self.upstream.starts_with("http://") && !self.upstream.starts_with("https://") {
            return Err(format!(
                "--upstream must be an http(s) URL, got {:?}",
                self.upstream
            ));
        }
        if !(self.connect_timeout_secs > 0.0 && self.timeout_secs > 0.0) {
            return Err("timeouts must be positive".into());
        }
        Ok(())
    }
}
