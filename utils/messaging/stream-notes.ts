// Cut-off answers, shared by the background (stored with the generation) and the panel.

/**
 * The worker that was writing is gone: the panel's port closed without a final message. Stored with the
 * generation as a marker in English; the panel shows its own translated sentence for it (panel_note_*).
 */
export const BACKGROUND_STOPPED_MESSAGE =
  'Deskmate’s background stopped while writing; the text that arrived is kept.';

/** Text arrived, then the answer was cut off (an error or an interruption): Continue makes sense. */
export function isIncomplete(g: { outcome: string; output: string }): boolean {
  return (g.outcome === 'error' || g.outcome === 'interrupted') && g.output !== '';
}
