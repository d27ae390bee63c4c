import { useMemo, useState } from 'react';
import { buildMessages } from '@/utils/llm/prompts';
import type { GenerationKind } from '@/utils/messaging/protocol';
import type { Ticket } from '@/utils/ticket/ticket';

// "Nothing leaves the browser without the agent seeing it": the exact messages a click would send,
// built by the same function the background uses. Only the per-request nonce differs.

export function PayloadPreview({ ticket, endpoint }: { ticket: Ticket; endpoint: string | null }) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<GenerationKind>('draft');
  const preview = useMemo(
    () => (open ? buildMessages(kind, ticket, { nonce: 'nonce-per-request' }) : null),
    [open, kind, ticket],
  );
  return (
    <section className="card" aria-labelledby="payload-title">
      <div className="card-head">
        <h3 id="payload-title">What will be sent</h3>
        <button
          type="button"
          className="link"
          aria-expanded={open}
          onClick={() => setOpen((v) => !v)}
          data-testid="payload-toggle"
        >
          {open ? 'Hide' : 'Show'}
        </button>
      </div>
      {open && preview && (
        <>
          <p className="muted">
            Sent only when you click Summarize or Draft reply, and only to{' '}
            {endpoint ?? 'the model you configure'}.
          </p>
          <div className="row" role="radiogroup" aria-label="Request">
            {(['draft', 'summary'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="payload-kind" checked={kind === k} onChange={() => setKind(k)} />{' '}
                {k === 'draft' ? 'Draft reply' : 'Summary'}
              </label>
            ))}
          </div>
          <p className="muted" data-testid="payload-size">
            {preview.promptChars.toLocaleString()} characters (about{' '}
            {Math.ceil(preview.promptChars / 4).toLocaleString()} tokens)
            {preview.trimmed.omittedMessages > 0
              ? ` · ${preview.trimmed.omittedMessages} middle messages left out to fit`
              : ''}
          </p>
          <ol className="payload" data-testid="payload-messages">
            {preview.messages.map((m, i) => (
              <li key={`${m.role}-${i === 0 ? 'system' : 'user'}`}>
                <strong>{m.role}</strong>
                <pre>{typeof m.content === 'string' ? m.content : JSON.stringify(m.content)}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}
