import { useEffect, useState } from 'react';
import { t } from '@/utils/i18n/t';
import { DRAFT_TEXT_MAX_CHARS } from '@/utils/messaging/protocol';
import { aiOriginOf, type DraftState } from '@/utils/panel/draft-state';
import { useGenerationKnowledge } from '@/utils/panel/use-generation-knowledge';
import type { KnowledgeState } from '@/utils/panel/use-knowledge';
import { usePolicyCheck } from '@/utils/panel/use-policy-check';
import { usePrivacySettings } from '@/utils/privacy/use-privacy';
import { CheckPreview } from './CheckPreview';
import { DraftSources, PolicyCheck } from './DraftKnowledge';

// Mounted right under the draft card (PanelApp): the draft's sources and the policy check, as one block.

interface Props {
  tabId: number | null;
  ticketKey: string | null;
  draft: DraftState;
  /** An answer is streaming into the draft box. */
  running: boolean;
  /** A model is set up and the saved draft is loaded. */
  canGenerate: boolean;
  knowledge: KnowledgeState;
}

export function DraftKnowledgeSection({ tabId, ticketKey, draft, running, canGenerate, knowledge }: Props) {
  const origin = aiOriginOf(draft);
  const generation = useGenerationKnowledge(origin?.generationId);
  const check = usePolicyCheck(tabId, ticketKey);
  // With "require the preview before each send", the check shows what it sends first (the text as clicked).
  const { requirePreview } = usePrivacySettings();
  const [pending, setPending] = useState<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setPending(null), [ticketKey]);
  const keys = knowledge.keys;
  const blockedReason = !canGenerate
    ? t('knowledge_panel_check_blocked_model')
    : running
      ? t('knowledge_panel_check_blocked_running')
      : draft.text.trim() === ''
        ? t('knowledge_panel_check_blocked_empty')
        : draft.text.length > DRAFT_TEXT_MAX_CHARS
          ? t('knowledge_panel_check_blocked_long')
          : knowledge.keys.length === 0
            ? t('knowledge_panel_check_blocked_no_snippets')
            : null;
  return (
    <section
      className="card knowledge-draft"
      aria-label={t('knowledge_panel_draft_section')}
      data-testid="draft-knowledge"
    >
      <DraftSources info={generation.info} streaming={generation.streaming || running} />
      <PolicyCheck
        state={check.state}
        blockedReason={blockedReason}
        currentText={draft.text}
        onCheck={() => (requirePreview ? setPending(draft.text) : check.run(draft.text, keys))}
        onStop={check.stop}
      />
      {pending !== null && (
        <CheckPreview
          tabId={tabId}
          ticketKey={ticketKey}
          draft={pending}
          knowledgeKeys={keys}
          onSend={() => {
            setPending(null);
            check.run(pending, keys);
          }}
          onCancel={() => setPending(null)}
        />
      )}
    </section>
  );
}
