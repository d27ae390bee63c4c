import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, metricsCsv } from '@/utils/metrics/csv';
import { DraftMetric } from '@/utils/metrics/draft-metric';
import { editRate, isAccepted } from '@/utils/metrics/edit-rate';
import { localDay, median, summariseMetrics } from '@/utils/metrics/summary';

describe('editRate', () => {
  it('is 0 for identical text and ignores spacing the editor adds', () => {
    expect(editRate('Hi Ana,\n\nDone.', 'Hi Ana,\n\nDone.')).toBe(0);
    expect(editRate('Hi Ana,\n\nDone.', '  Hi Ana, \r\n\r\n\r\nDone.\n')).toBe(0);
  });
  it('is 1 when the agent deleted everything, 0 for two empty texts', () => {
    expect(editRate('Some draft', '')).toBe(1);
    expect(editRate('', '')).toBe(0);
  });
  it('is the Levenshtein distance over the longer length', () => {
    // kitten → sitting: 3 edits, longer length 7.
    expect(editRate('kitten', 'sitting')).toBeCloseTo(3 / 7, 10);
    expect(editRate('abcd', 'abXd')).toBeCloseTo(1 / 4, 10);
  });
  it('counts characters as the agent sees them (emoji, CJK)', () => {
    expect(editRate('ok 👍', 'ok 👎')).toBeCloseTo(1 / 4, 10);
    expect(editRate('谢谢您', '谢谢你')).toBeCloseTo(1 / 3, 10);
  });
  it('compares very long texts by words, on the same 0–1 scale', () => {
    const words = Array.from({ length: 3000 }, (_, i) => `word${i}`);
    const edited = [...words];
    for (let i = 0; i < 300; i++) edited[i * 10] = 'changed';
    const rate = editRate(words.join(' '), edited.join(' '));
    expect(rate).toBeCloseTo(0.1, 2);
  });
  it('accepted means under 40% edited', () => {
    expect(isAccepted(0.39)).toBe(true);
    expect(isAccepted(0.4)).toBe(false);
  });
});

const DAY = 86_400_000;
const base = new Date(2026, 10, 2, 9, 0).getTime();
const metric = (over: Partial<DraftMetric>): DraftMetric =>
  DraftMetric.parse({
    generationId: 1,
    ticketKey: 'zendesk:acme.zendesk.com:1',
    helpdesk: 'zendesk',
    model: 'gpt-4o-mini',
    firstViewedAt: base,
    draftedAt: base + 10_000,
    aiChars: 400,
    ...over,
  });

describe('summariseMetrics', () => {
  const metrics = [
    metric({ generationId: 1, insertedAt: base + 60_000, editRate: 0.1, presetName: 'Refund' }),
    metric({ generationId: 2, insertedAt: base + 120_000, editRate: 0.5, presetName: 'Refund' }),
    metric({ generationId: 3, presetName: 'Empathetic reply' }),
    metric({
      generationId: 4,
      helpdesk: 'freshdesk',
      firstViewedAt: base + 2 * DAY,
      draftedAt: base + 2 * DAY,
      insertedAt: base + 2 * DAY + 30_000,
      editRate: 0,
    }),
  ];
  const summary = summariseMetrics(metrics);

  it('overall: drafts, inserted, accepted (inserted with under 40% edited), rates, medians', () => {
    expect(summary.overall).toEqual({
      key: 'all',
      drafts: 4,
      inserted: 3,
      accepted: 2,
      acceptanceRate: 0.5,
      insertRate: 0.75,
      medianEditRate: 0.1,
      // 60 s, 120 s and 30 s from first view to insert.
      medianTimeToInsertMs: 60_000,
    });
  });
  it('edit-rate histogram over inserted drafts, 10% buckets, 100% in the last', () => {
    // 0 → 0–10%, 0.1 → 10–20%, 0.5 → 50–60%.
    expect(summary.editRateHistogram).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 0, 0]);
    expect(summariseMetrics([metric({ insertedAt: base, editRate: 1 })]).editRateHistogram[9]).toBe(1);
  });
  it('per preset and per helpdesk, most drafts first', () => {
    expect(summary.byPreset.map((g) => [g.key, g.drafts, g.accepted])).toEqual([
      ['Refund', 2, 1],
      ['Default draft', 1, 1],
      ['Empathetic reply', 1, 0],
    ]);
    expect(summary.byHelpdesk.map((g) => [g.key, g.drafts])).toEqual([
      ['zendesk', 3],
      ['freshdesk', 1],
    ]);
  });
  it('drafts per day include the days without drafts', () => {
    expect(summary.perDay).toEqual([
      { day: localDay(base), drafts: 3, inserted: 2 },
      { day: localDay(base + DAY), drafts: 0, inserted: 0 },
      { day: localDay(base + 2 * DAY), drafts: 1, inserted: 1 },
    ]);
  });
  it('no metrics: empty figures, no division by zero', () => {
    const empty = summariseMetrics([]);
    expect(empty.overall.acceptanceRate).toBeNull();
    expect(empty.overall.medianEditRate).toBeNull();
    expect(empty.perDay).toEqual([]);
  });
  it('median of even and odd counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('metricsCsv', () => {
  it('one header and one row per draft, quoted where needed, formulas neutralised', () => {
    const csv = metricsCsv([
      metric({
        generationId: 7,
        insertedAt: base + 90_000,
        editRate: 0.25,
        insertMethod: 'insert',
        presetName: '=HYPERLINK("x")',
      }),
      metric({ generationId: 8, presetName: 'Refund, returns' }),
    ]);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_COLUMNS.join(','));
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines[1]).toContain(',insert,0.25,true,90,400,');
    expect(lines[2]).toContain('"Refund, returns"');
    expect(lines[2]?.split(',').length).toBeGreaterThanOrEqual(CSV_COLUMNS.length);
  });
});
