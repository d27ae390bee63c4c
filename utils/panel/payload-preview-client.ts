import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { t } from '../i18n/t';
import {
  type GenerationKind,
  type PanelRequest,
  PayloadPreviewResult,
  type Refine,
} from '../messaging/protocol';
import type { LanguageCode } from '../ticket/language';

// The payload preview is prepared by the background (the tokenizer that fits the thread to the model's window
// lives there only, keeping ≈ 2 MB out of the panel), with the same function the request uses: what is previewed
// is what is sent, trimming included.

/** A preset waiting to be sent: the preview shows its prompt (and, for a rewrite, the draft it rewrites). */
export interface PresetPreview {
  /** Absent for a refinement that is not a library preset (the agent's own instruction, a translation). */
  presetKey?: string;
  /** The preset's name or the refinement's label: shown in the preview and as the new version's label. */
  name: string;
  draft?: string;
  refine?: Refine;
}

/** Asks the background for the next request's payload; never throws. */
export async function requestPayloadPreview(
  tabId: number,
  ticketKey: string,
  kind: GenerationKind,
  replyLanguage?: LanguageCode,
  preset?: PresetPreview | null,
  knowledgeKeys: readonly string[] = [],
): Promise<PayloadPreviewResult> {
  try {
    const request: PanelRequest = {
      type: 'payload/preview',
      tabId,
      ticketKey,
      kind,
      ...(replyLanguage ? { replyLanguage } : {}),
      ...(preset?.presetKey ? { presetKey: preset.presetKey } : {}),
      ...(preset?.draft !== undefined ? { draft: preset.draft } : {}),
      ...(preset?.refine ? { refine: preset.refine } : {}),
      ...(kind === 'draft' && knowledgeKeys.length ? { knowledgeKeys: [...knowledgeKeys] } : {}),
    };
    const parsed = PayloadPreviewResult.safeParse(await browser.runtime.sendMessage(request));
    if (parsed.success) return parsed.data;
    return { ok: false, message: t('panel_preview_unexpected') };
  } catch (error) {
    return { ok: false, message: t('panel_background_no_answer', String(error).slice(0, 200)) };
  }
}

const NO_KEYS: readonly string[] = [];

export type PreviewState = { status: 'idle' | 'loading' } | { status: 'ready'; result: PayloadPreviewResult };

/** The preview for (tab, ticket, kind) while `open`; asked again whenever `refresh` changes (settings, ticket). */
export function usePayloadPreview(
  open: boolean,
  tabId: number | null,
  ticketKey: string | null,
  kind: GenerationKind,
  replyLanguage: LanguageCode | undefined,
  refresh: unknown,
  preset: PresetPreview | null = null,
  knowledgeKeys: readonly string[] = NO_KEYS,
): PreviewState {
  const [state, setState] = useState<PreviewState>({ status: 'idle' });
  // biome-ignore lint/correctness/useExhaustiveDependencies: `refresh` is only a trigger
  useEffect(() => {
    if (!open || tabId === null || !ticketKey) {
      setState({ status: 'idle' });
      return;
    }
    let cancelled = false;
    setState({ status: 'loading' });
    void requestPayloadPreview(tabId, ticketKey, kind, replyLanguage, preset, knowledgeKeys).then(
      (result) => {
        if (!cancelled) setState({ status: 'ready', result });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [open, tabId, ticketKey, kind, replyLanguage, refresh, preset, knowledgeKeys]);
  return state;
}
