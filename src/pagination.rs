//! Page arithmetic for the pager (CONTRACT 5).

/// Page sizes offered in `Rows per page`.
pub const PAGE_SIZE_CHOICES: [u32; 6] = [25, 50, 100, 250, 500, 1000];

/// `max(1, ceil(total / page_size))`.
pub fn page_count(total: u64, page_size: u32) -> u32 {
    let size = u64::from(page_size.max(1));
    total.div_ceil(size).clamp(1, u64::from(u32::MAX)) as u32
}

/// Where the pager stands: which moves are possible.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWindow {
    /// The current page, 1-based.
    pub page: u32,
    /// How many pages there are (at least 1).
    pub page_count: u32,
}

impl PageWindow {
    /// The window for a page of a total.
    pub fn new(page: u32, total: u64, page_size: u32) -> Self {
        Self {
            page: page.max(1),
            page_count: page_count(total, page_size),
        }
    }

    /// `Page X of Y`, the numbers written by `labels`.
    pub fn label(&self, labels: &dyn crate::format::Labels) -> String {
        format!(
            "Page {} of {}",
            labels.number(u64::from(self.page)),
            labels.number(u64::from(self.page_count))
        )
    }

    /// Whether First/Previous can move.
    pub fn has_previous(&self) -> bool {
        self.page > 1
    }

    /// Whether Next/Last can move.
    pub fn has_next(&self) -> bool {
        self.page < self.page_count
    }

    /// The page to show instead when the current one is past the end
    /// (e.g. a shared link after the data shrank), if any.
    pub fn clamped(&self) -> Option<u32> {
        (self.page > self.page_count).then_some(self.page_count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_count_is_at_least_one_and_rounds_up() {
        assert_eq!(page_count(0, 100), 1);
        assert_eq!(page_count(100, 100), 1);
        assert_eq!(page_count(101, 100), 2);
        assert_eq!(page_count(3_456, 250), 14);
        assert_eq!(page_count(u64::MAX, 1), u32::MAX);
    }

    #[test]
    fn window_knows_its_moves_and_label() {
        let first = PageWindow::new(1, 250, 100);
        assert_eq!(
            first.label(&crate::format::english::EnglishLabels),
            "Page 1 of 3"
        );
        assert!(!first.has_previous() && first.has_next());
        let last = PageWindow::new(3, 250, 100);
        assert!(last.has_previous() && !last.has_next());
        assert_eq!(PageWindow::new(9, 250, 100).clamped(), Some(3));
        assert_eq!(last.clamped(), None);
        assert_eq!(
            PageWindow::new(1, 123_456, 1).label(&crate::format::english::EnglishLabels),
            "Page 1 of 123,456"
        );
    }
}
