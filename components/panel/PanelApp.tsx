import { useEffect, useMemo, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { builtInHelpdeskOf } from '@/utils/helpdesks/access';
import { requestHelpdeskAccess } from '@/utils/helpdesks/access-client';
import { t } from '@/utils/i18n/t';
import type { RecordedInsert } from '@/utils/metrics/store';
import { copyText } from '@/utils/panel/insert-or-copy';
import type { PresetPreview } from '@/utils/panel/payload-preview-client';
import { usePanelPresence } from '@/utils/panel/presence';
import { presetAction } from '@/utils/panel/preset-picker';
import { usePanelProviderStatus } from '@/utils/panel/provider-status';
import { useSnippetOffer } from '@/utils/panel/snippet-offer';
import { useTabTicket } from '@/utils/panel/tab-ticket';
import { useTargetTab } from '@/utils/panel/target-tab';
import { type GenerationKind, useDraft, useSummary } from '@/utils/panel/use-generations';
import { useInsertFlow } from '@/utils/panel/use-insert-flow';
import { useKnowledge } from '@/utils/panel/use-knowledge';
import { recordDraftUndo, recordDraftUse, useFirstView } from '@/utils/panel/use-metrics';
import { usePanelCommands } from '@/utils/panel/use-panel-commands';
import type { PresetEntry } from '@/utils/presets/preset';
import { entryDisplayName } from '@/utils/presets/preset-text';
import { translateTargetOf } from '@/utils/presets/refine';
import { redactTicket } from '@/utils/privacy/engine';
import { redactionConfigFor } from '@/utils/privacy/settings';
import { usePrivacySettings } from '@/utils/privacy/use-privacy';
import { customerLanguage } from '@/utils/ticket/language';
import { DiagnoseCard } from './DiagnoseCard';
import { type ActionMessage, DraftCard } from './DraftCard';
import { DraftKnowledgeSection } from './DraftKnowledgeSection';
import { HistoryList } from './HistoryList';
import { InsertControls, insertMessage } from './InsertControls';
import { KnowledgeCard } from './KnowledgeCard';
import { OnboardingCard } from './OnboardingCard';
import { PayloadPreview } from './PayloadPreview';
import { PresetPicker } from './PresetPicker';
import { ReadFailureCard } from './ReadFailureCard';
import type { RefineChoice } from './RefineBar';
import { ReplyLanguageSelect } from './ReplyLanguageSelect';
import { SaveSnippetForm } from './SaveSnippetForm';
import { SummaryCard } from './SummaryCard';
import { TicketCard } from './TicketCard';
import { UsageLine } from './UsageLine';

export function PanelApp({ pinnedTabId }: { pinnedTabId: number | null }) {
  usePanelPresence();
  const target = useTargetTab(pinnedTabId);
  const { state, reread, readPage, useSelection } = useTabTicket(
    target?.tabId ?? null,
    target?.navigation ?? 0,
  );
  const provider = usePanelProviderStatus();
  const result = state.status === 'ready' ? state.result : null;
  const ticket = result?.ok ? result.ticket : null;
  const ticketKey = result?.ok ? result.ticketKey : null;
  const tabId = target?.tabId ?? null;
  const privacy = usePrivacySettings();
  // Restores placeholders in texts loaded from history (live streams use the map the background sent).
  const historyMap = useMemo(() => {
    const config = ticket ? redactionConfigFor(privacy, ticket.helpdesk) : null;
    return ticket && config ? redactTicket(ticket, config).placeholders : {};
  }, [ticket, privacy]);
  const summary = useSummary(ticketKey, tabId, historyMap);
  // Team knowledge (#10): the snippets a draft carries, read by useDraft when a generation starts.
  const knowledgeKeys = useRef<readonly string[]>([]);
  const draft = useDraft(ticketKey, tabId, historyMap, knowledgeKeys);
  const knowledge = useKnowledge(tabId, ticketKey, draft, knowledgeKeys);
  useFirstView(ticketKey);
  const detectedLanguage = useMemo(() => (ticket ? customerLanguage(ticket) : null), [ticket]);
  // "Require the preview before each send": the buttons open the preview; its confirm button sends.
  const [pendingKind, setPendingKind] = useState<GenerationKind | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setPendingKind(null), [ticketKey]);
  // Continue (a cut-off answer) goes through the same preview gate as a fresh request.
  const continuing = useRef(false);
  // A preset waiting for the preview's confirm (with "require the preview"), shown and sent as previewed.
  const [pendingPreset, setPendingPreset] = useState<PresetPreview | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setPendingPreset(null), [ticketKey]);
  const runPreset = (kind: GenerationKind, preset: PresetPreview) =>
    kind === 'draft'
      ? draft.runPreset(preset)
      : preset.presetKey && summary.generateWithPreset(preset.presetKey, preset.name);
  // Presets and refinements obey "require the preview" alike: the preview's confirm sends what it showed.
  const sendPreset = (kind: GenerationKind, preset: PresetPreview) => {
    if (!privacy.requirePreview) return runPreset(kind, preset);
    continuing.current = false;
    setPendingPreset(preset);
    setPendingKind(kind);
  };
  const requestPreset = (entry: PresetEntry) => {
    const action = presetAction(entry);
    sendPreset(action.target, {
      presetKey: entry.key,
      name: entryDisplayName(entry),
      ...(action.rewritesDraft ? { draft: draft.state.text } : {}),
    });
  };
  // The Refine bar: always the box's current text, the agent's edits included.
  const requestRefine = (choice: RefineChoice) =>
    sendPreset('draft', {
      name: choice.label,
      draft: draft.state.text,
      ...(choice.presetKey ? { presetKey: choice.presetKey } : {}),
      ...(choice.refine ? { refine: choice.refine } : {}),
    });
  const runNow = (kind: GenerationKind, cont = false) => {
    const target = kind === 'draft' ? draft : summary;
    return cont ? target.continueFrom() : target.generate();
  };
  const request = (kind: GenerationKind, cont = false) => {
    continuing.current = cont;
    setPendingPreset(null);
    return privacy.requirePreview ? setPendingKind(kind) : runNow(kind, cont);
  };
  const [message, setMessage] = useState<ActionMessage>(null);
  const snippetOffer = useSnippetOffer(ticketKey);

  // A message about one ticket must not linger on another.
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on ticket change only
  useEffect(() => setMessage(null), [ticketKey]);

  // Adapter ids are lower-case ('zendesk'); the button names the helpdesk the way the agent knows it.
  const helpdeskName =
    ticket?.source.method === 'api' || ticket?.source.method === 'dom'
      ? ticket.helpdesk.charAt(0).toUpperCase() + ticket.helpdesk.slice(1)
      : 'page';
  const canGenerate = provider.configured === true && ticket !== null;

  // A web page the browser did not let us script: the agent can grant this one site (a click is the gesture
  // permissions.request needs), then the page is read at once.
  const pageOrigin = (() => {
    try {
      const url = new URL(target?.url ?? '');
      return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : null;
    } catch {
      return null;
    }
  })();
  // A built-in helpdesk the agent has not turned on: the same click asks for exactly that helpdesk's sites.
  const lockedHelpdesk =
    result?.ok === false && result.code === 'no-access' ? builtInHelpdeskOf(target?.url) : null;
  const allowPage = async (): Promise<boolean> => {
    if (lockedHelpdesk) {
      const granted = await requestHelpdeskAccess(lockedHelpdesk);
      if (granted) void reread();
      return granted;
    }
    if (!pageOrigin) return false;
    const granted = await browser.permissions.request({ origins: [`${pageOrigin}/*`] });
    if (granted) void readPage();
    return granted;
  };

  const lastRecordedInsert = useRef<Promise<RecordedInsert | null> | null>(null);
  const insertFlow = useInsertFlow({
    tabId,
    ticketKey,
    text: draft.state.text,
    onEvent: (event) => {
      if (event.type === 'inserted' || event.type === 'copied') {
        // Only an insert can be undone; the metrics it recorded are taken back if it is.
        const recording = recordDraftUse(draft.state, event.type === 'inserted' ? 'insert' : 'copy');
        lastRecordedInsert.current = event.type === 'inserted' ? recording : null;
        snippetOffer.offer(draft.state);
      }
      if (event.type === 'undone') {
        void lastRecordedInsert.current?.then(recordDraftUndo);
        lastRecordedInsert.current = null;
      }
      setMessage(insertMessage(event));
    },
  });
  const insert = async () => {
    setMessage(null);
    await insertFlow.insert();
  };

  // Keyboard shortcuts (Alt+Shift+S / R / I by default; chrome://extensions/shortcuts changes them).
  usePanelCommands(tabId, canGenerate && draft.ready, {
    summarize: () => request('summary'),
    draft: () => request('draft'),
    insert: () => {
      if (draft.state.text.trim() !== '') void insert();
    },
  });

  const copy = async () => {
    const ok = await copyText(draft.state.text);
    if (ok) recordDraftUse(draft.state, 'copy');
    if (ok) snippetOffer.offer(draft.state);
    setMessage(
      ok ? { tone: 'ok', text: t('panel_copied') } : { tone: 'error', text: t('panel_copy_failed') },
    );
  };

  return (
    <main className="panel">
      <header className="panel-head">
        <h1>Deskmate</h1>
        <button
          type="button"
          className="link"
          onClick={() => void browser.runtime.openOptionsPage()}
          data-testid="open-settings"
        >
          {t('panel_settings')}
        </button>
      </header>
      {provider.configured === false && (
        <OnboardingCard warning={provider.warning} chromeAi={provider.chromeAi} />
      )}
      {provider.configured === true && (
        <p className="status provider-line" data-testid="panel-provider">
          {t(
            provider.automatic ? 'panel_provider_automatic' : 'panel_provider_model',
            provider.label ?? '',
            provider.endpoint ?? '',
          )}
        </p>
      )}
      {target === null || state.status === 'loading' ? (
        <p className="status" data-testid="ticket-loading" aria-live="polite">
          {t('panel_reading_ticket')}
        </p>
      ) : result && !result.ok ? (
        <ReadFailureCard
          failure={result}
          allowHost={pageOrigin ? new URL(pageOrigin).host : null}
          allowHelpdesk={lockedHelpdesk ? (result.helpdesk ?? lockedHelpdesk) : null}
          onAllowHost={allowPage}
          onReadPage={readPage}
          onUseSelection={useSelection}
          onRetry={reread}
        />
      ) : ticket ? (
        <>
          <TicketCard ticket={ticket} onReread={reread} signals={summary.signals} />
          <PayloadPreview
            tabId={tabId}
            ticketKey={ticketKey}
            ticket={ticket}
            endpoint={provider.endpoint ?? null}
            privacy={privacy}
            replyLanguage={draft.state.replyLanguage}
            sent={{ draft: draft.sent, summary: summary.sent }}
            pending={pendingKind}
            pendingPreset={pendingPreset}
            knowledgeKeys={knowledge.keys}
            onConfirm={(kind) => {
              setPendingKind(null);
              setPendingPreset(null);
              if (pendingPreset) runPreset(kind, pendingPreset);
              else runNow(kind, continuing.current);
            }}
            onCancel={() => {
              setPendingKind(null);
              setPendingPreset(null);
            }}
          />
          <SummaryCard
            text={summary.text}
            raw={summary.raw}
            stream={summary.stream}
            disabled={!canGenerate}
            onGenerate={() => request('summary')}
            onContinue={() => request('summary', true)}
            onStop={summary.stop}
            presetName={summary.presetName}
          />
          <UsageLine ticketKey={ticketKey} kind="summary" refresh={summary.stream} />
          <KnowledgeCard knowledge={knowledge} />
          <DraftCard
            draft={draft.state}
            stream={draft.stream}
            disabled={!canGenerate || !draft.ready}
            ready={draft.ready}
            message={message}
            onGenerate={() => request('draft')}
            onContinue={() => request('draft', true)}
            onStop={draft.stop}
            onEdit={draft.edit}
            onRestore={draft.restore}
            onRefine={requestRefine}
            refineLanguage={translateTargetOf(draft.state.replyLanguage, detectedLanguage?.code)}
            insertControls={
              <InsertControls
                helpdesk={helpdeskName}
                flow={insertFlow}
                hasText={draft.state.text.trim() !== ''}
                onCopy={() => void copy()}
              />
            }
            languageControl={
              <>
                <ReplyLanguageSelect
                  detected={detectedLanguage}
                  value={draft.state.replyLanguage}
                  disabled={!draft.ready}
                  onChange={draft.setReplyLanguage}
                />
                <PresetPicker
                  disabled={!canGenerate || !draft.ready}
                  hasDraft={draft.state.text.trim() !== ''}
                  onRun={requestPreset}
                />
              </>
            }
          />
          {snippetOffer.current && ticketKey && (
            <SaveSnippetForm
              offer={snippetOffer.current}
              ticket={ticket}
              ticketKey={ticketKey}
              language={draft.state.replyLanguage ?? detectedLanguage?.code}
              placeholders={historyMap}
            />
          )}
          <DraftKnowledgeSection
            tabId={tabId}
            ticketKey={ticketKey}
            draft={draft.state}
            running={draft.stream.status === 'waiting' || draft.stream.status === 'streaming'}
            canGenerate={canGenerate && draft.ready}
            knowledge={knowledge}
          />
          <UsageLine ticketKey={ticketKey} kind="draft" refresh={draft.stream} />
          <HistoryList ticketKey={ticketKey} historyMap={historyMap} onUseAsDraft={draft.adopt} />
        </>
      ) : null}
      <DiagnoseCard key={tabId ?? -1} tabId={tabId} />
      <footer className="panel-foot muted">{t('panel_footer')}</footer>
    </main>
  );
}
