// @vitest-environment happy-dom
import 'fake-indexeddb/auto';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnowledgeSection } from '../../components/options/knowledge/KnowledgeSection';
import { SaveSnippetForm } from '../../components/panel/SaveSnippetForm';
import { db } from '../../utils/db';
import { listSnippets, replaceSourceSnippets } from '../../utils/knowledge/store';
import { useTestLocale } from './i18n-fake';

// The options page's Knowledge section and the panel's "Save as snippet" in a DOM, against the real store
// (fake IndexedDB): write, refuse with reasons, edit, delete with confirmation, duplicate a team snippet, filter,
// import a file through its preview (and a bad one that changes nothing); save a reply from the panel.

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let container: HTMLElement;
let root: Root;

const all = (id: string) => [...container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`)];
const byTestId = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = container.querySelector<T>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no element with data-testid="${id}"`);
  return el;
};

async function settle() {
  for (let i = 0; i < 8; i += 1)
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
}

async function setValue(el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string) {
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(el) as object, 'value')?.set;
  await act(async () => {
    setter?.call(el, value);
    el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
  });
}

async function click(el: HTMLElement) {
  await act(async () => el.click());
  await settle();
}

async function chooseFile(name: string, text: string) {
  const input = byTestId<HTMLInputElement>('knowledge-file-input');
  const chosen = new File([text], name);
  Object.defineProperty(input, 'files', { configurable: true, value: [chosen] });
  await act(async () => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await settle();
}

const titles = (group: string) =>
  [...byTestId(group).querySelectorAll('[data-testid="snippet-title"]')].map((el) => el.textContent);

beforeEach(async () => {
  useTestLocale('en');
  await db().snippets.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(async () => {
  await act(async () => root.unmount());
  container.remove();
});

describe('Knowledge section', () => {
  it('refuses to save an empty snippet with the reasons, then saves, edits and deletes one', async () => {
    await act(async () => root.render(<KnowledgeSection />));
    await settle();
    expect(byTestId('knowledge-count').textContent).toBe('0 snippets');
    await click(byTestId('snippet-new'));
    await click(byTestId('snippet-save'));
    expect(byTestId('snippet-save-refused').textContent).toContain('Title: A snippet needs a title.');
    expect(byTestId('snippet-save-refused').textContent).toContain('Body: The body is empty');
    expect(byTestId('snippet-field-title-error').textContent).toBe('A snippet needs a title.');
    expect(await listSnippets(db())).toEqual([]);

    await setValue(byTestId('snippet-field-title'), 'Refund policy');
    await setValue(
      byTestId('snippet-field-text'),
      'Refunds within **30 days**.\n\n<script>alert(1)</script>',
    );
    // The preview is rendered Markdown, and raw HTML stays text.
    const preview = container.querySelector('.snippet-preview-body');
    expect(preview?.querySelector('strong')?.textContent).toBe('30 days');
    expect(preview?.querySelector('script')).toBeNull();
    expect(preview?.textContent).toContain('<script>alert(1)</script>');
    await setValue(byTestId('snippet-field-tags'), 'refund, billing');
    await setValue(byTestId('snippet-field-language'), 'de');
    await setValue(byTestId('snippet-field-source-url'), 'help centre');
    await click(byTestId('snippet-save'));
    expect(byTestId('snippet-field-source-url-error').textContent).toContain('Not a web address');
    await setValue(byTestId('snippet-field-source-url'), 'https://help.acme.test/refunds');
    await click(byTestId('snippet-save'));
    expect(byTestId('knowledge-status').textContent).toBe('Saved “Refund policy”.');
    const [saved] = await listSnippets(db());
    expect(saved?.key).toBe('personal/refund-policy');
    expect(saved?.snippet).toMatchObject({
      tags: ['refund', 'billing'],
      language: 'de',
      sourceUrl: 'https://help.acme.test/refunds',
    });
    expect(titles('snippet-group-personal')).toEqual(['Refund policy']);

    await click(byTestId('snippet-edit'));
    await setValue(byTestId('snippet-field-title'), 'Refund policy (EU)');
    await click(byTestId('snippet-save'));
    const edited = await listSnippets(db());
    // Same id: an edit never makes a second snippet.
    expect(edited.map((r) => [r.key, r.snippet.title])).toEqual([
      ['personal/refund-policy', 'Refund policy (EU)'],
    ]);

    await click(byTestId('snippet-delete'));
    expect(byTestId('snippet-delete-confirm-row').textContent).toContain('Delete “Refund policy (EU)”?');
    await click(byTestId('snippet-delete-cancel'));
    expect(await listSnippets(db())).toHaveLength(1);
    await click(byTestId('snippet-delete'));
    await click(byTestId('snippet-delete-confirm'));
    expect(await listSnippets(db())).toEqual([]);
    expect(byTestId('knowledge-status').textContent).toBe('Deleted “Refund policy (EU)”.');
  });

  it('team snippets are read-only with their source, duplicated to edit; the filter counts', async () => {
    await replaceSourceSnippets(db(), { type: 'file', pack: 'faq.csv' }, [
      { id: 'shipping', title: 'Shipping', text: 'Two days', tags: ['delivery'] },
      { id: 'returns', title: 'Returns', text: 'Thirty days', tags: [] },
    ]);
    await act(async () => root.render(<KnowledgeSection />));
    await settle();
    expect(byTestId('knowledge-count').textContent).toBe('2 snippets');
    expect(all('snippet-readonly')[0]?.textContent).toBe('Read-only · File “faq.csv”');
    expect(all('snippet-edit')).toHaveLength(0);
    expect(all('snippet-delete')).toHaveLength(0);

    await setValue(byTestId('knowledge-filter'), 'delivery');
    expect(byTestId('knowledge-count').textContent).toBe('Showing 1 of 2 snippets');
    expect(titles('snippet-group-team')).toEqual(['Shipping']);
    await setValue(byTestId('knowledge-filter'), 'nothing like it');
    expect(byTestId('knowledge-no-match').textContent).toBe('No snippet matches “nothing like it”.');
    await setValue(byTestId('knowledge-filter'), '');

    await click(all('snippet-duplicate')[1] as HTMLElement);
    expect(byTestId<HTMLInputElement>('snippet-field-title').value).toBe('Shipping');
    await click(byTestId('snippet-save'));
    const rows = await listSnippets(db());
    expect(rows.map((r) => r.key)).toEqual([
      'personal/shipping',
      'file:faq.csv/returns',
      'file:faq.csv/shipping',
    ]);
  });

  it('imports a CSV through its preview; Cancel and a bad file change nothing', async () => {
    await act(async () => root.render(<KnowledgeSection />));
    await settle();
    await chooseFile('faq.csv', 'title,body,tags\nShipping,Two days,delivery\n"Returns","Thirty\ndays",');
    expect(byTestId('knowledge-import-summary').textContent).toContain(
      '2 new, 0 updated, 0 unchanged, 0 removed.',
    );
    await click(byTestId('knowledge-import-cancel'));
    expect(byTestId('knowledge-import-status').textContent).toBe('Import cancelled; nothing was changed.');
    expect(await listSnippets(db())).toEqual([]);

    await chooseFile('faq.csv', 'title,body\nShipping,Two days\n,No title here');
    expect(byTestId('knowledge-import-errors').textContent).toContain(
      'faq.csv was not imported, and nothing was changed.',
    );
    expect(all('knowledge-import-error').map((el) => el.textContent)).toEqual([
      'Row 3, Title: A snippet needs a title.',
    ]);
    expect(await listSnippets(db())).toEqual([]);

    await chooseFile('faq.csv', 'title,body,tags\nShipping,Two days,delivery\n"Returns","Thirty\ndays",');
    await click(byTestId('knowledge-import-confirm'));
    expect(byTestId('knowledge-import-status').textContent).toBe(
      'Imported faq.csv: 2 new, 0 updated, 0 removed.',
    );
    expect(titles('snippet-group-team')).toEqual(['Returns', 'Shipping']);
  });

  it('speaks the interface language', async () => {
    useTestLocale('de');
    await act(async () => root.render(<KnowledgeSection />));
    await settle();
    expect(byTestId('snippet-new').textContent).toBe('Neues Snippet');
    expect(byTestId('knowledge-count').textContent).toBe('0 Snippets');
  });

  it('the filtered count agrees with the number of snippets (a plural pair), in English and German', async () => {
    await replaceSourceSnippets(db(), { type: 'file', pack: 'faq.csv' }, [
      { id: 'shipping', title: 'Shipping', text: 'Two days', tags: ['delivery'] },
    ]);
    await act(async () => root.render(<KnowledgeSection />));
    await settle();
    await setValue(byTestId('knowledge-filter'), 'delivery');
    expect(byTestId('knowledge-count').textContent).toBe('Showing 1 of 1 snippet');
    await setValue(byTestId('knowledge-filter'), 'nothing like it');
    expect(byTestId('knowledge-count').textContent).toBe('Showing 0 of 1 snippet');

    useTestLocale('de');
    await act(async () => root.render(<KnowledgeSection key="de" />));
    await settle();
    await setValue(byTestId('knowledge-filter'), 'delivery');
    expect(byTestId('knowledge-count').textContent).toBe('1 von 1 Snippet angezeigt');
  });
});

describe('Save as snippet (side panel)', () => {
  it('prefilled from the ticket and the inserted text; saved as a personal snippet that remembers the reply', async () => {
    await act(async () =>
      root.render(
        <SaveSnippetForm
          offer={{ text: 'Hi Maria, your refund is on its way.', generationId: 7, at: 1 }}
          ticket={{
            subject: 'Refund for order 123',
            tags: ['refund', 'vip'],
            helpdesk: 'zendesk',
            requester: { name: 'Maria Svensson', email: 'maria@example.com' },
          }}
          ticketKey="zendesk:acme.zendesk.com:123"
          language="en"
        />,
      ),
    );
    await click(byTestId('save-snippet-open'));
    expect(byTestId<HTMLInputElement>('save-snippet-title').value).toBe('Refund for order 123');
    expect(byTestId<HTMLTextAreaElement>('save-snippet-text').value).toBe(
      'Hi [NAME], your refund is on its way.',
    );
    expect(byTestId<HTMLInputElement>('save-snippet-tags').value).toBe('refund, vip');
    expect(byTestId<HTMLSelectElement>('save-snippet-language').value).toBe('en');

    await setValue(byTestId('save-snippet-title'), '');
    await click(byTestId('save-snippet-save'));
    expect(byTestId('save-snippet-refused').textContent).toContain('A snippet needs a title.');
    await setValue(byTestId('save-snippet-title'), 'Refund on its way');
    await click(byTestId('save-snippet-save'));
    expect(byTestId('save-snippet-saved').textContent).toBe(
      'Saved “Refund on its way” to your snippets. Edit or delete it in Settings → Knowledge.',
    );
    const [row] = await listSnippets(db());
    expect(row).toMatchObject({
      key: 'personal/refund-on-its-way',
      snippet: {
        title: 'Refund on its way',
        text: 'Hi [NAME], your refund is on its way.',
        tags: ['refund', 'vip'],
        language: 'en',
      },
      fromReply: { generationId: 7, ticketKey: 'zendesk:acme.zendesk.com:123', helpdesk: 'zendesk' },
    });
  });
});
