// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { parsePolicyCheck } from '../../utils/knowledge/policy-check';
import { type KnowledgeSuggestion, MAX_KNOWLEDGE_PER_GENERATION } from '../../utils/messaging/protocol';
import { draftReducer, EMPTY_DRAFT, toRecord } from '../../utils/panel/draft-state';
import {
  EMPTY_CHOICE,
  knowledgeView,
  parseChoice,
  pin,
  remove,
  restore,
  unpin,
} from '../../utils/panel/knowledge-choice';
import { trimNote } from '../../utils/panel/usage-text';

const s = (n: number): KnowledgeSuggestion => ({
  key: `file:Acme/s${n}`,
  title: `Snippet ${n}`,
  excerpt: 'text',
  tags: [],
  sourceLabel: 'Team pack “Acme”',
  score: 10 - n,
  matched: ['refund'],
});
const keys = (list: readonly KnowledgeSuggestion[]) => list.map((x) => x.key);

describe('pin and remove', () => {
  const proposals = [s(1), s(2), s(3)];

  it('uses the proposals when the agent chose nothing', () => {
    expect(keys(knowledgeView(EMPTY_CHOICE, proposals).used)).toEqual(keys(proposals));
  });

  it('a removed proposal is not used; put back, it is', () => {
    const removed = remove(EMPTY_CHOICE, s(2).key);
    const view = knowledgeView(removed, proposals);
    expect(keys(view.used)).toEqual([s(1).key, s(3).key]);
    expect(keys(view.removed)).toEqual([s(2).key]);
    expect(keys(knowledgeView(restore(removed, s(2).key), proposals).used)).toEqual(keys(proposals));
  });

  it('a pinned snippet stays first even when the proposals change, and is not listed twice', () => {
    const pinned = pin(EMPTY_CHOICE, s(3));
    expect(keys(knowledgeView(pinned, proposals).used)).toEqual([s(3).key, s(1).key, s(2).key]);
    expect(keys(knowledgeView(pinned, [s(4)]).used)).toEqual([s(3).key, s(4).key]);
    expect(keys(knowledgeView(pinned, proposals).proposed)).toEqual([s(1).key, s(2).key]);
    expect(keys(knowledgeView(unpin(pinned, s(3).key), [s(4)]).used)).toEqual([s(4).key]);
  });

  it('pinning takes back a removal; removing unpins', () => {
    const removed = remove(EMPTY_CHOICE, s(1).key);
    const pinned = pin(removed, s(1));
    expect(pinned.removed).toEqual([]);
    expect(remove(pinned, s(1).key)).toEqual({ pinned: [], removed: [s(1).key] });
  });

  it(`caps what is used at ${MAX_KNOWLEDGE_PER_GENERATION}, pins first, and refuses a pin past the cap`, () => {
    let choice = EMPTY_CHOICE;
    for (let n = 1; n <= MAX_KNOWLEDGE_PER_GENERATION; n++) choice = pin(choice, s(n));
    expect(pin(choice, s(99))).toBe(choice);
    const view = knowledgeView(choice, [s(50), s(51)]);
    expect(view.used).toHaveLength(MAX_KNOWLEDGE_PER_GENERATION);
    expect(keys(view.used)).not.toContain(s(50).key);
    expect(keys(view.proposed)).toEqual([s(50).key, s(51).key]);
  });

  it('is kept with the ticket’s draft record and read back; a damaged value reads as none', () => {
    const choice = pin(remove(EMPTY_CHOICE, s(2).key), s(1));
    const state = draftReducer(EMPTY_DRAFT, { type: 'knowledge', choice });
    const record = toRecord('zendesk:acme:123', state, 1);
    expect(record.knowledge).toEqual(choice);
    const loaded = draftReducer(EMPTY_DRAFT, { type: 'load', record, generations: [] });
    expect(loaded.knowledge).toEqual(choice);
    // Regenerating and editing keep it.
    const edited = draftReducer(draftReducer(loaded, { type: 'edit', text: 'Hi' }), {
      type: 'regenerate',
      at: 2,
    });
    expect(edited.knowledge).toEqual(choice);
    expect(parseChoice({ pinned: 'nope' })).toBeUndefined();
    expect(
      draftReducer(EMPTY_DRAFT, { type: 'load', record: { ...record, knowledge: 42 }, generations: [] })
        .knowledge,
    ).toBeUndefined();
  });
});

describe('parsePolicyCheck', () => {
  it('reads one finding per bullet, numbered or not', () => {
    expect(
      parsePolicyCheck(
        'Here is what I found:\n- "refunded within 24 hours" — the snippet says 5 business days\n2. **"a €10 voucher"** — no snippet covers vouchers\n',
      ),
    ).toEqual({
      status: 'findings',
      findings: [
        '"refunded within 24 hours" — the snippet says 5 business days',
        '"a €10 voucher" — no snippet covers vouchers',
      ],
    });
  });

  it('NO_FINDINGS is a clean check; anything else is shown as it came', () => {
    expect(parsePolicyCheck('NO_FINDINGS')).toEqual({ status: 'clean' });
    expect(parsePolicyCheck('**NO_FINDINGS**\n')).toEqual({ status: 'clean' });
    expect(parsePolicyCheck('The draft looks fine to me.')).toEqual({
      status: 'unparsed',
      text: 'The draft looks fine to me.',
    });
  });
});

describe('the usage line on dropped snippets', () => {
  it('says how many snippets were left out to fit, even when the whole thread fitted', () => {
    const trimmed = { omittedMessages: 0, shortenedMessages: 0, promptTokens: 1, budgetTokens: 2 };
    const facts = { model: 'small-model', contextWindow: { tokens: 4096, source: 'known' as const } };
    expect(trimNote({ ...facts, trimmed })).toBeNull();
    expect(trimNote({ ...facts, trimmed: { ...trimmed, droppedSnippets: 2 } })).toBe(
      '2 knowledge snippets were left out to fit the window.',
    );
    expect(trimNote({ ...facts, trimmed: { ...trimmed, droppedSnippets: 1 } })).toBe(
      '1 knowledge snippet was left out to fit the window.',
    );
  });
});
