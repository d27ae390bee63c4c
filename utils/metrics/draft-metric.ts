import { z } from 'zod';

// One AI draft as the local quality metrics see it. Recorded on the agent's machine only (Dexie), never sent
// anywhere; a team lead collects figures by asking agents for the CSV export. No ticket text is kept here.

export const DraftMetric = z.object({
  /** The generation that produced the AI text. */
  generationId: z.number().int(),
  ticketKey: z.string().min(1).max(600),
  helpdesk: z.string().min(1).max(100),
  presetId: z.string().max(200).optional(),
  presetName: z.string().max(200).optional(),
  model: z.string().max(200),
  /** When the agent first opened this ticket in the panel (epoch ms). */
  firstViewedAt: z.number().int().nonnegative(),
  /** When the AI text was complete. */
  draftedAt: z.number().int().nonnegative(),
  /** Set once the draft went into the helpdesk's editor (inserted or copied by the agent). */
  insertedAt: z.number().int().nonnegative().optional(),
  insertMethod: z.enum(['insert', 'copy']).optional(),
  /** Share of the AI text the agent changed before inserting (utils/metrics/edit-rate.ts), 0–1. */
  editRate: z.number().min(0).max(1).optional(),
  aiChars: z.number().int().nonnegative(),
  insertedChars: z.number().int().nonnegative().optional(),
});
export type DraftMetric = z.infer<typeof DraftMetric>;
