import { describe, expect, it } from 'vitest';
import { KnowledgeSuggestion } from '@/utils/messaging/protocol';
import { KnowledgeSnippet } from '@/utils/presets/pack';

// A snippet's source becomes a link in the panel and the options page, and snippets come from packs other people
// write: only web addresses pass, at every boundary that carries one.

const snippet = (sourceUrl: string) => ({
  id: 'refunds',
  title: 'Refunds',
  text: 'Refund in 5 days.',
  sourceUrl,
});
const suggestion = (sourceUrl: string) => ({
  key: 'file:Acme/refunds',
  title: 'Refunds',
  excerpt: 'Refund in 5 days.',
  tags: [],
  sourceUrl,
  sourceLabel: 'Team pack “Acme”',
  score: 1,
  matched: [],
});

describe('snippet source links', () => {
  it.each([
    'javascript:alert(document.domain)',
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'chrome-extension://abcdefghijklmnopabcdefghijklmnop/options.html',
  ])('refuses %s', (url) => {
    expect(KnowledgeSnippet.safeParse(snippet(url)).success).toBe(false);
    expect(KnowledgeSuggestion.safeParse(suggestion(url)).success).toBe(false);
  });

  it('accepts http and https addresses', () => {
    for (const url of ['https://help.acme.example/articles/refunds', 'http://wiki.acme.example/refunds']) {
      expect(KnowledgeSnippet.safeParse(snippet(url)).success).toBe(true);
      expect(KnowledgeSuggestion.safeParse(suggestion(url)).success).toBe(true);
    }
  });
});

describe('a snippet source in the prompt', () => {
  it('is English whatever the UI language, and cut to the protocol’s length', async () => {
    const { promptSourceLabel } = await import('@/utils/knowledge/prompt-section');
    const { useTestLocale } = await import('./i18n-fake');
    useTestLocale('de');
    try {
      expect(promptSourceLabel({ type: 'file', pack: 'Acme' })).toBe('Team pack “Acme”');
      const long = promptSourceLabel({
        type: 'subscription',
        url: `https://packs.acme.example/${'x'.repeat(600)}`,
      });
      expect(long.length).toBeLessThanOrEqual(300);
      expect(long.startsWith('Team pack subscribed from https://packs.acme.example/')).toBe(true);
    } finally {
      useTestLocale('en');
    }
  });
});
