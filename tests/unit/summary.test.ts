import { describe, expect, it } from 'vitest';
import '@/utils/zod-setup';
import { parseLooseJson } from '@/utils/llm/loose-json';
import {
  parsePartialSummary,
  parseSummary,
  SUMMARY_FIELDS,
  SUMMARY_LIMITS,
  Summary,
  summaryAsPlainText,
  summaryFormatLines,
  summaryJsonSchema,
  summaryResponseFormat,
} from '@/utils/llm/summary';
import { summaryView } from '@/utils/panel/summary-view';

const GOOD: Summary = {
  issue: 'Charged twice for the March invoice INV-2031.',
  customerWants: 'A refund of the duplicate €49.00 charge.',
  doneSoFar: 'Agent asked for card digits and charge times; refund approved internally.',
  sentiment: 'frustrated',
  urgency: 'high',
  language: 'English',
  nextSteps: ['Refund ch_3OqA2y.', 'Tell Maria when to expect the money.'],
};
const GOOD_JSON = JSON.stringify(GOOD);

describe('summary schema → JSON Schema for strict structured output', () => {
  const schema = summaryJsonSchema() as {
    type: string;
    properties: Record<string, Record<string, unknown>>;
    required: string[];
    additionalProperties: boolean;
  };

  it('is an object with every property required and no additional properties (OpenAI strict mode)', () => {
    expect(schema.type).toBe('object');
    expect(Object.keys(schema.properties)).toEqual(SUMMARY_FIELDS);
    expect([...schema.required].sort()).toEqual([...SUMMARY_FIELDS].sort());
    expect(schema.additionalProperties).toBe(false);
  });

  it('carries the enums and descriptions, and none of the keywords strict mode rejects', () => {
    expect(schema.properties.sentiment?.enum).toEqual([
      'positive',
      'neutral',
      'frustrated',
      'angry',
      'unknown',
    ]);
    expect(schema.properties.urgency?.enum).toEqual(['low', 'normal', 'high', 'urgent', 'unknown']);
    expect(schema.properties.nextSteps?.type).toBe('array');
    expect(String(schema.properties.issue?.description)).toMatch(/wrong/);
    const text = JSON.stringify(schema);
    for (const keyword of ['$schema', 'maxLength', 'minLength', 'maxItems', 'pattern'])
      expect(text).not.toContain(`"${keyword}"`);
  });

  it('is built under zod’s jitless configuration (the extension pages’ CSP)', async () => {
    const { z } = await import('zod');
    z.config({ jitless: true });
    expect(summaryJsonSchema()).toEqual(schema);
  });

  it('response_format per provider mode: json_schema (strict, named), json_object, none', () => {
    expect(summaryResponseFormat()).toEqual({
      type: 'json_schema',
      json_schema: { name: 'ticket_summary', strict: true, schema },
    });
    expect(summaryResponseFormat('json_object')).toEqual({ type: 'json_object' });
    expect(summaryResponseFormat('none')).toBeUndefined();
  });

  it('the prompt lines name every key and the allowed enum values', () => {
    const lines = summaryFormatLines().join('\n');
    for (const field of SUMMARY_FIELDS) expect(lines).toContain(`"${field}"`);
    expect(lines).toContain('"frustrated"');
    expect(lines).toContain('"urgent"');
    expect(lines).toMatch(/JSON object/);
  });
});

describe('parseSummary: tolerant reading of the model’s answer', () => {
  it('strict JSON', () => {
    expect(parseSummary(GOOD_JSON)).toEqual({ ok: true, summary: GOOD, missing: [] });
  });

  it('JSON in a ``` fence, with prose around it', () => {
    const text = `Here is the summary you asked for:\n\n\`\`\`json\n${JSON.stringify(GOOD, null, 2)}\n\`\`\`\n\nLet me know if you need more.`;
    expect(parseSummary(text)).toEqual({ ok: true, summary: GOOD, missing: [] });
  });

  it('leading and trailing prose without a fence', () => {
    expect(parseSummary(`Sure! ${GOOD_JSON} Hope that helps {not json}`)).toMatchObject({
      ok: true,
      summary: GOOD,
    });
  });

  it('a reasoning model’s <think> block before the answer is not read as the answer', () => {
    const text = `<think>The user wants {"issue": "wrong"} maybe. Let me think.</think>\n${GOOD_JSON}`;
    expect(parseSummary(text)).toEqual({ ok: true, summary: GOOD, missing: [] });
    expect(summaryView('<think>Hmm, the customer {', 'streaming')).toEqual({
      kind: 'partial',
      fields: {},
      incomplete: false,
    });
    expect(parsePartialSummary('<think>{"issue": "no"}</think>{"issue": "yes')).toEqual({ issue: 'yes' });
  });

  it('trailing commas in objects and arrays', () => {
    const text = `{"issue": "Login fails.", "customerWants": "Access", "doneSoFar": "nothing yet", "sentiment": "neutral", "urgency": "normal", "language": "Swedish", "nextSteps": ["Reset 2FA.", ],}`;
    const parsed = parseSummary(text);
    expect(parsed).toMatchObject({ ok: true, summary: { issue: 'Login fails.', nextSteps: ['Reset 2FA.'] } });
  });

  it('a single missing field is filled as unknown (or empty steps) and reported', () => {
    const { urgency: _u, ...rest } = GOOD;
    expect(parseSummary(JSON.stringify(rest))).toEqual({
      ok: true,
      summary: { ...GOOD, urgency: 'unknown' },
      missing: ['urgency'],
    });
    const { nextSteps: _n, doneSoFar: _d, ...fewer } = GOOD;
    expect(parseSummary(JSON.stringify(fewer))).toEqual({
      ok: true,
      summary: { ...GOOD, nextSteps: [], doneSoFar: 'unknown' },
      missing: ['doneSoFar', 'nextSteps'],
    });
  });

  it('snake_case keys, enum case and synonyms, a steps string and a wrapping object', () => {
    const text = JSON.stringify({
      summary: {
        Issue: 'Printer on fire.',
        customer_wants: 'A new printer',
        done_so_far: 'nothing yet',
        sentiment: 'Negative',
        urgency: 'CRITICAL',
        language: 'German',
        next_steps: '1. Apologise\n2. Send a replacement',
      },
    });
    expect(parseSummary(text)).toEqual({
      ok: true,
      summary: {
        issue: 'Printer on fire.',
        customerWants: 'A new printer',
        doneSoFar: 'nothing yet',
        sentiment: 'frustrated',
        urgency: 'urgent',
        language: 'German',
        nextSteps: ['Apologise', 'Send a replacement'],
      },
      missing: [],
    });
  });

  it('an enum value outside the list becomes "unknown" rather than failing', () => {
    const parsed = parseSummary(JSON.stringify({ ...GOOD, sentiment: 'ecstatic-ish' }));
    expect(parsed).toMatchObject({ ok: true, summary: { sentiment: 'unknown' }, missing: [] });
  });

  it('over-long text is cut to the caps (the schema’s limits), not rejected', () => {
    const parsed = parseSummary(
      JSON.stringify({
        ...GOOD,
        issue: 'x'.repeat(5_000),
        nextSteps: Array.from({ length: 9 }, (_, i) => `Step ${i}`),
      }),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.summary.issue.length).toBe(SUMMARY_LIMITS.text);
    expect(parsed.summary.issue.endsWith('…')).toBe(true);
    expect(parsed.summary.nextSteps).toHaveLength(SUMMARY_LIMITS.steps);
    expect(Summary.safeParse(parsed.summary).success).toBe(true);
  });

  it.each([
    ['', /empty/],
    ['- **Issue:** printer broken\n- **Customer:** Maria', /no JSON object/],
    ['{"issue": "cut off mid', /ends before it is complete/],
    ['{"issue" "no colon"}', /malformed/],
    ['[1, 2, 3]', /not an object/],
    [JSON.stringify({ customerWants: 'x', sentiment: 'neutral' }), /no "issue"/],
    [JSON.stringify({ issue: 'x' }), /lacks/],
  ])('fails with a reason: %j', (text, reason) => {
    const parsed = parseSummary(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toMatch(reason);
  });
});

describe('parsePartialSummary: fields while streaming', () => {
  it('shows finished fields and the string being written, never a half-written enum', () => {
    const cut = GOOD_JSON.slice(0, GOOD_JSON.indexOf('"sentiment"') + '"sentiment":"frus'.length);
    expect(parsePartialSummary(cut)).toEqual({
      issue: GOOD.issue,
      customerWants: GOOD.customerWants,
      doneSoFar: GOOD.doneSoFar,
    });
    const mid = GOOD_JSON.slice(0, GOOD_JSON.indexOf('duplicate'));
    expect(parsePartialSummary(mid)).toEqual({ issue: GOOD.issue, customerWants: 'A refund of the' });
  });

  it('every prefix of the answer parses without throwing, and fields only grow', () => {
    let previous = 0;
    for (let i = 1; i <= GOOD_JSON.length; i++) {
      const fields = parsePartialSummary(GOOD_JSON.slice(0, i));
      const size = JSON.stringify(fields ?? {}).length;
      expect(size).toBeGreaterThanOrEqual(previous - 20); // a number/literal may wait for its end
      previous = size;
    }
    expect(parsePartialSummary(GOOD_JSON)).toEqual(GOOD);
  });

  it('a fenced answer still streaming, and prose that is not JSON', () => {
    expect(parsePartialSummary('```json\n{"issue": "Lo')).toEqual({ issue: 'Lo' });
    expect(parsePartialSummary('The customer says the printer')).toBeNull();
  });
});

describe('parseLooseJson', () => {
  it('reads escapes, numbers, literals and nested values; reports where it stopped', () => {
    const input = '{"a": "x\\n\\u00e9\\"", "b": [1, -2.5e1, true, null, {"c": false,},],} trailing';
    const r = parseLooseJson(input);
    expect(r).toEqual({
      ok: true,
      value: { a: 'x\né"', b: [1, -25, true, null, { c: false }] },
      complete: true,
      end: input.indexOf(' trailing'),
    });
  });

  it('partial mode returns what was built; strict mode refuses a cut-off value', () => {
    expect(parseLooseJson('{"a": [1, "tw', 0, true)).toMatchObject({
      ok: true,
      value: { a: [1, 'tw'] },
      complete: false,
    });
    expect(parseLooseJson('{"a": tr', 0, true)).toMatchObject({ ok: true, value: {}, complete: false });
    expect(parseLooseJson('{"a": [1, "tw')).toMatchObject({ ok: false });
  });
});

describe('summaryView: what the card shows', () => {
  it('streaming JSON → fields so far; streaming prose → raw; finished → card or plain text with the reason', () => {
    expect(summaryView('', 'streaming')).toEqual({ kind: 'empty' });
    expect(summaryView('', 'idle')).toEqual({ kind: 'empty' });
    expect(summaryView('  ', 'done')).toEqual({ kind: 'no-answer' });
    expect(summaryView('{', 'streaming')).toEqual({ kind: 'partial', fields: {}, incomplete: false });
    expect(summaryView('{"issue": "Lo', 'streaming')).toEqual({
      kind: 'partial',
      fields: { issue: 'Lo' },
      incomplete: false,
    });
    expect(summaryView('- **Issue:** x', 'streaming')).toEqual({ kind: 'raw' });
    expect(summaryView(GOOD_JSON, 'done')).toEqual({ kind: 'card', summary: GOOD, missing: [] });
    expect(summaryView('- **Issue:** x', 'done')).toEqual({
      kind: 'plain',
      reason: 'the answer contains no JSON object',
    });
  });

  it('a stopped answer keeps the fields it got; placeholders are restored per field, after parsing', () => {
    const cut = '{"issue": "Card [CARD_1] charged twice", "customerWants": "A ref';
    expect(summaryView(cut, 'stopped', { '[CARD_1]': '4111 "1111"' })).toEqual({
      kind: 'partial',
      fields: { issue: 'Card 4111 "1111" charged twice', customerWants: 'A ref' },
      incomplete: true,
    });
    const json = JSON.stringify({ ...GOOD, issue: 'Mail to [EMAIL_1]', nextSteps: ['Write to [EMAIL_1]'] });
    const view = summaryView(json, 'done', { '[EMAIL_1]': 'maria\\"@example.com' });
    expect(view).toMatchObject({
      kind: 'card',
      summary: { issue: 'Mail to maria\\"@example.com', nextSteps: ['Write to maria\\"@example.com'] },
    });
  });
});

describe('summaryAsPlainText', () => {
  it('labels every field, one line each, steps as a list', () => {
    expect(summaryAsPlainText(GOOD)).toBe(
      [
        `Issue: ${GOOD.issue}`,
        `Customer wants: ${GOOD.customerWants}`,
        `Done so far: ${GOOD.doneSoFar}`,
        'Sentiment: frustrated · Urgency: high · Language: English',
        'Next steps:',
        '- Refund ch_3OqA2y.',
        '- Tell Maria when to expect the money.',
      ].join('\n'),
    );
  });
});
