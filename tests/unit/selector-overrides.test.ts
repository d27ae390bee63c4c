// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { ADAPTERS } from '@/utils/helpdesks/registry';
import {
  applySelectorOverrides,
  defaultSelectorsOf,
  overriddenFieldsOf,
  readStoredOverrides,
} from '@/utils/helpdesks/selector-overrides';
import { zendesk, zendeskSelectors } from '@/utils/helpdesks/zendesk';
import {
  checkAdapterOverrides,
  EMPTY_OVERRIDES,
  OVERRIDE_LIMITS,
  parseOverrideText,
  parseStoredOverrides,
  type SelectorCatalog,
  SelectorOverrides,
  withAdapterOverrides,
} from '@/utils/selector-overrides';

const catalog: SelectorCatalog = Object.fromEntries(
  ADAPTERS.map((a) => [a.id, { name: a.name, fields: Object.keys(a.selectors) }]),
);
/** The same check the options page uses: the engine's own selector parser. */
const isValid = (selector: string) => {
  try {
    document.createDocumentFragment().querySelector(selector);
    return true;
  } catch {
    return false;
  }
};
const messages = (result: ReturnType<typeof parseOverrideText>) =>
  result.ok ? [] : result.issues.map((i) => i.message);

describe('parseOverrideText (the options page box)', () => {
  it('accepts known fields with lists of valid selectors; empty text means "defaults"', () => {
    expect(
      parseOverrideText('{ "subject": ["h1.title", "input[name=subject]"] }', 'zendesk', catalog, isValid),
    ).toEqual({
      ok: true,
      value: { subject: ['h1.title', 'input[name=subject]'] },
    });
    expect(parseOverrideText('  \n', 'zendesk', catalog, isValid)).toEqual({ ok: true, value: null });
    expect(parseOverrideText('{}', 'zendesk', catalog, isValid)).toEqual({ ok: true, value: null });
  });

  it('says where the JSON is broken', () => {
    const [message] = messages(parseOverrideText('{\n  "subject": ["h1"],\n}', 'zendesk', catalog, isValid));
    expect(message).toMatch(/^This is not valid JSON \(line 3, column 1\)/);
  });

  it('lists every problem: unknown field, wrong types, empty list, bad syntax, limits', () => {
    const text = JSON.stringify({
      subjct: ['h1'],
      body: [],
      log: 'div.log',
      composer: ['div..reply', 42, '  '],
      sender: ['x'.repeat(OVERRIDE_LIMITS.selector + 1)],
      time: Array.from({ length: OVERRIDE_LIMITS.selectorsPerField + 1 }, () => 'time'),
    });
    expect(messages(parseOverrideText(text, 'zendesk', catalog, isValid))).toEqual([
      expect.stringMatching(/^"subjct" is not a Zendesk selector field\. Known fields: pane, activePane, /),
      '"body" needs at least one selector (remove the field to use the default ones).',
      '"log" must be a list of selectors: ["…", "…"].',
      'composer[0]: "div..reply" is not a valid CSS selector.',
      'composer[1] must be a string in quotes, not 42.',
      'composer[2] is empty.',
      `sender[0] is longer than ${OVERRIDE_LIMITS.selector} characters.`,
      `"time" has ${OVERRIDE_LIMITS.selectorsPerField + 1} selectors; at most ${OVERRIDE_LIMITS.selectorsPerField} are allowed.`,
    ]);
  });

  it('rejects a non-object, an unknown adapter and oversized text', () => {
    expect(messages(parseOverrideText('["h1"]', 'zendesk', catalog, isValid))[0]).toContain(
      'must be a JSON object',
    );
    expect(messages(parseOverrideText('{"a":["b"]}', 'nope', catalog, isValid))[0]).toContain(
      'no adapter “nope”',
    );
    expect(
      messages(
        parseOverrideText(`${' '.repeat(OVERRIDE_LIMITS.text + 1)}{}`, 'zendesk', catalog, isValid),
      )[0],
    ).toContain('at most');
  });

  it('fills {id} templates before the syntax check (the adapters use them)', () => {
    expect(
      checkAdapterOverrides({ task: ['#content_permanent_Ticket-{id}'] }, 'zammad', catalog, isValid),
    ).toMatchObject({ ok: true });
  });
});

describe('SelectorOverrides (the stored / pack format)', () => {
  it('round-trips through withAdapterOverrides and validates', () => {
    const one = withAdapterOverrides(EMPTY_OVERRIDES, 'zendesk', { subject: ['h1'] });
    const two = withAdapterOverrides(one, 'zammad', { title: ['.title'] });
    expect(SelectorOverrides.parse(two)).toEqual({
      schemaVersion: 1,
      adapters: { zendesk: { subject: ['h1'] }, zammad: { title: ['.title'] } },
    });
    expect(withAdapterOverrides(two, 'zendesk', null)).toEqual({
      schemaVersion: 1,
      adapters: { zammad: { title: ['.title'] } },
    });
  });

  it('a bad stored value is not used, and says so', () => {
    const bad = parseStoredOverrides({ schemaVersion: 2, adapters: {} });
    expect(bad.value).toEqual(EMPTY_OVERRIDES);
    expect(bad.warning).toContain('not used');
    expect(
      parseStoredOverrides({ schemaVersion: 1, adapters: { zendesk: { subject: [] } } }).warning,
    ).toBeDefined();
  });
});

describe('applySelectorOverrides (content script)', () => {
  beforeEach(() => applySelectorOverrides(ADAPTERS, undefined));

  it('replaces the overridden entries in the adapter table and keeps the defaults for Reset', () => {
    const defaultSubject = [...zendeskSelectors.subject];
    applySelectorOverrides(ADAPTERS, {
      schemaVersion: 1,
      adapters: { zendesk: { subject: ['h1.renamed'] } },
    });
    expect(zendesk.selectors.subject).toEqual(['h1.renamed']);
    expect(zendeskSelectors.subject).toEqual(['h1.renamed']); // the adapter code reads this very object
    expect(zendesk.selectors.body).toEqual(defaultSelectorsOf(zendesk).body);
    expect([...overriddenFieldsOf(zendesk)]).toEqual(['subject']);

    applySelectorOverrides(ADAPTERS, { schemaVersion: 1, adapters: {} });
    expect(zendesk.selectors.subject).toEqual(defaultSubject);
    expect(overriddenFieldsOf(zendesk).size).toBe(0);
  });

  it('changes what the adapter reads from the page', () => {
    document.body.innerHTML = `
      <div class="ticket-panes-grid-layout" data-is-active="true">
        <div data-test-id="ticket-5-custom-layout" data-side-conversations-anchor-id="5">
          <input data-test-id="omni-header-subject" value="Default subject" />
          <h1 class="renamed">Renamed subject</h1>
        </div>
      </div>`;
    const subjectOf = () => {
      const pane = document.querySelector('[data-test-id="ticket-5-custom-layout"]')!;
      const el = zendesk.selectors.subject!.map((s) => pane.querySelector(s)).find(Boolean);
      return el instanceof HTMLInputElement ? el.value : el?.textContent;
    };
    expect(subjectOf()).toBe('Default subject');
    applySelectorOverrides(ADAPTERS, {
      schemaVersion: 1,
      adapters: { zendesk: { subject: ['h1.renamed'] } },
    });
    expect(subjectOf()).toBe('Renamed subject');
  });

  it('skips malformed stored entries instead of applying them', () => {
    const stored = readStoredOverrides({
      schemaVersion: 1,
      adapters: {
        zendesk: { subject: [], body: [42], log: 'div', time: ['time'] },
        zammad: 'nope',
      },
    });
    expect([...stored.keys()]).toEqual(['zendesk']);
    expect(Object.fromEntries(stored.get('zendesk')!)).toEqual({ time: ['time'] });
    expect(readStoredOverrides({ schemaVersion: 9, adapters: { zendesk: { time: ['x'] } } }).size).toBe(0);
    expect(readStoredOverrides('garbage').size).toBe(0);
  });

  it('ignores fields the adapter does not have', () => {
    applySelectorOverrides(ADAPTERS, { schemaVersion: 1, adapters: { zendesk: { notAField: ['x'] } } });
    expect('notAField' in zendesk.selectors).toBe(false);
  });
});
