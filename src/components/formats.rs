//! The widget's `Intl` formatters as its parts read them (CONTRACT 7
//! `locale`): made once per locale, handed to each part that writes a
//! number or a date.

use crate::intl::IntlLabels;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;

/// One locale's formatters; equal only to themselves, so a new locale
/// redraws what it writes.
#[derive(Clone)]
pub struct SharedLabels(SendWrapper<Rc<IntlLabels>>);

impl PartialEq for SharedLabels {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The formatters of the widget's locale, looked up again only when it
/// changes (made once per locale for the whole page).
#[derive(Clone, Copy)]
pub struct Formats(Memo<SharedLabels>);

impl Formats {
    /// Formatters for `locale` (none: the browser's language).
    pub fn new(locale: Signal<Option<String>>) -> Self {
        let locale = Memo::new(move |_| locale.get());
        Self(Memo::new(move |_| {
            locale.with(|tag| SharedLabels(SendWrapper::new(IntlLabels::shared(tag.as_deref()))))
        }))
    }

    /// Runs `f` with the formatters, tracking a change of locale.
    pub fn with<R>(&self, f: impl FnOnce(&IntlLabels) -> R) -> R {
        self.0.with(|labels| f(&labels.0))
    }
}
