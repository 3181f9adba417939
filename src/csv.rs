//! The rows of the page on screen as CSV (RFC 4180), every field included,
//! with cells that spreadsheets would run as formulas neutralised.

use crate::model::{ClickRow, FIELD_NAMES};

/// CSV text with a header row of the API's field names.
pub fn rows_to_csv(rows: &[ClickRow]) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    push_line(&mut out, FIELD_NAMES.iter().map(|name| name.to_string()));
    for row in rows {
        push_line(&mut out, row.export_fields());
    }
    out
}

fn push_line(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|cell| escape_cell(&cell)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn escape_cell(cell: &str) -> String {
    // A leading =, +, - or @ is a formula in spreadsheets: prefix a quote.
    let guarded = if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_clicks_response;

    #[test]
    fn writes_a_header_and_one_line_per_row() {
        let body = include_bytes!("../tests/fixtures/spec-example.json");
        let rows = parse_clicks_response(body).unwrap().rows;
        let csv = rows_to_csv(&rows);
        let lines: Vec<&str> = csv.split("\r\n").filter(|l| !l.is_empty()).collect();
        assert_eq!(lines.len(), 2);
        assert!(lines[0].starts_with("id,created_at,referrer,"));
        assert!(lines[1].contains(",google-click-id,"));
        assert!(lines[1].contains(",,"), "null fields are empty cells");
    }

    #[test]
    fn quotes_commas_and_defuses_formulas() {
        assert_eq!(escape_cell("a,b"), "\"a,b\"");
        assert_eq!(escape_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(
            escape_cell("=HYPERLINK(\"x\")"),
            "\"'=HYPERLINK(\"\"x\"\")\""
        );
        assert_eq!(escape_cell("@cmd"), "'@cmd");
        assert_eq!(rows_to_csv(&[]), "");
    }
}
