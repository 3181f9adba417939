//! The configuration names of CONTRACT 2 (attributes and query-string
//! names alike), and the names refused because they would put a secret
//! into a page.

/// Every configuration name, in the order of CONTRACT 2, then CONTRACT 7's
/// and CONTRACT 8's.
pub const NAMES: [&str; 16] = [
    "proxy",
    "link-id",
    "date-start",
    "date-end",
    "page-size",
    "page",
    "include-bots",
    "include-duplicates",
    "credentials",
    "theme",
    "period",
    "compare",
    "refresh",
    "locale",
    "time-zone",
    "max-rows",
];

/// The words that name a secret, each as its parts (`x`, `api`, `key`).
const SECRET_WORDS: [&[&str]; 7] = [
    &["api", "key"],
    &["x", "api", "key"],
    &["token"],
    &["access", "token"],
    &["authorization"],
    &["secret"],
    &["password"],
];

/// Whether `name` would put a secret into a page, in any spelling: any
/// case, with `-`, `_` or nothing between its words (`API-KEY`, `Api_Key`,
/// `apiKey`, `x-api-key`, `Authorization`, `password`). Such a name is
/// refused loudly and nothing is fetched while it is there.
pub fn is_refused_name(name: &str) -> bool {
    let folded: String = name
        .chars()
        .filter(|c| !matches!(c, '-' | '_'))
        .map(|c| c.to_ascii_lowercase())
        .collect();
    SECRET_WORDS.iter().any(|parts| parts.concat() == folded)
}
