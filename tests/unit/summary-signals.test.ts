import { describe, expect, it } from 'vitest';
import '@/utils/zod-setup';
import { summarySignals } from '@/utils/panel/summary-signals';

const summaryJson = (fields: Record<string, unknown>) =>
  JSON.stringify({
    issue: 'Charged twice for the March invoice.',
    customerWants: 'A refund.',
    doneSoFar: 'Nothing yet.',
    language: 'English',
    nextSteps: ['Refund it.'],
    ...fields,
  });

describe('summarySignals (the ticket card’s sentiment and urgency)', () => {
  it('takes both from a finished structured summary', () => {
    expect(
      summarySignals({ text: summaryJson({ sentiment: 'angry', urgency: 'urgent' }), presetName: null }),
    ).toEqual({ sentiment: 'angry', urgency: 'urgent' });
  });

  it('leaves out a value the model gave as unknown, or left out', () => {
    expect(
      summarySignals({ text: summaryJson({ sentiment: 'unknown', urgency: 'high' }), presetName: null }),
    ).toEqual({ urgency: 'high' });
    expect(summarySignals({ text: summaryJson({ sentiment: 'positive' }), presetName: null })).toEqual({
      sentiment: 'positive',
    });
    expect(
      summarySignals({ text: summaryJson({ sentiment: 'unknown', urgency: 'unknown' }), presetName: null }),
    ).toBeNull();
  });

  it('reads the synonyms the summary card reads (medium → normal, upset → frustrated)', () => {
    expect(
      summarySignals({ text: summaryJson({ sentiment: 'upset', urgency: 'medium' }), presetName: null }),
    ).toEqual({ sentiment: 'frustrated', urgency: 'normal' });
  });

  it('has nothing for no summary, a plain-text answer, or a preset’s own format', () => {
    expect(summarySignals(null)).toBeNull();
    expect(summarySignals({ text: '- Issue: charged twice\n- Mood: angry', presetName: null })).toBeNull();
    expect(
      summarySignals({
        text: summaryJson({ sentiment: 'angry', urgency: 'urgent' }),
        presetName: 'Escalation note',
      }),
    ).toBeNull();
  });
});
