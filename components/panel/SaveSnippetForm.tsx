import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { db } from '@/utils/db';
import { t } from '@/utils/i18n/t';
import { useSnippetForm } from '@/utils/options/use-snippet-form';
import { prefillFromReply, type SnippetOffer, saveReplySnippet } from '@/utils/panel/snippet-offer';
import type { Ticket } from '@/utils/ticket/ticket';
import { SnippetFields } from '../options/knowledge/SnippetFields';
import './save-snippet.css';

// "Save as snippet" under the draft, once it was inserted or copied: a button that opens a short form prefilled
// from the ticket (subject, tags, the reply's language) and the inserted text. Save writes the agent's own
// snippet to the database the options page and the knowledge index read; the result is said in words.

export interface SaveSnippetFormProps {
  offer: SnippetOffer;
  ticket: Pick<Ticket, 'subject' | 'tags' | 'helpdesk' | 'requester'>;
  ticketKey: string;
  /** The reply's language ("Reply in", else the customer's detected language). */
  language: string | null | undefined;
  /** The ticket's redaction map: the customer's details in the reply become placeholders before it is shared. */
  placeholders?: Readonly<Record<string, string>>;
}

type Result = { tone: 'ok' | 'error'; text: string } | null;

export function SaveSnippetForm(props: SaveSnippetFormProps) {
  const [open, setOpen] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const savedRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (saved) savedRef.current?.focus();
  }, [saved]);
  // A new insert is a new offer: start over (closed) with its text.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset when the offer changes only
  useEffect(() => {
    setOpen(false);
    setSaved(null);
  }, [props.offer.at]);

  return (
    <section className="save-snippet" data-testid="save-snippet" aria-label={t('knowledge_save_open')}>
      {saved ? (
        // The form the focus was in is gone: the confirmation takes it, so a keyboard user is not dropped on the body.
        <p className="notice ok" role="status" tabIndex={-1} ref={savedRef} data-testid="save-snippet-saved">
          {t('knowledge_save_saved', saved)}
        </p>
      ) : open ? (
        <SaveForm
          {...props}
          onSaved={(title) => {
            setOpen(false);
            setSaved(title);
          }}
          onCancel={() => {
            setOpen(false);
            requestAnimationFrame(() => openButton.current?.focus());
          }}
        />
      ) : (
        <button type="button" ref={openButton} data-testid="save-snippet-open" onClick={() => setOpen(true)}>
          {t('knowledge_save_open')}
        </button>
      )}
    </section>
  );
}

function SaveForm({
  offer,
  ticket,
  ticketKey,
  language,
  placeholders,
  onSaved,
  onCancel,
}: SaveSnippetFormProps & { onSaved: (title: string) => void; onCancel: () => void }) {
  const form = useSnippetForm(prefillFromReply(ticket, offer.text, language, placeholders));
  const [saving, setSaving] = useState(false);
  const [result, setResult] = useState<Result>(null);
  const titleRef = useRef<HTMLInputElement>(null);
  const uid = useId();

  useEffect(() => {
    titleRef.current?.focus();
  }, []);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (saving) return;
    const check = form.submit();
    if (!check.ok) return;
    setSaving(true);
    setResult(null);
    try {
      await saveReplySnippet(db(), check.snippet, {
        ticketKey,
        helpdesk: ticket.helpdesk,
        ...(offer.generationId !== undefined ? { generationId: offer.generationId } : {}),
      });
      onSaved(check.snippet.title);
    } catch (error) {
      setSaving(false);
      setResult({
        tone: 'error',
        text: t(
          'knowledge_save_failed',
          (error instanceof Error ? error.message : String(error)).slice(0, 200),
        ),
      });
    }
  };

  return (
    <form noValidate onSubmit={submit} aria-labelledby={`${uid}-heading`} data-testid="save-snippet-form">
      <h3 id={`${uid}-heading`}>{t('knowledge_save_title')}</h3>
      <p className="muted">{t('knowledge_save_intro')}</p>
      <p className="muted" data-testid="save-snippet-depersonalized">
        {t('knowledge_save_depersonalized')}
      </p>
      <SnippetFields
        idPrefix={uid}
        testPrefix="save-snippet"
        draft={form.draft}
        onChange={form.set}
        errorOf={form.errorOf}
        titleRef={titleRef}
        compact
      />
      {form.refusal.length > 0 && (
        <div className="notice error" role="alert" data-testid="save-snippet-refused">
          <p>{t('knowledge_options_save_refused')}</p>
          <ul>
            {form.refusal.map((reason) => (
              <li key={reason}>{reason}</li>
            ))}
          </ul>
        </div>
      )}
      {result && (
        <p className={`notice ${result.tone}`} role="alert" data-testid="save-snippet-error">
          {result.text}
        </p>
      )}
      <div className="row">
        <button type="submit" className="primary" disabled={saving} data-testid="save-snippet-save">
          {saving ? t('knowledge_options_saving') : t('knowledge_save_button')}
        </button>
        <button type="button" onClick={onCancel} data-testid="save-snippet-cancel">
          {t('knowledge_options_cancel')}
        </button>
      </div>
    </form>
  );
}
