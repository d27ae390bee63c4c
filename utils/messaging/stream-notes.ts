import { type MessageKey, t } from '../i18n/t';

// Cut-off answers, shared by the background (stored with the generation) and the panel.

/**
 * The worker that was writing is gone: the panel's port closed without a final message. Stored with the
 * generation as a marker in English; the panel shows its own translated sentence for it (panel_note_*).
 */
export const BACKGROUND_STOPPED_MESSAGE =
  // i18n-ignore: a stored marker; the panel shows its own translated sentence
  'Deskmate’s background stopped while writing; the text that arrived is kept.';

/** Text arrived, then the answer was cut off (an error or an interruption): Continue makes sense. */
export function isIncomplete(g: { outcome: string; output: string }): boolean {
  return (g.outcome === 'error' || g.outcome === 'interrupted') && g.output !== '';
}

/** streamChat's messages (utils/llm/stream.ts) that already say the partial text was kept. */
const SAYS_KEPT: readonly MessageKey[] = [
  'core_llm_stream_idle',
  'core_llm_stream_total',
  'core_llm_stream_dropped_partial',
];

// Stands in for the substitutions when a message is turned into a pattern (a private-use character, never typed).
const SLOT = '\uE000';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * True when `message` is one of those sentences in the UI language (or, stored before they were translated, in
 * English), so the panel does not add "the text that arrived is kept" a second time.
 */
export function saysTextKept(message: string): boolean {
  // Generations stored before these messages were translated hold the English sentences.
  if (/the partial text was kept\.$/.test(message)) return true;
  return SAYS_KEPT.some((key) => {
    const parts = t(key, SLOT, SLOT).split(SLOT).map(escapeRegExp);
    return new RegExp(`^${parts.join('[\\s\\S]*')}$`).test(message);
  });
}
