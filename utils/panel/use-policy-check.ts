import { useCallback, useEffect, useRef, useState } from 'react';
import { type PolicyCheckResult, parsePolicyCheck } from '../knowledge/policy-check';
import type { LlmError } from '../messaging/protocol';
import { restorePlaceholders } from '../privacy/engine';
import type { GenerationHandle } from './generation-client';
import { startPickedGeneration } from './pick-generation';

// "Check against knowledge" (utils/knowledge/policy-check.ts): a refinement-shaped request whose answer is collected
// here, apart from the draft: the draft box, its versions and the insert never see it.

export type PolicyCheckState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; result: PolicyCheckResult; checkedText: string }
  | { status: 'error'; error: LlmError };

export function usePolicyCheck(tabId: number | null, ticketKey: string | null) {
  const [state, setState] = useState<PolicyCheckState>({ status: 'idle' });
  const handle = useRef<GenerationHandle | null>(null);
  // A check is about one ticket's draft: a ticket switch leaves it (and its result) behind.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => {
    handle.current?.detach();
    handle.current = null;
    setState({ status: 'idle' });
  }, [ticketKey]);
  useEffect(() => () => handle.current?.detach(), []);

  const run = useCallback(
    (draft: string, knowledgeKeys: readonly string[]) => {
      if (tabId === null || !ticketKey) return;
      handle.current?.detach();
      setState({ status: 'running' });
      let acc = '';
      let map: Readonly<Record<string, string>> = {};
      const mine = startPickedGeneration(
        'draft',
        tabId,
        ticketKey,
        {
          onStarted: (_id, _model, _chars, sent) => {
            map = sent?.placeholders ?? {};
          },
          onDelta: (d) => {
            acc += d;
          },
          onDone: (text) => {
            if (handle.current !== mine) return;
            const answer = restorePlaceholders(text || acc, map);
            setState({ status: 'done', result: parsePolicyCheck(answer), checkedText: draft });
          },
          onStopped: () => {
            if (handle.current === mine) setState({ status: 'idle' });
          },
          onError: (error) => {
            if (handle.current === mine) setState({ status: 'error', error });
          },
        },
        { draft, refine: { mode: 'check' }, knowledgeKeys },
      );
      handle.current = mine;
    },
    [tabId, ticketKey],
  );
  const stop = useCallback(() => handle.current?.stop(), []);
  return { state, run, stop };
}
