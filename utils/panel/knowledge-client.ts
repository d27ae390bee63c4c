import { useCallback, useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { KnowledgeSuggestResult, type PanelRequest } from '../messaging/protocol';

// The panel's side of "knowledge/suggest": the background searches the team's snippets for the ticket it holds for
// the tab. Asked once the ticket is read, in the background of the panel: nothing waits for it, and a failure is a
// notice on the card, never a blocked panel.

/** How many proposals the card asks for (the cap on what a draft carries is separate: pins count too). */
export const SUGGESTION_LIMIT = 5;

export type SuggestFailure =
  | { code: 'no-ticket' | 'failed'; message: string }
  /** The background did not answer or answered something else (the worker restarted, an older build). */
  | { code: 'no-answer' | 'bad-answer'; message: string };

export type SuggestState =
  | { status: 'idle' | 'loading' }
  | { status: 'ready'; result: Extract<KnowledgeSuggestResult, { ok: true }> }
  | { status: 'error'; failure: SuggestFailure };

/** Never throws. */
export async function requestSuggestions(
  tabId: number,
  ticketKey: string,
  limit = SUGGESTION_LIMIT,
): Promise<Exclude<SuggestState, { status: 'idle' | 'loading' }>> {
  const request: PanelRequest = { type: 'knowledge/suggest', tabId, ticketKey, limit };
  let answer: unknown;
  try {
    answer = await browser.runtime.sendMessage(request);
  } catch (error) {
    return { status: 'error', failure: { code: 'no-answer', message: String(error).slice(0, 300) } };
  }
  const parsed = KnowledgeSuggestResult.safeParse(answer);
  if (!parsed.success) return { status: 'error', failure: { code: 'bad-answer', message: '' } };
  const result = parsed.data;
  return result.ok
    ? { status: 'ready', result }
    : { status: 'error', failure: { code: result.code, message: result.message } };
}

/** Suggestions for the ticket on screen; `retry` asks again (after an error, or once snippets were added). */
export function useKnowledgeSuggestions(tabId: number | null, ticketKey: string | null) {
  const [state, setState] = useState<SuggestState>({ status: 'idle' });
  const [attempt, setAttempt] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is only a trigger
  useEffect(() => {
    if (tabId === null || !ticketKey) {
      setState({ status: 'idle' });
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    void requestSuggestions(tabId, ticketKey).then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [tabId, ticketKey, attempt]);
  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { state, retry };
}
