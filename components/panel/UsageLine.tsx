import { useEffect, useState } from 'react';
import { db } from '@/utils/db';
import type { GenerationKind } from '@/utils/messaging/protocol';
import { trimNote, type UsageFacts, usageLine, windowNote } from '@/utils/panel/usage-text';

// Under the summary / draft: the prompt's tokens, the cost, and (calmly) what was left out to fit the model.
// Read from the stored generation, which the background writes before it posts `started` and `done`: so the line
// is right for a live stream, after a reopened panel, and after the worker restarted.

export interface UsageLineProps {
  ticketKey: string | null;
  kind: GenerationKind;
  /** Changes whenever the generation may have changed (stream status, model): the line reads again. */
  refresh: unknown;
}

export function UsageLine({ ticketKey, kind, refresh }: UsageLineProps) {
  const [facts, setFacts] = useState<UsageFacts | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is only a trigger
  useEffect(() => {
    setFacts(null);
    if (!ticketKey) return;
    let cancelled = false;
    void db()
      .generations.where('[ticketKey+kind]')
      .equals([ticketKey, kind])
      .last()
      .then((g) => {
        if (!cancelled && g) setFacts(g);
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [ticketKey, kind, refresh]);
  if (!facts) return null;
  const line = usageLine(facts);
  if (!line) return null;
  const trim = trimNote(facts);
  const assumed = windowNote(facts);
  return (
    <div className="usage-line muted" data-testid={`${kind}-usage`}>
      <p data-testid={`${kind}-usage-tokens`}>{line}</p>
      {trim && <p data-testid={`${kind}-usage-trimmed`}>{trim}</p>}
      {assumed && <p data-testid={`${kind}-usage-window`}>{assumed}</p>}
    </div>
  );
}
