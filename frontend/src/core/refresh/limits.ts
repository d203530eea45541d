/** Timing constants and limits of the refresh client, in one place. */

/** How long doorbells of the catalog stream are gathered before snapshots are fetched again. */
export const DOORBELL_COALESCE_MS = 300;

/** Polling interval of the snapshots in view, used only while the catalog stream is down. */
export const FALLBACK_POLL_MS = 5_000;

/** First and largest wait before the client reopens a stream the browser gave up on. */
export const STREAM_RETRY_MIN_MS = 1_000;
export const STREAM_RETRY_MAX_MS = 30_000;

/** Snapshot answers kept for If-None-Match (least recently used dropped first). */
export const SNAPSHOT_CACHE_ENTRIES = 64;

/** Rows per paged snapshot request, and how many such blocks a table keeps in memory. */
export const PAGE_BLOCK_ROWS = 200;
export const PAGE_BLOCKS_KEPT = 12;

/** How often the diagnostics (and the selector's status dots) are fetched again. */
export const DIAGNOSTICS_POLL_MS = 10_000;
