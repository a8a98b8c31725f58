//! How the process's allocators treat the large blocks a photo needs (the decoded pixels, each
//! resized variant, libwebp's and the JPEG encoder's working buffers: tens of MB per photo).
//!
//! By default both allocators hand such blocks back to the system when they are freed, so the
//! next photo faults the same amount of fresh memory in and the kernel zeroes every page of it
//! (with transparent huge pages, 2 MB at a time): a tenth of a cold build's CPU, measured. While
//! photos are made, freed memory is kept for the next photo instead. The settings are
//! process-wide by nature and only ever set, never undone: a build exits when it is done, and
//! `serve` keeps at most the memory its largest photo build used.

/// Keeps freed memory for reuse, in mimalloc (the Rust side) and glibc's allocator (libwebp).
/// Cheap and idempotent; called before each photo is decoded.
pub(crate) fn keep_freed_memory() {
    keep_in_mimalloc();
    keep_in_glibc();
}

/// `mi_option_purge_decommits` and `mi_option_purge_delay` in `mimalloc.h` (the same numbers in
/// mimalloc 2 and 3; `libmimalloc-sys` names neither).
const MI_OPTION_PURGE_DECOMMITS: libmimalloc_sys::mi_option_t = 5;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn keep_in_mimalloc() {
    // SAFETY: setting an option only stores a number in mimalloc's option table; both options
    // are read when mimalloc next considers returning memory, and any value is valid.
    unsafe {
        // Never purge; and should a purge happen, reset pages rather than decommit them.
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, -1);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DECOMMITS, 0);
    }
}

#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn keep_in_glibc() {
    // Blocks up to 32 MiB from the heap (not their own mappings), and the heap trimmed only
    // above 64 MiB free.
    const MMAP_THRESHOLD: i32 = 32 << 20;
    const TRIM_THRESHOLD: i32 = 64 << 20;
    // SAFETY: mallopt only changes glibc's allocator settings; it is thread-safe and takes no
    // pointers.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        libc::mallopt(libc::M_TRIM_THRESHOLD, TRIM_THRESHOLD);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_in_glibc() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mimalloc_options_are_the_ones_meant() {
        // SAFETY: reading an option is always allowed.
        let get = || unsafe {
            (
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DECOMMITS),
            )
        };
        // mimalloc 3's defaults (1000 ms, decommit), or ours if another test in this
        // process already made a photo. No other option defaults to 1000, so a wrong number
        // for the delay shows here; the decommit flag can only be range-checked.
        let (delay, decommits) = get();
        assert!([1000, -1].contains(&delay), "purge delay read as {delay}");
        assert!(
            [1, 0].contains(&decommits),
            "purge decommits read as {decommits}"
        );
        keep_freed_memory();
        assert_eq!(get(), (-1, 0));
    }
}
