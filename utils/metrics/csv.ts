import type { DraftMetric } from './draft-metric';
import { isAccepted } from './edit-rate';

// The CSV a team lead collects from each agent: one row per AI draft, no ticket text, no customer data beyond
// the ticket key (helpdesk:host:id) the team already knows. RFC 4180 quoting; a leading formula character is
// neutralised so a spreadsheet never evaluates a cell.

export const CSV_COLUMNS = [
  'generation_id',
  'helpdesk',
  'ticket',
  'preset',
  'model',
  'first_viewed_at',
  'drafted_at',
  'inserted_at',
  'insert_method',
  'edit_rate',
  'accepted',
  'seconds_to_insert',
  'ai_chars',
  'inserted_chars',
] as const;

function cell(value: string | number | boolean | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (epochMs: number | undefined) =>
  epochMs === undefined ? undefined : new Date(epochMs).toISOString();

export function metricsCsv(metrics: readonly DraftMetric[]): string {
  const rows = metrics.map((m) => {
    const values: (string | number | boolean | undefined)[] = [
      m.generationId,
      m.helpdesk,
      m.ticketKey,
      m.presetName ?? m.presetId,
      m.model,
      iso(m.firstViewedAt),
      iso(m.draftedAt),
      iso(m.insertedAt),
      m.insertMethod,
      m.editRate === undefined ? undefined : Number(m.editRate.toFixed(4)),
      m.editRate === undefined ? undefined : isAccepted(m.editRate),
      m.insertedAt === undefined
        ? undefined
        : Math.max(0, Math.round((m.insertedAt - m.firstViewedAt) / 1000)),
      m.aiChars,
      m.insertedChars,
    ];
    return values.map(cell).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}
