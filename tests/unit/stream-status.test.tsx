import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { IncompleteActions } from '../../components/panel/IncompleteActions';
import { StreamStatusLine } from '../../components/panel/StreamStatusLine';
import type { StreamState } from '../../utils/panel/use-generations';

const render = (stream: StreamState) =>
  renderToStaticMarkup(createElement(StreamStatusLine, { stream, testId: 'draft-status' }));

describe('StreamStatusLine', () => {
  it('says why and when it retries, and which attempt comes next', () => {
    const html = render({
      status: 'waiting',
      model: 'gpt-4o-mini',
      retry: { attempt: 2, maxAttempts: 3, delayMs: 3_000, reason: 'rate-limit', at: Date.now() },
    });
    expect(html).toContain('Rate limited by the provider — retrying in 3 s (attempt 2 of 3)');
    expect(html).toContain('data-retry-attempt="2"');
  });

  it('names the other retry causes', () => {
    const base = { attempt: 3, maxAttempts: 3, delayMs: 1_200, at: Date.now() };
    expect(render({ status: 'waiting', retry: { ...base, reason: 'server' } })).toContain(
      'The provider’s server had an error — retrying in 2 s (attempt 3 of 3)',
    );
    expect(render({ status: 'waiting', retry: { ...base, reason: 'network' } })).toContain(
      'Could not reach the provider — retrying in 2 s',
    );
  });

  it('a retry notice no longer shows once the answer streams', () => {
    const html = render({
      status: 'streaming',
      retry: { attempt: 2, maxAttempts: 3, delayMs: 3_000, reason: 'rate-limit', at: Date.now() },
    });
    expect(html).toContain('Writing…');
    expect(html).not.toContain('retrying');
  });

  it('marks an incomplete answer and shows why it was cut off', () => {
    const html = render({ status: 'stopped', incomplete: true, note: 'Deskmate’s background stopped…' });
    expect(html).toContain('data-incomplete="true"');
    expect(html).toContain('Deskmate’s background stopped…');
  });
});

describe('IncompleteActions', () => {
  it('offers Continue and Regenerate', () => {
    const html = renderToStaticMarkup(
      createElement(IncompleteActions, {
        testPrefix: 'summary',
        disabled: false,
        onContinue: () => {},
        onRegenerate: () => {},
      }),
    );
    expect(html).toContain('data-testid="summary-continue"');
    expect(html).toContain('>Continue<');
    expect(html).toContain('data-testid="summary-regenerate"');
    expect(html).toContain('>Regenerate<');
  });
});
