import type { StoredSnippet } from './db-tables';
import { buildKnowledgeIndexInSlices, type KnowledgeIndex, type Yield, yieldToEventLoop } from './retrieve';

// The knowledge index kept in memory (by the background), rebuilt when the stored snippets change.
//
// - Change detection: `revision()` is a cheap fingerprint of the stored snippets (the background's: row count +
//   newest updatedAt, two indexed reads). It is checked on every request, so a change made anywhere (options page,
//   a pack refresh, another window) is seen, and a restarted MV3 worker, whose memory is gone, simply builds on its
//   first request. `watch` (a Dexie liveQuery in the background) only makes the rebuild start early, before the
//   panel asks.
// - Building runs in slices (retrieve.ts) with a yield between them, so other messages are answered meanwhile.
//   One build at a time; a change signalled during a build starts another right after it.
// - A request while the index is out of date: with no index yet (first request after a start), it waits for the
//   build. With an older index, it waits up to `staleWaitMs` (150 ms) for the new one, which covers the usual small
//   change (a pack of a few hundred snippets), then answers from the older index rather than keep the panel waiting;
//   the next request gets the new one.

export interface SnippetSource {
  /** Changes whenever a snippet is added, changed or removed. */
  revision(): Promise<string>;
  load(): Promise<StoredSnippet[]>;
  /** Calls `onChange` when the snippets may have changed; returns the unsubscribe. */
  watch?(onChange: () => void): () => void;
}

export interface IndexSnapshot {
  index: KnowledgeIndex;
  rows: ReadonlyMap<string, StoredSnippet>;
  revision: string;
  /** How long the build took, wall clock including the yields (ms). */
  buildMs: number;
}

export interface KnowledgeIndexService {
  /** The index to search now (see above for what "now" means while a rebuild runs). */
  snapshot(): Promise<IndexSnapshot>;
  /** Starts watching for changes (idempotent): from then on a change rebuilds without waiting for a request. */
  watch(): void;
  /** True while a build runs (tests, diagnostics). */
  readonly building: boolean;
  stop(): void;
}

export interface ServiceOptions {
  slice?: number;
  yieldFn?: Yield;
  staleWaitMs?: number;
  /** Several writes in a row (an import, then a refresh) make one rebuild. */
  debounceMs?: number;
  clock?: () => number;
  log?: (message: string, error: unknown) => void;
}

export const STALE_WAIT_MS = 150;

export function createKnowledgeIndexService(
  source: SnippetSource,
  options: ServiceOptions = {},
): KnowledgeIndexService {
  const {
    slice = 200,
    yieldFn = yieldToEventLoop,
    staleWaitMs = STALE_WAIT_MS,
    debounceMs = 50,
    clock = () => performance.now(),
    log = (message, error) => console.warn(message, error),
  } = options;
  let current: IndexSnapshot | undefined;
  let building: Promise<IndexSnapshot> | undefined;
  let changedDuringBuild = false;
  let unwatch: (() => void) | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function build(): Promise<IndexSnapshot> {
    changedDuringBuild = false;
    // The revision is read before the rows: a write in between makes the next check rebuild, never miss it.
    const revision = await source.revision();
    const rows = await source.load();
    const started = clock();
    const index = await buildKnowledgeIndexInSlices(rows, { slice, yieldFn });
    // i18n-ignore: the abort reason of a superseded build, caught inside the index service
    if (!index) throw new Error('The knowledge index build was cancelled.');
    current = {
      index,
      rows: new Map(rows.map((row) => [row.key, row])),
      revision,
      buildMs: clock() - started,
    };
    return current;
  }

  function rebuild(): Promise<IndexSnapshot> {
    if (building) return building;
    const run = build().finally(() => {
      building = undefined;
      if (changedDuringBuild) schedule();
    });
    building = run;
    return run;
  }

  async function fresh(): Promise<IndexSnapshot> {
    const revision = await source.revision();
    if (current && current.revision === revision) return current;
    const pending = rebuild();
    const previous = current;
    if (!previous) return pending;
    const quiet = pending.catch((error: unknown) => {
      log('Deskmate: rebuilding the knowledge index failed; answering from the previous one.', error);
      return previous;
    });
    let wait: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<IndexSnapshot>((resolve) => {
      wait = setTimeout(() => resolve(previous), staleWaitMs);
    });
    const winner = await Promise.race([quiet, timeout]);
    clearTimeout(wait);
    return winner;
  }

  function schedule(): void {
    if (building) {
      changedDuringBuild = true;
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fresh().catch((error: unknown) => log('Deskmate: building the knowledge index failed.', error));
    }, debounceMs);
  }

  return {
    snapshot: fresh,
    watch() {
      if (unwatch || !source.watch) return;
      unwatch = source.watch(schedule);
    },
    get building() {
      return building !== undefined;
    },
    stop() {
      unwatch?.();
      unwatch = undefined;
      clearTimeout(timer);
    },
  };
}
