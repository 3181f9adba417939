//! `smart-link-proxy`: see `--help` and the README.

use clap::Parser;
use smart_link_proxy::cli::{Cli, API_KEY_VAR};
use smart_link_proxy::server;
use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
    let cli = Cli::parse();
    let api_key = std::env::var(API_KEY_VAR).ok();
    let started = async {
        cli.validate()?;
        let backend = server::backend(&cli, api_key.as_deref())?;
        server::serve(&cli, backend).await
    };
    match started.await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("smart-link-proxy: {message}");
            ExitCode::from(2)
        }
    }
}
