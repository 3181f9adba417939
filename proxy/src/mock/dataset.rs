//! The synthetic click data set: a year of clicks per link id, ending today,
//! generated day by day from a fixed seed so any query is cheap to answer.

use super::rng::Rng;
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc, Weekday};
use serde::Serialize;

/// How many days of history each link has, ending today (inclusive).
pub const HISTORY_DAYS: i64 = 366;

/// The volume and seed of one synthetic smart link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkProfile {
    /// Seed of every random choice for this link.
    pub seed: u64,
    /// Average clicks per day before weekday, trend and noise.
    pub daily_mean: f64,
}

impl LinkProfile {
    /// The profile of a mock link id. `demo` has a few thousand clicks a month,
    /// `viral` well over 100,000 a year, `quiet` a handful a day, `empty` none;
    /// `missing` is not a link (404). Any other id gets a moderate volume
    /// seeded by its name, so ad-hoc ids still show data.
    pub fn for_link(dataset: &str) -> Option<Self> {
        let named = |seed, daily_mean| Some(Self { seed, daily_mean });
        match dataset {
            "demo" => named(0xDE30, 110.0),
            "viral" => named(0x51A1, 340.0),
            "quiet" => named(0x0017, 3.0),
            "empty" => named(0, 0.0),
            "missing" => None,
            other => {
                let hash = fnv1a(other.as_bytes());
                named(hash, 20.0 + (hash % 40) as f64)
            }
        }
    }
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xCBF2_9CE4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01B3)
    })
}

/// The parts of a click that filtering and ordering need; the full row is
/// generated only for the clicks a page actually returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClickStub {
    /// Seconds since midnight UTC.
    pub second_of_day: u32,
    /// Position within the day's clicks, newest first.
    pub ordinal: u32,
    /// Flagged as a bot.
    pub is_bot: bool,
    /// Flagged as a duplicate of an earlier click.
    pub is_duplicate: bool,
}

/// Days since 1970-01-01 (UTC), the key of a day's clicks.
pub fn day_number(day: NaiveDate) -> i64 {
    day.signed_duration_since(NaiveDate::default()).num_days()
}

/// The clicks of one link on one UTC day, newest first. Empty outside the
/// link's history (`HISTORY_DAYS` ending today); today's stop at `now`.
pub fn day_clicks(profile: &LinkProfile, now: NaiveDateTime, day: NaiveDate) -> Vec<ClickStub> {
    let age = now.date().signed_duration_since(day).num_days();
    if profile.daily_mean <= 0.0 || !(0..HISTORY_DAYS).contains(&age) {
        return Vec::new();
    }
    let mut rng = Rng::from_parts(&[profile.seed, day_number(day) as u64]);
    let count = daily_count(profile, day, age, &mut rng);
    let mut seconds: Vec<(u32, bool, bool)> = (0..count)
        .map(|_| {
            let second = peaked_second_of_day(&mut rng);
            (second, rng.chance(0.035), rng.chance(0.06))
        })
        .collect();
    seconds.sort_by_key(|click| std::cmp::Reverse(click.0));
    // Today's clicks that have not happened yet are not shown.
    let cutoff = if age == 0 {
        now.and_utc().timestamp().rem_euclid(86_400) as u32
    } else {
        u32::MAX
    };
    seconds
        .into_iter()
        .enumerate()
        .map(
            |(ordinal, (second_of_day, is_bot, is_duplicate))| ClickStub {
                second_of_day,
                ordinal: ordinal as u32,
                is_bot,
                is_duplicate,
            },
        )
        .filter(|stub| stub.second_of_day <= cutoff)
        .collect()
}

fn daily_count(profile: &LinkProfile, day: NaiveDate, age: i64, rng: &mut Rng) -> u32 {
    let weekday = match day.weekday() {
        Weekday::Mon => 0.85,
        Weekday::Tue => 0.9,
        Weekday::Wed => 0.95,
        Weekday::Thu => 1.0,
        Weekday::Fri => 1.15,
        Weekday::Sat => 1.25,
        Weekday::Sun => 1.1,
    };
    // Growth over the year: the newest days carry about twice the oldest.
    let trend = 0.65 + 0.7 * (1.0 - age as f64 / HISTORY_DAYS as f64);
    let noise = 0.75 + 0.5 * rng.unit();
    let campaign = if rng.chance(0.04) {
        2.0 + rng.unit() * 2.0
    } else {
        1.0
    };
    (profile.daily_mean * weekday * trend * noise * campaign).round() as u32
}

/// A time of day weighted towards the evening, as social traffic is.
fn peaked_second_of_day(rng: &mut Rng) -> u32 {
    const HOUR_WEIGHTS: [(u32, u32); 24] = [
        (0, 5),
        (1, 4),
        (2, 3),
        (3, 2),
        (4, 2),
        (5, 2),
        (6, 3),
        (7, 4),
        (8, 5),
        (9, 5),
        (10, 5),
        (11, 6),
        (12, 6),
        (13, 6),
        (14, 6),
        (15, 7),
        (16, 7),
        (17, 8),
        (18, 9),
        (19, 10),
        (20, 10),
        (21, 9),
        (22, 8),
        (23, 6),
    ];
    let hour = rng.weighted(&HOUR_WEIGHTS);
    hour * 3600 + rng.below(3600) as u32
}

/// One click as the API returns it. `None` serializes as `null`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ClickRow {
    pub id: String,
    pub created_at: String,
    pub referrer: Option<String>,
    pub ip_address: Option<String>,
    pub user_agent: Option<String>,
    pub browser_device_type: Option<String>,
    pub browser_name: Option<String>,
    pub browser_family: Option<String>,
    pub browser_platform: Option<String>,
    pub is_bot: bool,
    pub is_duplicate: bool,
    pub country_code: Option<String>,
    pub external_click_id: Option<String>,
    pub gross_clicks: u32,
    pub fbclid: Option<String>,
    pub gclid: Option<String>,
    pub ttclid: Option<String>,
    pub aff_s1: Option<String>,
    pub aff_s2: Option<String>,
    pub aff_s3: Option<String>,
    pub aff_s4: Option<String>,
    pub aff_s5: Option<String>,
    pub utm_source: Option<String>,
    pub utm_medium: Option<String>,
    pub utm_campaign: Option<String>,
    pub utm_content: Option<String>,
    pub utm_term: Option<String>,
}

#[derive(Clone, Copy)]
struct Client {
    device: &'static str,
    name: &'static str,
    family: &'static str,
    platform: &'static str,
    agent: &'static str,
}

const CLIENTS: [(Client, u32); 9] = [
    (Client { device: "Mobile", name: "Mobile Safari", family: "Safari", platform: "iOS",
        agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1" }, 30),
    (Client { device: "Mobile", name: "Instagram", family: "Instagram", platform: "iOS",
        agent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Instagram 352.0.0.38.100" }, 14),
    (Client { device: "Mobile", name: "Chrome Mobile", family: "Chrome", platform: "Android",
        agent: "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36" }, 14),
    (Client { device: "Mobile", name: "TikTok", family: "TikTok", platform: "Android",
        agent: "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Mobile Safari/537.36 trill_370004" }, 7),
    (Client { device: "Mobile", name: "Samsung Internet", family: "Samsung Internet", platform: "Android",
        agent: "Mozilla/5.0 (Linux; Android 14; SAMSUNG SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/26.0 Chrome/122.0 Mobile Safari/537.36" }, 4),
    (Client { device: "Desktop", name: "Chrome", family: "Chrome", platform: "Windows",
        agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" }, 14),
    (Client { device: "Desktop", name: "Safari", family: "Safari", platform: "macOS",
        agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15" }, 8),
    (Client { device: "Desktop", name: "Firefox", family: "Firefox", platform: "Linux",
        agent: "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0" }, 3),
    (Client { device: "Tablet", name: "Mobile Safari", family: "Safari", platform: "iPadOS",
        agent: "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.6 Mobile/15E148 Safari/604.1" }, 4),
];

const BOTS: [Client; 3] = [
    Client {
        device: "Desktop",
        name: "Googlebot",
        family: "Googlebot",
        platform: "Other",
        agent: "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    },
    Client {
        device: "Desktop",
        name: "FacebookBot",
        family: "FacebookBot",
        platform: "Other",
        agent: "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
    },
    Client {
        device: "Desktop",
        name: "curl",
        family: "curl",
        platform: "Other",
        agent: "curl/8.5.0",
    },
];

const COUNTRIES: [(Option<&str>, u32); 17] = [
    (Some("US"), 35),
    (Some("GB"), 10),
    (Some("CA"), 7),
    (Some("DE"), 6),
    (Some("AU"), 5),
    (Some("FR"), 4),
    (Some("BR"), 4),
    (Some("MX"), 3),
    (Some("ES"), 3),
    (Some("IT"), 3),
    (Some("NL"), 2),
    (Some("PH"), 2),
    (Some("IN"), 2),
    (Some("JP"), 2),
    (Some("SE"), 1),
    (Some("PL"), 1),
    (None, 1),
];

/// Traffic sources: referrer, utm_source, utm_medium, click-id kind.
#[derive(Clone, Copy)]
struct Source {
    referrer: Option<&'static str>,
    utm_source: Option<&'static str>,
    utm_medium: Option<&'static str>,
    click_id: ClickIdKind,
}

#[derive(Clone, Copy, PartialEq)]
enum ClickIdKind {
    None,
    Facebook,
    Google,
    TikTok,
}

const SOURCES: [(Source, u32); 8] = [
    (
        Source {
            referrer: Some("https://l.instagram.com/"),
            utm_source: Some("instagram"),
            utm_medium: Some("bio"),
            click_id: ClickIdKind::Facebook,
        },
        30,
    ),
    (
        Source {
            referrer: Some("https://t.co/"),
            utm_source: Some("twitter"),
            utm_medium: Some("social"),
            click_id: ClickIdKind::None,
        },
        18,
    ),
    (
        Source {
            referrer: Some("https://www.tiktok.com/"),
            utm_source: Some("tiktok"),
            utm_medium: Some("social"),
            click_id: ClickIdKind::TikTok,
        },
        15,
    ),
    (
        Source {
            referrer: Some("https://www.reddit.com/"),
            utm_source: Some("reddit"),
            utm_medium: Some("post"),
            click_id: ClickIdKind::None,
        },
        10,
    ),
    (
        Source {
            referrer: Some("https://linktr.ee/"),
            utm_source: Some("linktree"),
            utm_medium: Some("bio"),
            click_id: ClickIdKind::None,
        },
        7,
    ),
    (
        Source {
            referrer: Some("https://www.google.com/"),
            utm_source: Some("google"),
            utm_medium: Some("cpc"),
            click_id: ClickIdKind::Google,
        },
        5,
    ),
    (
        Source {
            referrer: None,
            utm_source: Some("telegram"),
            utm_medium: Some("dm"),
            click_id: ClickIdKind::None,
        },
        5,
    ),
    (
        Source {
            referrer: None,
            utm_source: None,
            utm_medium: None,
            click_id: ClickIdKind::None,
        },
        10,
    ),
];

const CAMPAIGNS: [(Option<&str>, u32); 6] = [
    (Some("black-friday"), 6),
    (Some("nov-promo"), 5),
    (Some("bio-link"), 8),
    (Some("free-trial"), 4),
    (Some("spring-launch"), 2),
    (None, 3),
];

const CONTENTS: [(Option<&str>, u32); 5] = [
    (Some("story-1"), 3),
    (Some("reel-teaser"), 3),
    (Some("pinned-post"), 2),
    (Some("creative-a"), 2),
    (None, 4),
];

const BASE32: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const TOKEN: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";

/// The full row of one click. Deterministic in (link, day, click).
pub fn click_row(profile: &LinkProfile, day: NaiveDate, stub: &ClickStub) -> ClickRow {
    let mut rng = Rng::from_parts(&[
        profile.seed,
        day_number(day) as u64,
        u64::from(stub.ordinal),
        u64::from(stub.second_of_day),
    ]);
    let at = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()
        + Duration::seconds(i64::from(stub.second_of_day));
    let client = if stub.is_bot {
        BOTS[rng.below(BOTS.len() as u64) as usize]
    } else {
        rng.weighted(&CLIENTS)
    };
    let source = rng.weighted(&SOURCES);
    let token = |rng: &mut Rng, len| rng.string_from(TOKEN, len);
    let fbclid = (source.click_id == ClickIdKind::Facebook && rng.chance(0.7))
        .then(|| format!("IwAR{}", token(&mut rng, 40)));
    let gclid =
        (source.click_id == ClickIdKind::Google).then(|| format!("Cj0K{}", token(&mut rng, 36)));
    let ttclid = (source.click_id == ClickIdKind::TikTok && rng.chance(0.8))
        .then(|| format!("E.C.P.{}", token(&mut rng, 30)));
    let has_utm = source.utm_source.is_some();
    ClickRow {
        id: ulid(&at, &mut rng),
        created_at: at.format("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        referrer: source.referrer.map(str::to_string),
        ip_address: Some(ip_address(&mut rng)),
        user_agent: Some(client.agent.to_string()),
        browser_device_type: (!rng.chance(0.01)).then(|| client.device.to_string()),
        browser_name: Some(client.name.to_string()),
        browser_family: Some(client.family.to_string()),
        browser_platform: Some(client.platform.to_string()),
        is_bot: stub.is_bot,
        is_duplicate: stub.is_duplicate,
        country_code: rng.weighted(&COUNTRIES).map(str::to_string),
        external_click_id: rng
            .chance(0.6)
            .then(|| format!("ext_{}", rng.string_from(b"0123456789abcdef", 12))),
        gross_clicks: rng.weighted(&[(1, 90), (2, 8), (3, 2)]),
        fbclid,
        gclid,
        ttclid,
        aff_s1: rng
            .chance(0.45)
            .then(|| format!("agency-{}", 1 + rng.below(9))),
        aff_s2: rng
            .chance(0.2)
            .then(|| format!("chatter-{}", 10 + rng.below(30))),
        aff_s3: rng.chance(0.05).then(|| "vip".to_string()),
        aff_s4: None,
        aff_s5: None,
        utm_source: source.utm_source.map(str::to_string),
        utm_medium: source.utm_medium.map(str::to_string),
        utm_campaign: if has_utm {
            rng.weighted(&CAMPAIGNS).map(str::to_string)
        } else {
            None
        },
        utm_content: if has_utm {
            rng.weighted(&CONTENTS).map(str::to_string)
        } else {
            None
        },
        utm_term: (has_utm && rng.chance(0.1)).then(|| "fans".to_string()),
    }
}

/// A ULID-shaped id: 10 characters of milliseconds, 16 of randomness.
fn ulid(at: &DateTime<Utc>, rng: &mut Rng) -> String {
    let mut millis = at.timestamp_millis().max(0) as u64;
    let mut time = [b'0'; 10];
    for slot in time.iter_mut().rev() {
        *slot = BASE32[(millis % 32) as usize];
        millis /= 32;
    }
    let mut id = String::from_utf8_lossy(&time).into_owned();
    id.push_str(&rng.string_from(BASE32, 16));
    id
}

/// A public-looking address (no private, loopback or reserved ranges).
fn ip_address(rng: &mut Rng) -> String {
    if rng.chance(0.15) {
        return format!(
            "2a02:{:x}:{:x}:{:x}::{:x}",
            rng.below(0xffff),
            rng.below(0xffff),
            rng.below(0xffff),
            1 + rng.below(0xfffe)
        );
    }
    const FIRST_OCTETS: [u64; 10] = [24, 31, 46, 68, 73, 81, 98, 142, 174, 203];
    format!(
        "{}.{}.{}.{}",
        FIRST_OCTETS[rng.below(FIRST_OCTETS.len() as u64) as usize],
        rng.below(256),
        rng.below(256),
        1 + rng.below(254)
    )
}
