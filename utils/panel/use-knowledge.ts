import { useCallback, useMemo, useRef } from 'react';
import type { KnowledgeSuggestion } from '../messaging/protocol';
import {
  EMPTY_CHOICE,
  type KnowledgeChoice,
  knowledgeView,
  pin,
  remove,
  restore,
  unpin,
} from './knowledge-choice';
import { useKnowledgeSuggestions } from './knowledge-client';

// Proposals (from the background) + the agent's pins and removals (kept with the ticket's draft) → what the
// card lists and the keys a draft carries. `keysRef` is what useDraft reads when a generation starts.

const NO_SUGGESTIONS: readonly KnowledgeSuggestion[] = [];
// One empty list, so a consumer's effect that depends on the keys does not run again on every render.
const NO_KEYS: readonly string[] = [];

export function useKnowledge(
  tabId: number | null,
  ticketKey: string | null,
  draft: {
    state: { knowledge?: KnowledgeChoice };
    ready: boolean;
    setKnowledge(choice: KnowledgeChoice): void;
  },
  keysRef: { current: readonly string[] },
) {
  const { state: suggest, retry } = useKnowledgeSuggestions(tabId, ticketKey);
  const choice = draft.state.knowledge ?? EMPTY_CHOICE;
  const suggestions = suggest.status === 'ready' ? suggest.result.suggestions : NO_SUGGESTIONS;
  const view = useMemo(() => knowledgeView(choice, suggestions), [choice, suggestions]);
  const keys = useMemo(() => view.used.map((s) => s.key), [view]);
  // Stable while the chosen keys are the same: the preview asks again only when they change.
  const stableKeys = useRef<readonly string[]>(keys);
  if (stableKeys.current.join('\n') !== keys.join('\n')) stableKeys.current = keys;
  // Until the saved draft (and with it the saved choice) is loaded, nothing is sent: pins must not be missed.
  keysRef.current = draft.ready ? stableKeys.current : NO_KEYS;

  const { ready, setKnowledge } = draft;
  const change = useCallback(
    (next: (choice: KnowledgeChoice) => KnowledgeChoice) => {
      if (ready) setKnowledge(next(choice));
    },
    [ready, setKnowledge, choice],
  );
  return {
    suggest,
    retry,
    choice,
    view,
    keys: keysRef.current,
    /** False until the ticket's saved draft is loaded (pins and removals are kept with it). */
    ready,
    pin: (snippet: KnowledgeSuggestion) => change((c) => pin(c, snippet)),
    unpin: (key: string) => change((c) => unpin(c, key)),
    remove: (key: string) => change((c) => remove(c, key)),
    restore: (key: string) => change((c) => restore(c, key)),
  };
}

export type KnowledgeState = ReturnType<typeof useKnowledge>;
