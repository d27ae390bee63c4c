// Follows single-page-app navigation. A content script cannot see the page's own history.pushState calls
// (they run in another JS world), so we compare the resolved ticket id on a short interval and on the
// navigation events that do reach us. Cheap: one regex on the URL per tick for most adapters.

export interface RouteWatcherOptions {
  intervalMs?: number;
  /** Schedules work; WXT's ctx.setInterval stops it when the extension context goes away. */
  setInterval?: (cb: () => void, ms: number) => number;
  clearInterval?: (id: number) => void;
  win?: Window;
}

export function watchTicketId(
  resolve: () => string | null,
  onChange: (ticketId: string | null, previous: string | null) => void,
  options: RouteWatcherOptions = {},
): () => void {
  const win = options.win ?? window;
  const set = options.setInterval ?? ((cb, ms) => win.setInterval(cb, ms));
  const clear = options.clearInterval ?? ((id) => win.clearInterval(id));
  let current = resolve();
  const check = () => {
    const next = resolve();
    if (next !== current) {
      const previous = current;
      current = next;
      onChange(next, previous);
    }
  };
  const timer = set(check, options.intervalMs ?? 400);
  win.addEventListener('popstate', check);
  win.addEventListener('hashchange', check);
  return () => {
    clear(timer);
    win.removeEventListener('popstate', check);
    win.removeEventListener('hashchange', check);
  };
}
