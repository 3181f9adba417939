//! `Search clicks` (CONTRACT 8): a row matches when any of its fields
//! holds the query, ignoring case and accents (`munchen` finds `München`,
//! `CAFÉ` finds `cafe`).
//!
//! Folding covers ASCII and the Latin letters with diacritics (Latin-1
//! and Latin Extended-A, which hold the accents of the Latin-script
//! languages); other scripts match as written. No crate for Unicode
//! normalisation is in the offline registry these builds use, and its
//! tables would outweigh this one.

use crate::model::ClickRow;

/// The base letter of each of U+00E0..=U+00FF (lowercase Latin-1); `*`
/// keeps the letter (`æ`, `ð`, `÷`, `þ`).
const LATIN_1: &[u8; 32] = b"aaaaaa*ceeeeiiii*nooooo*ouuuuy*y";
/// The base letter of each of U+0100..=U+017F (Latin Extended-A).
const LATIN_EXTENDED_A: &[u8; 128] = b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// `c` without case or accent: `É` → `e`; `None` for a combining mark
/// (an accent written apart from its letter), which folds to nothing.
fn fold_char(c: char) -> Option<char> {
    let code = c as u32;
    Some(match code {
        0x41..=0x5A => (code as u8 + 0x20) as char,
        0..=0x7F => c,
        0x300..=0x36F => return None,
        // Uppercase Latin-1 letters (not ×) are their lowercase less 0x20.
        0xC0..=0xDE if code != 0xD7 => return fold_char(char::from_u32(code + 0x20)?),
        0xE0..=0xFF => match LATIN_1[(code - 0xE0) as usize] {
            b'*' => c,
            base => base as char,
        },
        0x100..=0x17F => LATIN_EXTENDED_A[(code - 0x100) as usize] as char,
        _ => c,
    })
}

/// `text` without case or accents, as the query and every field are
/// compared.
pub fn fold(text: &str) -> String {
    text.chars().filter_map(fold_char).collect()
}

/// Whether `text` holds `folded` (a query already [`fold`]ed), ignoring
/// case and accents. ASCII text is compared unfolded: the query's first
/// letter, either case, is found word-at-a-time (`memchr2`), and only
/// there is the rest compared.
pub fn holds(text: &str, folded: &str) -> bool {
    let Some(&first) = folded.as_bytes().first() else {
        return true;
    };
    if text.is_ascii() {
        let (haystack, rest) = (text.as_bytes(), &folded.as_bytes()[1..]);
        let Some(last_start) = haystack.len().checked_sub(folded.len()) else {
            return false;
        };
        return memchr::memchr2_iter(first, first.to_ascii_uppercase(), &haystack[..=last_start])
            .any(|at| haystack[at + 1..at + folded.len()].eq_ignore_ascii_case(rest));
    }
    fold(text).contains(folded)
}

/// Whether any field of `row` (known or new, flags and counts as written)
/// holds `folded`, a [`fold`]ed query.
pub fn row_matches(row: &ClickRow, folded: &str) -> bool {
    row.any_text(|text| holds(text, folded))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    #[test]
    fn case_and_accents_are_ignored() {
        assert_eq!(fold("München CAFÉ Ærø ŁÓDŹ"), "munchen cafe æro lodz");
        // An accent written apart from its letter (NFD) folds the same.
        assert_eq!(fold("Cafe\u{301}"), "cafe");
        assert!(holds("Café de Flore", &fold("CAFE")));
        assert!(holds("https://L.Instagram.com/", &fold("instagram")));
        assert!(holds("São Paulo", &fold("sao")));
        assert!(!holds("Paris", &fold("lyon")));
        assert!(holds("anything", ""));
        // The first letter found in either case, the rest compared there:
        // at the very end, after false starts, and never past the end.
        assert!(holds("iiiInstagram", "instagram"));
        assert!(holds("from ...Gram", "gram"));
        assert!(!holds("gra", "gram"));
        assert!(!holds("ig ig ig", "igx"));
        assert!(holds("X", "x"));
        // Other scripts match as written.
        assert!(holds("Москва", "Москва"));
        assert_eq!(LATIN_EXTENDED_A.len(), 128);
        assert_eq!(fold_char('ſ'), Some('s'));
        assert_eq!(fold_char('Ÿ'), Some('y'));
    }

    #[test]
    fn any_field_matches_known_new_and_wrong_typed() {
        let body = r#"{"data":{"rows":[
            {"id":"01J","country_code":"BR","utm_campaign":"Verão-2026"},
            {"id":"02J","referrer":"https://t.co/x","gross_clicks":17,"brand_new":"Señal"},
            {"id":"03J","browser_name":42,"is_bot":true,"gross_clicks":-12}
        ]}}"#;
        let rows = parse_clicks_response(body.as_bytes()).unwrap().rows;
        let hits = |query: &str| -> Vec<&str> {
            let folded = fold(query);
            rows.iter()
                .filter(|r| row_matches(r, &folded))
                .map(|r| r.id().text())
                .collect()
        };
        assert_eq!(hits("verao"), ["01J"]);
        assert_eq!(hits("T.CO"), ["02J"]);
        assert_eq!(hits("senal"), ["02J"], "a field this version does not know");
        assert_eq!(hits("17"), ["02J"], "a count");
        assert_eq!(hits("42"), ["03J"], "a wrong-typed value as it came");
        assert_eq!(hits("true"), ["03J"], "a flag");
        assert_eq!(hits("0"), ["01J", "02J", "03J"]);
        assert_eq!(hits("-12"), ["03J"], "a negative count as written");
        assert_eq!(hits("-5").len(), 0);
        assert_eq!(hits("nowhere").len(), 0);
    }
}
