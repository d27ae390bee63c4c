// Providers (#4): several providers in the options page with one default; an Azure OpenAI deployment answered by
// the mock (path, api-version, api-key header) streaming a draft into the panel; an Ollama-style endpoint, and
// Ollama's bare 403 to extension origins explained with the OLLAMA_ORIGINS fix; a host the browser did not grant;
// and the onboarding card when nothing is configured.
import type { Page } from '@playwright/test';
import { expect, test } from './harness';
import { grantInBrowserSettings } from './more-steps';
import { configureProviderInOptions, openZendesk, panelFor } from './steps';

const AZURE_KEY = 'azure-key-e2e-0123456789';

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByTestId('provider-save')).toBeEnabled();
}

async function addProvider(options: Page, presetId: string) {
  await options.getByTestId('provider-add-preset').selectOption(presetId);
  await options.getByTestId('provider-add').click();
  await expect(options.getByTestId('provider-preset')).toHaveValue(presetId);
}

const row = (options: Page, label: string) => options.locator(`[data-provider-label="${label}"]`);

test('two providers, the Azure one made default: its deployment route, api-version and api-key header; a draft streams', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  // The first provider, exactly as every other spec sets one up.
  await configureProviderInOptions(context, extensionId, {
    baseURL: mock.url,
    model: 'gpt-4o-mini',
    apiKey: 'sk-first-provider-0001',
  });

  const options = await context.newPage();
  await openOptions(options, extensionId);
  await expect(options.getByTestId('provider-list').locator('li')).toHaveCount(1);
  await addProvider(options, 'azure-openai');
  await options.getByTestId('provider-label').fill('Company Azure');
  await options.getByTestId('provider-base-url').fill(`http://127.0.0.1:${mock.port}`);
  await options.getByTestId('provider-azure-deployment').fill('deskmate-gpt4o');
  await expect(options.getByTestId('provider-azure-api-version')).toHaveValue('2024-10-21');
  await options.getByTestId('provider-api-key').fill(AZURE_KEY);
  await options.getByTestId('provider-save').click();
  await expect(options.getByTestId('provider-status')).toHaveText('Saved.');
  await expect(options.getByTestId('provider-api-key')).toHaveValue('');
  await expect(options.getByTestId('provider-list').locator('li')).toHaveCount(2);
  // The first one stays the default until the agent says otherwise.
  await expect(row(options, 'Company Azure').getByTestId('provider-default-badge')).toHaveCount(0);
  await row(options, 'Company Azure').getByTestId('provider-make-default').click();
  await expect(row(options, 'Company Azure').getByTestId('provider-default-badge')).toBeVisible();

  // Test connection goes to the deployment, not to /models.
  mock.reset();
  await options.getByTestId('provider-test').click();
  await expect(options.getByTestId('provider-status')).toContainText(
    'deployment “deskmate-gpt4o” answered a test message',
  );
  expect(mock.requests.map((r) => `${r.method} ${r.path}${r.query}`)).toEqual([
    'POST /openai/deployments/deskmate-gpt4o/chat/completions?api-version=2024-10-21',
  ]);

  // A wrong deployment name is named as such.
  await options.getByTestId('provider-azure-deployment').fill('no-such-deployment');
  await options.getByTestId('provider-test').click();
  await expect(options.getByTestId('provider-status')).toContainText(
    'has no deployment “no-such-deployment” (404)',
  );
  await options.close();

  mock.reset();
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('panel-provider')).toContainText('Company Azure');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(/Thank you for getting in touch/);

  const chats = mock.requests.filter((r) => r.method === 'POST');
  expect(chats).toHaveLength(1);
  const [chat] = chats;
  expect(chat?.path).toBe('/openai/deployments/deskmate-gpt4o/chat/completions');
  expect(chat?.query).toBe('?api-version=2024-10-21');
  expect(chat?.headers['api-key']).toBe(AZURE_KEY);
  expect(chat?.headers.authorization).toBeUndefined();
  expect(chat?.body).toMatchObject({ stream: true });
});

test('Ollama-style endpoint: models load from /v1/models; a bare 403 to the extension origin shows the OLLAMA_ORIGINS fix; then a draft streams', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  await addProvider(options, 'ollama');
  await expect(options.getByTestId('provider-base-url')).toHaveValue('http://localhost:11434/v1');
  await expect(options.getByTestId('provider-setup-note')).toContainText(
    'OLLAMA_ORIGINS=chrome-extension://*',
  );
  await options.getByTestId('provider-base-url').fill(`http://127.0.0.1:${mock.port}/v1`);
  await options.getByTestId('provider-model').fill('');
  await options.getByTestId('provider-load-models').click();
  await expect(options.getByTestId('provider-status')).toContainText('5 models');
  await expect(options.getByTestId('provider-model-options').locator('option')).toHaveCount(5);
  await options
    .getByTestId('provider-models')
    .getByRole('button', { name: 'gpt-4o-mini', exact: true })
    .click();
  await expect(options.getByTestId('provider-model')).toHaveValue('gpt-4o-mini');
  await options.getByTestId('provider-save').click();
  await expect(options.getByTestId('provider-status')).toHaveText('Saved.');
  expect(mock.requests.some((r) => r.method === 'GET' && r.path === '/v1/models')).toBe(true);

  // Ollama started without OLLAMA_ORIGINS: 403, empty body, for anything carrying a chrome-extension:// Origin.
  mock.configure({ ollamaRejectExtensionOrigin: true });
  try {
    await options.getByTestId('provider-test').click();
    const status = options.getByTestId('provider-status');
    await expect(status).toContainText('refused the request (403 Forbidden)');
    await expect(status).toContainText('OLLAMA_ORIGINS=chrome-extension://*,moz-extension://*');
    await expect(status).toContainText('forbidden');
    // The model list (a GET) still answered; the test message (a POST, which carries the Origin) was refused.
    const refused = mock.requests.at(-1);
    expect(refused?.method).toBe('POST');
    expect(refused?.path).toBe('/v1/chat/completions');
    expect(String(refused?.headers.origin)).toMatch(/^chrome-extension:\/\//);
  } finally {
    mock.configure({ ollamaRejectExtensionOrigin: false });
  }
  await options.close();

  // With the origin allowed, the Ollama provider (the only one, so the default) streams a draft.
  mock.reset();
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('panel-provider')).toContainText('Ollama');
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  await expect(panel.getByTestId('draft-text')).toHaveValue(/Thank you for getting in touch/);
  const chat = mock.requests.find((r) => r.method === 'POST');
  expect(chat?.path).toBe('/v1/chat/completions');
  expect(chat?.body).toMatchObject({ model: 'gpt-4o-mini', stream: true });
});

test('a host the browser has not granted: saved, marked "No access", and explained', async ({
  context,
  extensionId,
}) => {
  const options = await context.newPage();
  await openOptions(options, extensionId);
  // Nothing set up yet: the choices are explained, and "Custom" is the editor's starting point.
  await expect(options.getByTestId('provider-onboarding')).toContainText('Keep tickets on your computer');
  await options.getByTestId('provider-label').fill('Gateway');
  await options.getByTestId('provider-base-url').fill('https://llm-gateway.unauthorised.test/v1');
  await options.getByTestId('provider-model').fill('gpt-4o-mini');
  // The native permission prompt cannot be answered from Playwright (it would wait forever). What Chromium does
  // answer by itself is a request made without a user gesture: it refuses it, which is what a denied prompt looks
  // like to the page. Playwright's own calls count as gestures, so the page submits Save itself once the
  // transient activation of the typing has expired.
  await options.evaluate(() => {
    const submitWhenIdle = () => {
      if (navigator.userActivation.isActive) setTimeout(submitWhenIdle, 250);
      else document.querySelector<HTMLFormElement>('[data-testid="provider-editor"]')?.requestSubmit();
    };
    submitWhenIdle();
  });
  // Chromium's transient activation lasts 5 s; any Playwright call in that time would renew it.
  await options.waitForTimeout(6_000);
  const status = options.getByTestId('provider-status');
  await expect(status).toContainText(
    'Permission to access https://llm-gateway.unauthorised.test was not granted',
    { timeout: 20_000 },
  );
  await expect(status).toContainText('Grant access');
  await expect(row(options, 'Gateway').getByTestId('provider-no-access')).toBeVisible();
  await expect(row(options, 'Gateway').getByTestId('provider-grant')).toBeVisible();
  // Saved all the same: a reload shows it, still marked.
  await options.reload();
  await expect(row(options, 'Gateway').getByTestId('provider-no-access')).toBeVisible();
  // Granted in the browser's own settings, "Grant access" resolves at once and the mark goes.
  await grantInBrowserSettings(context, extensionId, 'https://llm-gateway.unauthorised.test/*');
  await row(options, 'Gateway').getByTestId('provider-grant').click();
  await expect(options.getByTestId('provider-status')).toHaveText(
    'Access to https://llm-gateway.unauthorised.test granted.',
  );
  await expect(row(options, 'Gateway').getByTestId('provider-no-access')).toHaveCount(0);
  await options.close();
});

test('nothing configured and nothing found on this computer: the panel explains the choices', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  const card = panel.getByTestId('no-provider');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Connect a model');
  await expect(card).toContainText('Keep tickets on your computer');
  await expect(card).toContainText('company has an AI gateway');
  await expect(card).toContainText('OpenAI');
  await expect(panel.getByTestId('draft-generate')).toBeDisabled();
});
