//! The configuration names of CONTRACT 2 (attributes and query-string
//! names alike), and the names refused because they would put a secret
//! into a page.

/// Every configuration name, in the order of CONTRACT 2.
pub const NAMES: [&str; 10] = [
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
];

/// Words that name a secret, folded (ASCII lowercase, no `-` or `_`).
const SECRET_WORDS: [&str; 7] = [
    "apikey",
    "xapikey",
    "token",
    "accesstoken",
    "authorization",
    "secret",
    "password",
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
    SECRET_WORDS.contains(&folded.as_str())
}

/// The refused names as attributes the element observes, so adding one at
/// run time stops the requests: HTML lowercases attribute names, so these
/// are every secret word with `-`, `_` or nothing between each of its
/// parts. (A name present when the element mounts is refused in any
/// spelling `is_refused_name` knows, observed or not.)
pub const REFUSED_ATTRIBUTES: [&str; 19] = [
    "api-key",
    "api_key",
    "apikey",
    "x-api-key",
    "x-api_key",
    "x-apikey",
    "x_api-key",
    "x_api_key",
    "x_apikey",
    "xapi-key",
    "xapi_key",
    "xapikey",
    "token",
    "access-token",
    "access_token",
    "accesstoken",
    "authorization",
    "secret",
    "password",
];
