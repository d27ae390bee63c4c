import { useEffect, useMemo, useState } from 'react';
import { t, tCount } from '@/utils/i18n/t';
import type { GenerationKind, SentPayload } from '@/utils/messaging/protocol';
import { type PresetPreview, usePayloadPreview } from '@/utils/panel/payload-preview-client';
import { trimNote, windowNote } from '@/utils/panel/usage-text';
import { previewSegments } from '@/utils/privacy/payload';
import type { PrivacySettings } from '@/utils/privacy/settings';
import type { LanguageCode } from '@/utils/ticket/language';
import type { Ticket } from '@/utils/ticket/ticket';

// "Nothing leaves the browser without the agent seeing it": the exact messages a click would send, prepared by
// the background with the same function it uses right before the call (preparePayload: redaction, then the
// prompt fitted to the model's window by tokens). Only the per-request nonce differs. The background prepares it
// because the tokenizer lives there (kept out of the panel bundle). After a request, "Last sent" shows what the
// background really sent.
// Page text is rendered as React text nodes; redactions are <mark> spans around the placeholder text.

type Mode = 'next' | 'sent';

export interface PayloadPreviewProps {
  tabId: number | null;
  ticketKey: string | null;
  ticket: Ticket;
  endpoint: string | null;
  privacy: PrivacySettings;
  /** The draft's "Reply in" choice, so the preview states the same language as the request. */
  replyLanguage?: LanguageCode;
  sent: Record<GenerationKind, SentPayload | null>;
  /** Set when the agent clicked Draft/Summarize and the settings require the preview first. */
  pending: GenerationKind | null;
  /** The preset the pending request runs (the preview shows that preset's prompt). */
  pendingPreset?: PresetPreview | null;
  /** The knowledge snippets a draft would carry (KnowledgeCard), so the preview shows their block. */
  knowledgeKeys?: readonly string[];
  onConfirm(kind: GenerationKind): void;
  onCancel(): void;
}

export function PayloadPreview({
  tabId,
  ticketKey,
  ticket,
  endpoint,
  privacy,
  replyLanguage,
  sent,
  pending,
  pendingPreset = null,
  knowledgeKeys,
  onConfirm,
  onCancel,
}: PayloadPreviewProps) {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<GenerationKind>('draft');
  const [mode, setMode] = useState<Mode>('next');
  useEffect(() => {
    if (!pending) return;
    setOpen(true);
    setKind(pending);
    setMode('next');
  }, [pending]);
  // Asked again when the ticket, the privacy settings or the endpoint (model, hence window) change.
  const refresh = useMemo(() => ({ ticket, privacy, endpoint }), [ticket, privacy, endpoint]);
  const preview = usePayloadPreview(
    open,
    tabId,
    ticketKey,
    kind,
    kind === 'draft' ? replyLanguage : undefined,
    refresh,
    pending ? pendingPreset : null,
    knowledgeKeys,
  );
  const ready = preview.status === 'ready' ? preview.result : null;
  const next = ready?.ok ? ready : null;
  const last = sent[kind];
  const shown =
    mode === 'sent' && last
      ? {
          messages: last.messages,
          placeholders: last.placeholders,
          note: t('panel_payload_last_sent_note'),
        }
      : next
        ? {
            messages: next.payload.messages,
            placeholders: next.payload.placeholders,
            note: next.redacted ? null : t('panel_payload_unredacted'),
          }
        : null;
  const redactedCount = shown ? Object.keys(shown.placeholders).length : 0;
  return (
    <section className="card" aria-labelledby="payload-title" data-testid="payload-preview">
      <div className="card-head">
        <h3 id="payload-title">{t('panel_payload_title')}</h3>
        <button
          type="button"
          className="link"
          aria-expanded={open}
          onClick={() => setOpen((v) => !v)}
          data-testid="payload-toggle"
        >
          {open ? t('panel_hide') : t('panel_show')}
        </button>
      </div>
      {open && mode === 'next' && preview.status === 'loading' && (
        <p className="muted" data-testid="payload-loading">
          {t('panel_payload_loading')}
        </p>
      )}
      {open && ready && !ready.ok && (
        <p className="error" role="alert" data-testid="payload-error">
          {ready.message}
        </p>
      )}
      {open && shown && (
        <>
          <p className="muted">{t('panel_payload_when', endpoint ?? t('panel_payload_configured_model'))}</p>
          {pending && pendingPreset && (
            <p className="muted" data-testid="payload-preset">
              {t('panel_payload_preset', pendingPreset.name)}
            </p>
          )}
          <div className="row" role="radiogroup" aria-label={t('panel_payload_request')}>
            {(['draft', 'summary'] as const).map((k) => (
              <label key={k}>
                <input
                  type="radio"
                  name="payload-kind"
                  checked={kind === k}
                  onChange={() => setKind(k)}
                  disabled={pending !== null}
                />{' '}
                {k === 'draft' ? t('panel_draft_title') : t('panel_summary_title')}
              </label>
            ))}
          </div>
          {last && pending === null && (
            <div className="row" role="radiogroup" aria-label={t('panel_payload_which')}>
              {(
                [
                  ['next', t('panel_payload_next')],
                  ['sent', t('panel_payload_last')],
                ] as const
              ).map(([m, label]) => (
                <label key={m}>
                  <input
                    type="radio"
                    name="payload-mode"
                    checked={mode === m}
                    onChange={() => setMode(m)}
                    data-testid={`payload-mode-${m}`}
                  />{' '}
                  {label}
                </label>
              ))}
            </div>
          )}
          <p className="muted" data-testid="payload-redactions">
            {redactedCount === 0
              ? t('panel_payload_no_redactions')
              : tCount('panel_payload_redacted', redactedCount)}
            {shown.note ? ` ${shown.note}` : ''}
          </p>
          {next && mode === 'next' && (
            <p className="muted" data-testid="payload-size">
              {tCount('panel_chars', next.promptChars)} ·{' '}
              {next.usage.tokenCountMethod === 'estimate'
                ? t('panel_about', tCount('panel_prompt_tokens', next.usage.promptTokens))
                : tCount('panel_prompt_tokens', next.usage.promptTokens)}
              {(() => {
                const facts = { model: next.model || t('panel_model_fallback'), ...next.usage };
                const notes = [trimNote(facts), windowNote(facts)].filter(Boolean);
                return notes.length ? ` · ${notes.join(' ')}` : '';
              })()}
            </p>
          )}
          <ol className="payload" data-testid="payload-messages">
            {shown.messages.map((m, i) => (
              // A fixed, ordered list; a Continue sends two user messages, so the role alone is not unique.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is never reordered
              <li key={`${m.role}-${i}`}>
                <strong>{m.role}</strong>
                <pre>
                  {previewSegments(m.content, shown.placeholders).map((seg) =>
                    seg.redaction ? (
                      <mark
                        key={seg.start}
                        className="redaction"
                        data-testid="redaction"
                        title={t('panel_payload_redacted_title', seg.redaction.label.toLowerCase())}
                      >
                        {seg.text}
                      </mark>
                    ) : (
                      <span key={seg.start}>{seg.text}</span>
                    ),
                  )}
                </pre>
              </li>
            ))}
          </ol>
          {pending && (
            <div className="row" data-testid="payload-confirm-row">
              <button
                type="button"
                className="primary"
                onClick={() => onConfirm(pending)}
                data-testid="payload-confirm"
              >
                {pending === 'draft' ? t('panel_payload_send_draft') : t('panel_payload_send_summary')}
              </button>
              <button type="button" onClick={onCancel} data-testid="payload-cancel">
                {t('panel_cancel')}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
