//! `Analyse all clicks` (CONTRACT 8), the part: its one button, the
//! progress bar, then over the loaded rows the chosen values, search,
//! sort, table and pager, `Download all CSV`, the heatmap and the spike
//! note. The requests are `all_clicks_loader`'s, the lists are drawn by
//! `breakdowns_view`, and the counting is `analysis`'s.

use super::all_clicks_loader::{LoadStatus, Loader, Stage};
use super::breakdowns_view::Breakdowns;
use super::formats::Formats;
use super::heatmap_view::{HeatmapView, SpikeView};
use super::pager::Pager;
use super::state::{Shown, ViewControl};
use super::table::ClicksTable;
use crate::analysis::breakdown::{breakdowns, RowFilter};
use crate::analysis::dimension::Dimension;
use crate::analysis::heatmap::{offsets_by_quarter_hour, Heatmap};
use crate::analysis::loaded::LoadedClicks;
use crate::analysis::paging::{PagingPlan, Progress, MAX_IN_FLIGHT};
use crate::analysis::search::{fold, row_matches};
use crate::analysis::sort::{sort_rows, SortOrder};
use crate::analysis::spike::spike_note;
use crate::browser::{bytes_blob, download_parts, error_text, next_task};
use crate::columns::Column;
use crate::config::TimeZone;
use crate::config::{Filters, Settings};
use crate::csv::{all_csv_file_name, CsvLayout};
use crate::format::{css_percent, Labels};
use crate::model::ClicksResponse;
use crate::request::RequestLoop;
use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::sync::Arc;

/// Rows written per chunk of `Download all CSV`, between yields.
const CSV_CHUNK_ROWS: usize = 2000;

/// The `Analyse all clicks` part: its button, progress, breakdowns and
/// the table over the loaded rows.
#[component]
pub fn AllClicks(
    /// The main view's response on screen: its range and total are what
    /// is loaded. Required.
    shown: RwSignal<Option<Shown>>,
    /// The main view; a new range, flag or link clears what was loaded,
    /// and its zone is the loaded rows' too. Required.
    control: ViewControl,
    /// Whether the main view's request is in flight (nothing starts
    /// meanwhile: its range is not on screen yet). Required.
    busy: Signal<bool>,
    /// Where and how to fetch, and `max-rows`. Required.
    settings: Signal<Settings>,
    /// Extra request headers for the proxy. Required.
    headers: Signal<Vec<(String, String)>>,
    /// How numbers are written. Required.
    formats: Formats,
    /// Set while loaded rows take the main table's place. Required.
    active: RwSignal<bool>,
    /// Set while pages are loading (the widget is busy then). Required.
    loading: RwSignal<bool>,
    /// The columns shown, shared with the main table. Required.
    columns: RwSignal<crate::columns::ColumnChoice>,
) -> impl IntoView {
    let filters = control.filters;
    let status = RwSignal::new(LoadStatus::Idle);
    let version = RwSignal::new(0u64);
    let loader: StoredValue<Option<Rc<Loader>>, LocalStorage> = StoredValue::new_local(None);
    let row_filter = RwSignal::new(RowFilter::default());
    // `Search clicks` and the order chosen by a heading (none: newest first).
    let query = RwSignal::new(String::new());
    let sort: RwSignal<Option<SortOrder>> = RwSignal::new(None);
    // The loaded rows' own page and page size (and zone), apart from the
    // main view's, so paging them asks the server for nothing.
    let local_filters = RwSignal::new(filters.get_untracked());
    let local = ViewControl {
        filters: local_filters,
        events: StoredValue::new_local(None),
    };
    let loaded_shown: RwSignal<Option<Shown>> = RwSignal::new(None);
    // The rows `Analyse all clicks` could not make room for, when it
    // could not start.
    let refused: RwSignal<Option<u64>> = RwSignal::new(None);

    let clear = move || {
        if let Some(old) = loader.try_update_value(Option::take).flatten() {
            old.halt(None);
        }
        status.set(LoadStatus::Idle);
        refused.set(None);
        row_filter.set(RowFilter::default());
        query.set(String::new());
        sort.set(None);
        loaded_shown.set(None);
    };
    let stage = Memo::new(move |_| status.with(LoadStatus::stage));
    Effect::new(move |_| active.set(loaded_shown.with(Option::is_some)));
    Effect::new(move |_| loading.set(stage.get() == Stage::Loading));
    // A new range, flag or link: what was loaded is of another view.
    Effect::new(move |_| {
        let view = filters.get();
        let link = settings.with(|s| s.link_id.clone());
        let stale = loader.with_value(|l| {
            l.as_ref().is_some_and(|l| {
                !l.view.holds_same_clicks(&view) || Some(&l.link_id) != link.as_ref()
            })
        });
        if stale {
            clear();
        }
    });
    // One zone for row times, whichever table's `Times in` sets it; the
    // main view's change is the one the host hears (`slc-change`).
    Effect::new(move |_| {
        let zone = filters.with(|f| f.time_zone);
        if local_filters.with_untracked(|f| f.time_zone) != zone {
            local_filters.update(|f| f.time_zone = zone);
        }
    });
    Effect::new(move |_| {
        let zone: TimeZone = local_filters.with(|f| f.time_zone);
        if filters.with_untracked(|f| f.time_zone) != zone {
            control.change(|f| Filters {
                time_zone: zone,
                ..f
            });
        }
    });
    let held = SendWrapper::new(loader);
    on_cleanup(move || {
        if let Some(old) = held.try_update_value(Option::take).flatten() {
            old.halt(None);
        }
    });

    // Whether the range on screen is the filters' (not an older one kept
    // while the new one's request failed or waits to be retried).
    let range_on_screen = move || {
        shown.with(|s| {
            s.as_ref()
                .is_some_and(|s| filters.with(|f| s.filters.holds_same_clicks(f)))
        })
    };
    let start = move |_| {
        let Some((view, total, link_id)) = shown.with_untracked(|s| {
            s.as_ref()
                .map(|s| (s.filters, s.data.total_for_paging(), s.link_id.clone()))
        }) else {
            return;
        };
        // Only the range on screen, never one whose answer is still coming.
        if busy.get_untracked() || !view.holds_same_clicks(&filters.get_untracked()) {
            return;
        }
        let settings = settings.get_untracked();
        let plan = PagingPlan::new(total, settings.max_rows);
        let Some(loaded) = LoadedClicks::try_with_capacity(plan.target as usize) else {
            refused.set(Some(plan.target));
            return;
        };
        let fresh = Rc::new(Loader {
            view,
            headers: RefCell::new(headers.get_untracked()),
            events: control.events,
            link_id,
            queue: RefCell::new(plan.offsets().collect()),
            plan,
            settings: RefCell::new(settings),
            slots: std::array::from_fn(|_| Rc::new(RequestLoop::default())),
            in_flight: RefCell::new([None; MAX_IN_FLIGHT]),
            loaded: RefCell::new(loaded),
            rate_left: Cell::new(None),
            paused_until_ms: Cell::new(0.0),
            run: Cell::new(0),
            started_ms: Cell::new(js_sys::Date::now()),
            loaded_before: Cell::new(0),
            status,
            version,
            rate_wait: RefCell::new(None),
        });
        clear();
        local_filters.set(Filters {
            page: 1,
            page_size: 100,
            time_zone: filters.get_untracked().time_zone,
            ..view
        });
        loader.set_value(Some(fresh.clone()));
        status.set(LoadStatus::Loading { waiting: None });
        fresh.pump();
    };
    let cancel = move |_| loader.with_value(|l| l.iter().for_each(|l| l.halt(None)));
    let resume = move |_| {
        if let Some(l) = loader.with_value(Clone::clone) {
            // The host's current headers and settings: a renewed token.
            *l.headers.borrow_mut() = headers.get_untracked();
            *l.settings.borrow_mut() = settings.get_untracked();
            l.started_ms.set(js_sys::Date::now());
            l.loaded_before.set(l.loaded.borrow().len() as u64);
            status.set(LoadStatus::Loading { waiting: None });
            l.pump();
        }
    };

    // The rows passing the chosen filters, newest first (pages arrive in
    // any order), recounted once loading stops or the choice changes.
    // Loading stopped or done with rows to show (a failure or cancel
    // before the first page leaves the main view's table in place).
    let settled = move || {
        status.with(|s| matches!(s, LoadStatus::Done | LoadStatus::Stopped { .. }))
            && loader.with_value(|l| l.as_ref().is_some_and(|l| !l.loaded.borrow().is_empty()))
    };
    // Newest first once (pages arrive in any order): the order rows show
    // in, and the order ties keep under a heading's sort.
    let newest_first = Memo::new(move |_| {
        version.track();
        if !settled() {
            return Arc::new(Vec::new());
        }
        loader.with_value(|l| {
            Arc::new(l.as_ref().map_or_else(Vec::new, |l| {
                let loaded = l.loaded.borrow();
                let mut indices: Vec<u32> = (0..loaded.len() as u32).collect();
                let newest = SortOrder {
                    column: Column::Time,
                    descending: true,
                };
                sort_rows(loaded.rows(), &mut indices, newest);
                indices
            }))
        })
    });
    let ordered = Memo::new(move |_| {
        let newest = newest_first.get();
        match sort.get() {
            None => newest,
            Some(order) => loader.with_value(|l| {
                let mut indices = newest.as_ref().clone();
                if let Some(l) = l.as_ref() {
                    sort_rows(l.loaded.borrow().rows(), &mut indices, order);
                }
                Arc::new(indices)
            }),
        }
    });
    // Which rows pass the chosen values (by load position): the lists'
    // filter, which the heatmap counts too (the search does not change
    // what the lists and the heatmap count, only the table).
    let chosen = Memo::new(move |_| {
        version.track();
        if !settled() {
            return Arc::new(Vec::new());
        }
        row_filter.with(|f| {
            loader.with_value(|l| {
                Arc::new(l.as_ref().map_or_else(Vec::new, |l| {
                    l.loaded
                        .borrow()
                        .rows()
                        .iter()
                        .map(|row| f.passes(row))
                        .collect()
                }))
            })
        })
    });
    // Which of those the search finds: the table's rows, in `ordered`'s
    // order. What the last count was for: a query that only grew (a
    // keystroke), over the same chosen rows, checks only the rows that
    // matched.
    let counted_for: StoredValue<Option<(Arc<Vec<bool>>, String)>> = StoredValue::new(None);
    let matching = Memo::new(move |previous: Option<&Arc<Vec<bool>>>| {
        let chosen = chosen.get();
        let folded = query.with(|q| fold(q.trim()));
        if folded.is_empty() {
            counted_for.set_value(None);
            return chosen;
        }
        let narrowing = counted_for.with_value(|counted| {
            counted.as_ref().is_some_and(|(rows, q)| {
                Arc::ptr_eq(rows, &chosen) && folded.starts_with(q.as_str())
            })
        });
        let candidates = previous.filter(|_| narrowing).unwrap_or(&chosen);
        let matches = loader.with_value(|l| {
            l.as_ref().map_or_else(Vec::new, |l| {
                l.loaded
                    .borrow()
                    .rows()
                    .iter()
                    .zip(candidates.iter())
                    .map(|(row, &candidate)| candidate && row_matches(row, &folded))
                    .collect::<Vec<bool>>()
            })
        });
        counted_for.set_value(Some((chosen, folded)));
        Arc::new(matches)
    });
    let passing = Memo::new(move |_| {
        let order = ordered.get();
        matching.with(|matches| {
            Arc::new(
                order
                    .iter()
                    .copied()
                    .filter(|&i| matches.get(i as usize).copied().unwrap_or(false))
                    .collect::<Vec<u32>>(),
            )
        })
    });
    // `Download all CSV`: every passing row, written a chunk at a time
    // with a yield to the browser between chunks, so the page never
    // freezes for long.
    let exporting = RwSignal::new(false);
    // Why the last `Download all CSV` failed, if it did: no partial file
    // is offered.
    let export_failed: RwSignal<Option<String>> = RwSignal::new(None);
    let download_all = move |_| {
        if exporting.get_untracked() || passing.with_untracked(|p| p.is_empty()) {
            return;
        }
        let Some(l) = loader.with_value(Clone::clone) else {
            return;
        };
        let indices = passing.get_untracked();
        exporting.set(true);
        export_failed.set(None);
        leptos::task::spawn_local(async move {
            let parts = js_sys::Array::new();
            let layout = {
                let loaded = l.loaded.borrow();
                CsvLayout::for_rows(indices.iter().map(|&i| &loaded.rows()[i as usize]))
            };
            let mut text = layout.header();
            for chunk in indices.chunks(CSV_CHUNK_ROWS) {
                {
                    let loaded = l.loaded.borrow();
                    layout.write_rows(chunk.iter().map(|&i| &loaded.rows()[i as usize]), &mut text);
                }
                // Each chunk becomes its bytes' own Blob now: the file's
                // Blob is then made of Blobs, with nothing left to encode
                // (from 50 strings, its encoding was one 80-110 ms task).
                match bytes_blob(text.as_bytes()) {
                    Ok(blob) => parts.push(&blob),
                    Err(error) => {
                        export_failed.try_set(Some(error_text(&error)));
                        exporting.try_set(false);
                        return;
                    }
                };
                text.clear();
                next_task().await;
                // The element was removed meanwhile: nothing to offer.
                if exporting.try_get_untracked().is_none() {
                    return;
                }
            }
            let offered =
                download_parts(&all_csv_file_name(&l.link_id, &l.view), &parts, "text/csv");
            if let Err(error) = offered {
                export_failed.try_set(Some(error_text(&error)));
            }
            exporting.try_set(false);
        });
    };
    // The weekday × hour grid of the chosen rows, in the zone of row
    // times, the offset taken at each click's instant.
    // A memo: a page change (a search resets the page) must not recount.
    let zone = Memo::new(move |_| local_filters.with(|f| f.time_zone));
    let grid = Memo::new(move |_| {
        let zone = zone.get();
        chosen.with(|matches| {
            if !settled() {
                return None;
            }
            loader.with_value(|l| {
                let l = l.as_ref()?;
                let loaded = l.loaded.borrow();
                let rows = loaded
                    .rows()
                    .iter()
                    .zip(matches.iter())
                    .filter_map(|(row, &matches)| matches.then_some(row));
                Some(match zone {
                    TimeZone::Utc => Heatmap::count(rows, |_| 0),
                    TimeZone::Local => Heatmap::count(
                        rows,
                        offsets_by_quarter_hour(|ms| {
                            -(js_sys::Date::new(&ms.into()).get_timezone_offset() as i32)
                        }),
                    ),
                })
            })
        })
    });
    // The busiest day of the range, over every loaded row.
    let spike = Memo::new(move |_| {
        version.track();
        if !settled() {
            return None;
        }
        loader.with_value(|l| {
            let l = l.as_ref()?;
            // Capped at max-rows, or stopped: not every row is in.
            let partial = l.plan.is_capped() || status.with(|s| *s != LoadStatus::Done);
            spike_note(
                l.loaded.borrow().rows(),
                l.view.date_start,
                l.view.date_end,
                partial,
            )
        })
    });
    let lists = Memo::new(move |_| {
        version.track();
        if !settled() {
            return Vec::new();
        }
        row_filter.with(|f| {
            loader.with_value(|l| {
                l.as_ref()
                    .map_or_else(Vec::new, |l| breakdowns(l.loaded.borrow().rows(), f))
            })
        })
    });
    // The page of passing rows the table shows.
    Effect::new(move |_| {
        let indices = passing.get();
        let view = local_filters.get();
        if !settled() {
            loaded_shown.set(None);
            return;
        }
        let first = (view.page.saturating_sub(1) as usize).saturating_mul(view.page_size as usize);
        let shown_page = loader.with_value(|l| {
            let l = l.as_ref()?;
            let loaded = l.loaded.borrow();
            let rows = indices
                .iter()
                .skip(first)
                .take(view.page_size as usize)
                .map(|&i| loaded.rows()[i as usize].clone())
                .collect();
            Some(Shown {
                data: Arc::new(ClicksResponse {
                    clicks_total: Some(indices.len() as u64),
                    rows,
                    ..ClicksResponse::default()
                }),
                filters: view,
                link_id: l.link_id.clone(),
            })
        });
        loaded_shown.set(shown_page);
    });
    // Back to the first page when the choice, the search or the order changes.
    Effect::new(
        move |before: Option<(RowFilter, String, Option<SortOrder>)>| {
            let now = (row_filter.get(), query.get(), sort.get());
            if before.is_some_and(|b| b != now) && local_filters.with_untracked(|f| f.page != 1) {
                local_filters.update(|f| f.page = 1);
            }
            now
        },
    );
    // Whether there are lists to show: only its change rebuilds the part
    // below (a filter click must not rebuild the table and close what is
    // open in it).
    let has_lists = Memo::new(move |_| lists.with(|l| !l.is_empty()));

    // While pages load, the rate and time left move on each second, not
    // only when a page comes in (a slow page would freeze them): each
    // reading while loading asks for the next one a second later. The
    // timer is replaced by each reading, dropped when loading stops, and
    // goes with the widget (a dropped `Timeout` is cleared). It is started
    // here, in the reading, rather than by an `Interval` in an effect of
    // its own, because that cost about 350 bytes more of the size budget.
    let tick = RwSignal::new(0u32);
    let next_tick = StoredValue::new_local(None::<Timeout>);
    let progress = move || {
        version.track();
        tick.track();
        let loading = status.with(|s| matches!(s, LoadStatus::Loading { .. }));
        next_tick.try_set_value(loading.then(|| {
            Timeout::new(1000, move || {
                tick.try_update(|t| *t = t.wrapping_add(1));
            })
        }));
        loader.with_value(|l| {
            l.as_ref().map(|l| {
                let loaded = l.loaded.borrow();
                (
                    l.progress(),
                    loaded.dropped(),
                    loaded.missing(l.plan.target),
                    l.plan,
                )
            })
        })
    };
    let toggle = Callback::new(move |(dimension, value): (Dimension, String)| {
        row_filter.update(|f| f.toggle(dimension, &value));
    });

    view! {
        <section class="slc-all" aria-label="All clicks">
            <div class="slc-all-tools">
                // One button whose text and action follow the stage, so
                // focus stays on it from Analyse to Cancel to Resume.
                <button type="button" class="slc-button"
                    disabled=move || stage.get() == Stage::Idle && (busy.get() || !range_on_screen())
                    on:click=move |ev| match stage.get_untracked() {
                        Stage::Idle => start(ev),
                        Stage::Loading => cancel(ev),
                        Stage::Stopped => resume(ev),
                        Stage::Done => clear(),
                    }>
                    {move || match stage.get() {
                        Stage::Idle => "Analyse all clicks",
                        Stage::Loading => "Cancel loading",
                        Stage::Stopped => "Resume",
                        Stage::Done => "Clear loaded clicks",
                    }}
                </button>
                <button type="button" class="slc-button" hidden=move || stage.get() != Stage::Stopped on:click=move |_| clear()>"Clear loaded clicks"</button>
                <span class="slc-muted" hidden=move || stage.get() != Stage::Idle>{move || {
                    // The same words before and after the answer, so
                    // nothing below moves when it comes.
                    if let Some(rows) = refused.get() {
                        return formats.with(|labels| format!(
                            "This browser cannot hold {} rows: set a lower max-rows.",
                            labels.number(rows)
                        ));
                    }
                    if shown.with(Option::is_some) && !range_on_screen() {
                        return "Loads every click of the range once the range is on screen.".to_string();
                    }
                    let capped = shown.with(|s| s.as_ref().map(|s| s.data.total_for_paging()))
                        .filter(|&total| total > settings.with(|s| s.max_rows));
                    match capped {
                        Some(total) => formats.with(|labels| format!(
                            "This range holds {} clicks: the first {} (max-rows) can be loaded.",
                            labels.number(total),
                            labels.number(settings.with(|s| s.max_rows))
                        )),
                        None => "Loads every click of the range, 1,000 a request, for breakdowns.".to_string(),
                    }
                }}</span>
                <span class="slc-muted" role="status">{move || status.with(|s| match s {
                    LoadStatus::Loading { waiting } => waiting.clone(),
                    LoadStatus::Stopped { why: Some(why) } => Some(format!("Loading stopped: {why}. What was loaded is kept.")),
                    LoadStatus::Stopped { why: None } => Some("Loading cancelled. What was loaded is kept.".to_string()),
                    _ => None,
                })}</span>
            </div>
            {move || progress().map(|(progress, dropped, missing, plan)| {
                let loading = status.with(|s| matches!(s, LoadStatus::Loading { .. }));
                let (text, notes) = formats.with(|labels| {
                    let mut notes = Vec::new();
                    if dropped > 0 {
                        notes.push(format!("{} repeated rows dropped (new clicks moved the pages)", labels.number(dropped as u64)));
                    }
                    if missing > 0 && status.with(|s| *s == LoadStatus::Done) {
                        notes.push(format!("{} may be missing", labels.number(missing)));
                    }
                    if plan.is_capped() {
                        notes.push(format!("the first {} of {} (max-rows)", labels.number(plan.target), labels.number(plan.total)));
                    }
                    let text = if loading {
                        progress.label(labels)
                    } else {
                        // No rate or time left once nothing is loading.
                        Progress { elapsed_secs: 0.0, ..progress }.label(labels)
                    };
                    (text, notes.join(" · "))
                });
                view! {
                    <div class="slc-progress" role="progressbar" aria-label="Loading all clicks" aria-valuemin="0"
                        aria-valuenow=progress.loaded.to_string() aria-valuemax=progress.bar_max().to_string()>
                        <div class="slc-progress-bar" style:width=css_percent(progress.percent())></div>
                    </div>
                    <p class="slc-progress-text">{text}{(!notes.is_empty()).then(|| format!(" · {notes}"))}</p>
                }
            })}
            {move || has_lists.get().then(|| view! {
                <SpikeView note=spike formats=formats />
                <Breakdowns lists=lists filter=row_filter toggle=toggle formats=formats />
                <HeatmapView grid=grid time_zone=zone.into() formats=formats />
                <div class="slc-all-table-tools">
                    <label class="slc-field slc-search">
                        "Search clicks"
                        <input type="search" prop:value=move || query.get() on:input=move |ev| query.set(event_target_value(&ev)) />
                    </label>
                    <button type="button" class="slc-button" on:click=download_all
                        aria-disabled=move || (exporting.get() || passing.with(|p| p.is_empty())).to_string()>
                        "Download all CSV"
                    </button>
                    <span class="slc-muted" role="status">{move || match (exporting.get(), export_failed.get()) {
                        (true, _) => Some("Writing the CSV…".to_string()),
                        (false, Some(why)) => Some(format!("The CSV could not be written: {why}")),
                        (false, None) => None,
                    }}</span>
                </div>
                <ClicksTable shown=loaded_shown control=local formats=formats sort=sort columns=columns />
                <Pager control=local shown=loaded_shown formats=formats />
            })}
        </section>
    }
}
