import { useMemo } from 'react';
import { t } from '@/utils/i18n/t';
import { type PresetPreview, usePayloadPreview } from '@/utils/panel/payload-preview-client';

// "Require the preview before each send" applies to the knowledge check too: the exact messages the check would send
// (prepared by the background with the same function as the request), then Send or Cancel.

interface Props {
  tabId: number | null;
  ticketKey: string | null;
  /** The draft text the check will send (taken when the agent clicked). */
  draft: string;
  knowledgeKeys: readonly string[];
  onSend(): void;
  onCancel(): void;
}

export function CheckPreview({ tabId, ticketKey, draft, knowledgeKeys, onSend, onCancel }: Props) {
  const preset = useMemo<PresetPreview>(
    () => ({ name: 'check-against-knowledge', draft, refine: { mode: 'check' } }),
    [draft],
  );
  const preview = usePayloadPreview(true, tabId, ticketKey, 'draft', undefined, null, preset, knowledgeKeys);
  const result = preview.status === 'ready' ? preview.result : null;
  return (
    <div className="notice" data-testid="policy-check-preview">
      <p>
        <strong>{t('knowledge_panel_check_preview_title')}</strong>
      </p>
      {preview.status === 'loading' && <p className="muted">{t('knowledge_panel_check_preview_loading')}</p>}
      {result && !result.ok && (
        <p className="error" role="alert" data-testid="policy-check-preview-error">
          {result.message}
        </p>
      )}
      {result?.ok && (
        <ol className="payload" data-testid="policy-check-preview-messages">
          {result.payload.messages.map((m, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: a fixed, ordered list
            <li key={i}>
              <strong>{m.role}</strong>
              <pre>{m.content}</pre>
            </li>
          ))}
        </ol>
      )}
      <div className="row">
        <button
          type="button"
          className="primary"
          disabled={!result?.ok}
          onClick={onSend}
          data-testid="policy-check-send"
        >
          {t('knowledge_panel_check_send')}
        </button>
        <button type="button" onClick={onCancel} data-testid="policy-check-cancel">
          {t('knowledge_panel_check_cancel')}
        </button>
      </div>
    </div>
  );
}
