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

/// Names that would put a secret into a page: refused loudly.
pub const REFUSED_NAMES: [&str; 6] = [
    "api-key",
    "apikey",
    "api_key",
    "token",
    "access-token",
    "authorization",
];
