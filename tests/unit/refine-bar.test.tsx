import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RefineBar } from '../../components/panel/RefineBar';
import { DRAFT_TEXT_MAX_CHARS } from '../../utils/messaging/protocol';
import type { LanguageCode } from '../../utils/ticket/language';

const render = (props: {
  text: string;
  running?: boolean;
  blockedReason?: string | null;
  defaultLanguage?: LanguageCode;
}) =>
  renderToStaticMarkup(
    createElement(RefineBar, {
      text: props.text,
      running: props.running ?? false,
      blockedReason: props.blockedReason ?? null,
      defaultLanguage: props.defaultLanguage ?? 'en',
      onRefine: () => {},
    }),
  );

/** The quick buttons' disabled flags, in order. */
const disabledFlags = (html: string) =>
  [
    ...html.matchAll(
      /<button[^>]*data-testid="refine-(shorter|longer|friendlier|formal|fix-grammar)"[^>]*>/g,
    ),
  ].map((m) => m[0].includes('disabled'));

describe('RefineBar', () => {
  it('offers the six refinements and an instruction box, enabled on a draft', () => {
    const html = render({ text: 'Hello Maria' });
    expect(disabledFlags(html)).toEqual([false, false, false, false, false]);
    for (const label of [
      'Shorter',
      'Longer',
      'Friendlier',
      'More formal',
      'Fix grammar',
      'Translate',
      'Apply',
    ])
      expect(html).toContain(`>${label}</button>`);
    expect(html).toContain('maxLength="500"');
    expect(html).not.toContain('data-testid="refine-reason"');
  });

  it('says why it is off: empty box, a running stream, a draft over the limit, or the panel’s own reason', () => {
    const cases: [Parameters<typeof render>[0], string][] = [
      [{ text: '  \n' }, 'write or generate a draft first'],
      [{ text: 'Hello', running: true }, 'waits until the current answer has finished'],
      [{ text: 'x'.repeat(DRAFT_TEXT_MAX_CHARS + 1) }, 'The draft is longer than 50,000 characters'],
      [{ text: 'Hello', blockedReason: 'Set up a model in Settings to refine the draft.' }, 'Set up a model'],
    ];
    for (const [props, reason] of cases) {
      const html = render(props);
      expect(disabledFlags(html)).toEqual([true, true, true, true, true]);
      expect(html).toMatch(new RegExp(`data-testid="refine-reason"[^>]*>[^<]*${reason}`));
      // Each disabled button points at the sentence that explains it.
      expect(html).toMatch(/aria-describedby="[^"]+"[^>]*data-testid="refine-shorter"/);
    }
  });

  it('Translate starts on the language it is given', () => {
    const html = render({ text: 'Hello', defaultLanguage: 'de' });
    expect(html).toMatch(/<option value="de" selected="">German<\/option>/);
  });
});
