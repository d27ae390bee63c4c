// Sentences about cut-off answers shared by the background (stored with the generation) and the panel.

/** The worker that was writing is gone: the panel's port closed without a final message. */
export const BACKGROUND_STOPPED_MESSAGE =
  'Deskmate’s background stopped while writing; the text that arrived is kept.';

/** The panel closed mid-stream, so the background stopped the request. */
export const PANEL_CLOSED_MESSAGE =
  'The panel closed while this was being written; the text that had arrived is kept.';

/** Text arrived, then the answer was cut off (an error or an interruption): Continue makes sense. */
export function isIncomplete(g: { outcome: string; output: string }): boolean {
  return (g.outcome === 'error' || g.outcome === 'interrupted') && g.output !== '';
}
