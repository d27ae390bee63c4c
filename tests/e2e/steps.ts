// Steps shared by the end-to-end specs, written the way an agent would do them (through the real UI).
import type { BrowserContext, Page, Worker } from '@playwright/test';
import { expect, type MockLlm, mockProvider, openPanel, type ProviderConfig, tabIdOf } from './harness';

/**
 * Fills and saves the options page, exactly as a person would. The key field is write-only: an empty
 * `config.apiKey` keeps a key stored earlier, and after saving the field is empty again.
 */
export async function configureProviderInOptions(
  context: BrowserContext,
  extensionId: string,
  config: ProviderConfig,
  timeoutSeconds?: string,
): Promise<void> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('provider-base-url').fill(config.baseURL);
  await options.getByTestId('provider-model').fill(config.model);
  await options.getByTestId('provider-api-key').fill(config.apiKey);
  if (timeoutSeconds !== undefined) await options.getByTestId('provider-timeout').fill(timeoutSeconds);
  await options.getByTestId('provider-save').click();
  await expect(options.getByTestId('provider-status')).toHaveText('Saved.');
  await expect(options.getByTestId('provider-api-key')).toHaveValue('');
  if (config.apiKey)
    await expect(options.getByTestId('provider-api-key-stored')).toContainText('A key is stored');
  await options.close();
}

export async function useMockModel(
  context: BrowserContext,
  extensionId: string,
  mock: MockLlm,
  overrides: Partial<ProviderConfig> = {},
) {
  await configureProviderInOptions(context, extensionId, mockProvider(mock, overrides));
}

export interface TicketFixturePage {
  page: Page;
  tabId: number;
}

/** Opens a Zendesk fixture URL and waits until its CKEditor instances are up. */
export async function openZendesk(
  page: Page,
  sw: Worker,
  path = '/agent/tickets/123',
): Promise<TicketFixturePage> {
  await page.goto(`https://acme.zendesk.com${path}`);
  await page.waitForFunction(() => {
    const f = (window as unknown as { __deskmateFixture?: { editors?: Record<string, unknown> } })
      .__deskmateFixture;
    return !!f?.editors && Object.keys(f.editors).length >= 2;
  });
  const tabId = await tabIdOf(sw, 'https://acme.zendesk.com/*');
  return { page, tabId };
}

export async function panelFor(context: BrowserContext, extensionId: string, tabId: number): Promise<Page> {
  const panel = await openPanel(context, extensionId, tabId);
  await expect(panel.getByTestId('ticket-card').or(panel.getByTestId('read-failure'))).toBeVisible();
  return panel;
}

/** The usual start of a drafting test: the mock model saved in the options page, the Zendesk ticket open, its panel. */
export async function zendeskPanelWithMockModel(f: {
  context: BrowserContext;
  page: Page;
  sw: Worker;
  extensionId: string;
  mock: MockLlm;
}): Promise<{ panel: Page; tabId: number }> {
  // biome-ignore lint/correctness/useHookAtTopLevel: a Playwright step named like the others, not a React hook
  await useMockModel(f.context, f.extensionId, f.mock);
  const { tabId } = await openZendesk(f.page, f.sw);
  return { panel: await panelFor(f.context, f.extensionId, tabId), tabId };
}

/** CKEditor's own data for a fixture ticket, read from the editor instance (its model), not the DOM. */
export async function editorData(page: Page, ticketId: string): Promise<string> {
  return page.evaluate(
    (id) =>
      (
        window as unknown as { __deskmateFixture: { editors: Record<string, { getData(): string }> } }
      ).__deskmateFixture.editors[id]?.getData() ?? '<missing editor>',
    ticketId,
  );
}

/** Counts how many distinct texts an element showed, to prove a stream arrived in pieces. */
export async function recordTextSnapshots(panel: Page, testId: string): Promise<void> {
  await panel.evaluate((id) => {
    const w = window as unknown as { __snapshots?: Record<string, string[]> };
    w.__snapshots ??= {};
    const seen: string[] = [];
    w.__snapshots[id] = seen;
    const read = () => {
      const el = document.querySelector(`[data-testid="${id}"]`) as HTMLElement | HTMLTextAreaElement | null;
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what the agent sees
      const text = el ? ('value' in el ? el.value : el.innerText) : '';
      if (text && seen[seen.length - 1] !== text) seen.push(text);
    };
    new MutationObserver(read).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    document.addEventListener('input', read, true);
    const timer = setInterval(read, 5);
    setTimeout(() => clearInterval(timer), 30_000);
  }, testId);
}

export async function textSnapshots(panel: Page, testId: string): Promise<string[]> {
  return panel.evaluate(
    (id) => (window as unknown as { __snapshots: Record<string, string[]> }).__snapshots[id] ?? [],
    testId,
  );
}
