//! The wasm build's memory allocator: power-of-two size classes, each with
//! a free list; new blocks come from `memory.grow` and freed blocks are
//! reused by the next request of their class.
//!
//! Why not the standard one (dlmalloc): it is 7 KB of the wasm, and this
//! widget's allocations repeat the same shapes page after page (a body, its
//! rows, a payload), which size classes serve in O(1) without fragmenting.
//! The cost is up to 2× per block, and memory is never given back (wasm
//! memory cannot shrink anyway).

use std::alloc::Layout;

/// Wasm page size.
pub const PAGE: usize = 65_536;

/// Size classes: 8 bytes (2^3) up to 2^31.
const CLASSES: usize = 32;
const MIN_CLASS: u32 = 3;

/// Where new memory comes from.
pub trait Grow {
    /// Adds `pages` pages; returns the address where they start.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

/// The allocator's bookkeeping; see the module docs.
pub struct SizeClasses<G> {
    grow: G,
    /// Head of each class's free list (0: empty). A free block's first word
    /// holds the next free block.
    free: [usize; CLASSES],
    /// Bump region for blocks never used before.
    next: usize,
    end: usize,
}

/// The class of a request: the power of two that holds its size and
/// alignment.
fn class_of(layout: Layout) -> usize {
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    size.checked_next_power_of_two()
        .map_or(CLASSES, |s| s.trailing_zeros() as usize)
}

impl<G: Grow> SizeClasses<G> {
    /// An empty allocator taking memory from `grow`.
    pub const fn new(grow: G) -> Self {
        Self {
            grow,
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }
    }

    /// A block for `layout`, or null when memory runs out.
    pub fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let class = class_of(layout);
        if class >= CLASSES {
            return std::ptr::null_mut();
        }
        let head = self.free[class];
        if head != 0 {
            // SAFETY: `head` is a free block of this class, at least one word
            // long and word-aligned, whose first word `dealloc` wrote.
            self.free[class] = unsafe { *(head as *const usize) };
            return head as *mut u8;
        }
        self.bump(1 << class)
    }

    /// A new block of `size` (a power of two), aligned to its size up to a
    /// page, so any alignment the class allows holds.
    fn bump(&mut self, size: usize) -> *mut u8 {
        let align = size.min(PAGE);
        let mut start = self.next.next_multiple_of(align);
        if start.checked_add(size).is_none_or(|end| end > self.end) {
            let pages = size.div_ceil(PAGE) + 1;
            let Some(base) = self.grow.grow(pages) else {
                return std::ptr::null_mut();
            };
            if base != self.end {
                // Not contiguous with the region so far (the first call, or
                // someone else grew the memory): start over at the new pages.
                self.next = base;
            }
            self.end = base + pages * PAGE;
            start = self.next.next_multiple_of(align);
        }
        self.next = start + size;
        start as *mut u8
    }

    /// Returns a block to its class's free list.
    ///
    /// # Safety
    /// `ptr` must come from `alloc` (or `realloc`) of this allocator with
    /// the same `layout`, and not be freed already.
    pub unsafe fn dealloc(&mut self, ptr: *mut u8, layout: Layout) {
        let class = class_of(layout);
        // SAFETY: the block is at least one word long and word-aligned.
        unsafe { *(ptr as *mut usize) = self.free[class] };
        self.free[class] = ptr as usize;
    }

    /// Resizes a block: the same block when the class does not change.
    ///
    /// # Safety
    /// As for [`SizeClasses::dealloc`]; `new_size` must not overflow when
    /// rounded up to `layout.align()`.
    pub unsafe fn realloc(&mut self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller keeps the alignment valid and the size in range.
        let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        if class_of(new_layout) == class_of(layout) {
            return ptr;
        }
        let new = self.alloc(new_layout);
        if !new.is_null() {
            // SAFETY: both blocks are live and at least this long; they are
            // distinct blocks, so they do not overlap.
            unsafe {
                std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size));
                self.dealloc(ptr, layout);
            }
        }
        new
    }
}

#[cfg(target_arch = "wasm32")]
mod global {
    use super::{Grow, SizeClasses, PAGE};
    use std::alloc::{GlobalAlloc, Layout};
    use std::cell::UnsafeCell;

    /// `memory.grow` on the module's memory.
    pub struct WasmMemory;

    impl Grow for WasmMemory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let previous = core::arch::wasm32::memory_grow(0, pages);
            (previous != usize::MAX).then(|| previous * PAGE)
        }
    }

    /// The global allocator of the wasm build.
    pub struct WasmAllocator(UnsafeCell<SizeClasses<WasmMemory>>);

    // SAFETY: the wasm build has one thread (no atomics feature), so the
    // allocator is never used from two threads at once.
    unsafe impl Sync for WasmAllocator {}

    impl WasmAllocator {
        /// An allocator with no memory yet.
        pub const fn new() -> Self {
            Self(UnsafeCell::new(SizeClasses::new(WasmMemory)))
        }
    }

    // SAFETY: blocks are distinct, at least `layout.size()` long and aligned
    // to `layout.align()` (`class_of` covers both); see `SizeClasses`.
    unsafe impl GlobalAlloc for WasmAllocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            // SAFETY: single-threaded, and no call re-enters the allocator.
            unsafe { (*self.0.get()).alloc(layout) }
        }

        unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
            // SAFETY: as above; the caller guarantees `ptr` and `layout`.
            unsafe { (*self.0.get()).dealloc(ptr, layout) }
        }

        unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
            // SAFETY: as above.
            unsafe { (*self.0.get()).realloc(ptr, layout, new_size) }
        }
    }

    #[global_allocator]
    static ALLOCATOR: WasmAllocator = WasmAllocator::new();
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages from a leaked buffer, as `memory.grow` would give them.
    struct Arena {
        base: usize,
        used: usize,
        limit: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Self {
            let buffer = vec![0u8; (pages + 1) * PAGE].leak();
            let base = (buffer.as_ptr() as usize).next_multiple_of(PAGE);
            Self {
                base,
                used: 0,
                limit: pages,
            }
        }
    }

    impl Grow for Arena {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            if self.used + pages > self.limit {
                return None;
            }
            let start = self.base + self.used * PAGE;
            self.used += pages;
            Some(start)
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_distinct_and_reused() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let shapes = [
            (1, 1),
            (8, 8),
            (24, 8),
            (100, 4),
            (4096, 16),
            (70_000, 8),
            (64, 64),
        ];
        let blocks: Vec<(usize, Layout)> = shapes
            .iter()
            .map(|&(size, align)| {
                let l = layout(size, align);
                let p = heap.alloc(l) as usize;
                assert_ne!(p, 0);
                assert_eq!(p % align, 0, "{size} bytes aligned to {align}");
                (p, l)
            })
            .collect();
        let mut spans: Vec<(usize, usize)> =
            blocks.iter().map(|(p, l)| (*p, *p + l.size())).collect();
        spans.sort_unstable();
        assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "blocks overlap");
        let (p, l) = blocks[3];
        unsafe { heap.dealloc(p as *mut u8, l) };
        assert_eq!(
            heap.alloc(layout(120, 8)) as usize,
            p,
            "a freed block serves its class again"
        );
    }

    #[test]
    fn writes_to_one_block_leave_the_others_intact() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let sizes = [3usize, 17, 200, 5000, 9, 65_536, 31];
        let blocks: Vec<*mut u8> = sizes.iter().map(|&n| heap.alloc(layout(n, 1))).collect();
        for (i, (&p, &n)) in blocks.iter().zip(&sizes).enumerate() {
            unsafe { std::ptr::write_bytes(p, i as u8 + 1, n) };
        }
        for (i, (&p, &n)) in blocks.iter().zip(&sizes).enumerate() {
            let bytes = unsafe { std::slice::from_raw_parts(p, n) };
            assert!(
                bytes.iter().all(|&b| b == i as u8 + 1),
                "block {i} was overwritten"
            );
        }
    }

    #[test]
    fn realloc_keeps_the_bytes_and_the_block_when_it_fits() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let l = layout(10, 1);
        let p = heap.alloc(l);
        unsafe { std::ptr::copy_nonoverlapping(b"0123456789".as_ptr(), p, 10) };
        assert_eq!(
            unsafe { heap.realloc(p, l, 16) },
            p,
            "10 and 16 bytes share a class"
        );
        let q = unsafe { heap.realloc(p, layout(16, 1), 1000) };
        assert_ne!(q, p);
        assert_eq!(unsafe { std::slice::from_raw_parts(q, 10) }, b"0123456789");
    }

    #[test]
    fn running_out_of_memory_is_a_null_block_not_a_crash() {
        let mut heap = SizeClasses::new(Arena::new(2));
        assert!(heap.alloc(layout(10 * PAGE, 8)).is_null());
        assert!(!heap.alloc(layout(100, 8)).is_null());
        assert!(heap.alloc(layout(usize::MAX / 4, 1)).is_null());
    }

    #[test]
    fn a_steady_workload_stops_growing() {
        let mut heap = SizeClasses::new(Arena::new(256));
        let mut settled = 0;
        for round in 0..200 {
            if round == 20 {
                settled = heap.grow.used;
            }
            let blocks: Vec<(*mut u8, Layout)> = (0..100)
                .map(|i| {
                    let l = layout(300 + (i * 7 + round) % 400, 8);
                    (heap.alloc(l), l)
                })
                .collect();
            for (p, l) in blocks {
                unsafe { heap.dealloc(p, l) };
            }
        }
        assert_eq!(
            heap.grow.used, settled,
            "memory grew after the workload settled"
        );
        assert!(settled <= 4, "{settled} pages for a 100-block workload");
    }
}
