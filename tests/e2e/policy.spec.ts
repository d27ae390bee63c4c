// Enterprise policy, end to end, through Chromium's real policy machinery: the test writes a managed policy file
// into /etc/chromium/policies/managed/ with Deskmate's settings under 3rdparty.extensions.<extension id>, exactly
// as an administrator does on Linux. Chromium watches that folder, validates the settings against the
// extension's managed_schema.json and hands them to storage.managed, firing storage.onChanged('managed').
//
// Why a file: Chromium's CDP Extensions.setStorageItems refuses the managed area ("This is a read-only store"),
// so a policy file is the only way to fake storage.managed in the built extension without a test seam. The file is
// machine state: each test writes its own uniquely named file and removes it afterwards, and the policy names
// only the extension id of a private copy of the build (unpacked: the id is derived from its folder). Other
// Playwright workers load the build from .output and so have another id: a policy written here must never lock
// their options pages mid-test (it did, before the copy: their Save stayed refused).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EXTENSION_DIR, expect, test as harnessTest, type MockLlm } from './harness';
import { openZendesk, panelFor, useMockModel } from './steps';

const test = harnessTest.extend<object, { extensionPath: string }>({
  extensionPath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring pattern
    async ({}, use) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'deskmate-policy-build-'));
      fs.cpSync(EXTENSION_DIR, dir, { recursive: true });
      await use(dir);
      fs.rmSync(dir, { recursive: true, force: true });
    },
    { scope: 'worker' },
  ],
});

const POLICY_DIR = '/etc/chromium/policies/managed';
const PACK_HOST = 'https://team.deskmate-packs.test';
const POLICY_PACK_URL = `${PACK_HOST}/deskmate/policy-pack.json`;

declare const chrome: { storage: { managed: { get(keys: null): Promise<Record<string, unknown>> } } };

const INLINE_PACK = {
  schemaVersion: 1,
  name: 'Acme Compliance',
  version: '2.0.0',
  presets: [
    {
      id: 'gdpr-request',
      name: 'GDPR data request reply',
      kind: 'reply',
      template: 'Reply to {{latest_customer_message}} and confirm the data request within 30 days.',
    },
  ],
};

interface PolicyFile {
  write(settings: Record<string, unknown>): void;
  remove(): void;
}

/** One policy file for this test; created folders and the file are removed afterwards. */
function policyFile(extensionId: string): PolicyFile {
  const file = path.join(POLICY_DIR, `deskmate-e2e-${process.pid}-${Date.now()}.json`);
  const created: string[] = [];
  return {
    write(settings) {
      for (const dir of ['/etc/chromium/policies', POLICY_DIR])
        if (!fs.existsSync(dir)) {
          fs.mkdirSync(dir);
          created.unshift(dir);
        }
      fs.writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [extensionId]: settings } } }));
    },
    remove() {
      fs.rmSync(file, { force: true });
      for (const dir of created)
        if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmdirSync(dir);
    },
  };
}

/**
 * Waits until the extension sees the policy (Chromium reloads the folder a few seconds after a change). Read from
 * an extension page: the service worker may be restarted meanwhile, and a Worker handle does not follow it.
 */
async function waitForManaged(page: Page, predicate: (managed: Record<string, unknown>) => boolean) {
  await expect
    .poll(async () => predicate(await page.evaluate(() => chrome.storage.managed.get(null))), {
      timeout: 30_000,
    })
    .toBe(true);
}

async function openOptions(page: Page, extensionId: string) {
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  await expect(page.getByRole('heading', { name: 'Model providers' })).toBeVisible();
}

const baseOf = (mock: MockLlm) => mock.url.replace(/\/+$/, '');

test('a managed policy: its packs are read-only and cannot be removed, the provider is locked, bad settings are named', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await useMockModel(context, extensionId, mock);
  // The agent never subscribed, so Deskmate has no access to the policy pack's site: its server allows browsers
  // to read the file (CORS), as the guide tells administrators.
  fixtures.state.pack = { file: 'acme-support-1.0.0.json', cors: true };
  const policy = policyFile(extensionId);
  try {
    policy.write({
      packUrls: [POLICY_PACK_URL],
      packRefreshHours: 6,
      inlinePacks: [JSON.stringify(INLINE_PACK), '{"schemaVersion": 1, "name": '],
      requiredProvider: { baseURL: baseOf(mock), model: 'gpt-4o-mini' },
      disablePersonalProviders: true,
      disablePresetSync: true,
    });
    const options = await context.newPage();
    await openOptions(options, extensionId);
    await waitForManaged(options, (managed) => Array.isArray(managed.packUrls));

    const notice = options.getByTestId('managed-notice');
    await expect(notice.getByRole('heading', { name: 'Managed by your organisation' })).toBeVisible();
    await expect(notice.getByTestId('managed-settings')).toContainText(POLICY_PACK_URL);
    await expect(notice.getByTestId('managed-settings')).toContainText('(checked every 6 h)');
    await expect(notice.getByTestId('managed-settings')).toContainText('Acme Compliance 2.0.0 (1 preset)');
    await expect(notice.getByTestId('managed-settings')).toContainText(
      `The model endpoint to use: ${baseOf(mock)}, model “gpt-4o-mini”.`,
    );
    await expect(notice.getByTestId('managed-settings')).toContainText(
      'You cannot set up model providers of your own.',
    );
    // Preset sync is off by policy: the agent's switch is replaced by the reason.
    await expect(options.getByTestId('preset-sync-locked')).toContainText(
      'Your organisation has turned off preset sync',
    );
    await expect(options.getByTestId('preset-sync-toggle')).toHaveCount(0);
    // The broken inline pack is ignored, by name, and the rest applies.
    await expect(notice.getByTestId('managed-warnings')).toContainText('inlinePacks[1] is not valid JSON');

    // The policy's pack URL is a subscription the agent cannot remove, fetched by the background on its own.
    const row = options.locator(`[data-testid="pack-row"][data-url="${POLICY_PACK_URL}"]`);
    await expect(row).toHaveAttribute('data-origin', 'policy');
    await expect(row.getByTestId('pack-managed')).toContainText('Set by your organisation');
    await expect(row.getByTestId('pack-version')).toHaveText('1.0.0');
    await expect(row.getByTestId('pack-presets')).toContainText('(read-only)');
    await expect(row.getByTestId('pack-unsubscribe')).toHaveCount(0);
    await expect(row).toContainText('every 6 hours (set by your organisation)');

    // Providers: locked and explained; no adding; another endpoint is refused on save.
    const locked = options.getByTestId('provider-locked');
    await expect(locked).toContainText('Locked by your organisation.');
    await expect(locked).toContainText(`may only use the model endpoint ${baseOf(mock)}`);
    await expect(options.getByTestId('provider-add')).toBeHidden();
    await options.getByTestId('provider-base-url').fill('https://api.openai.com/v1');
    await options.getByTestId('provider-save').click();
    await expect(options.getByTestId('provider-status')).toContainText(
      `Nothing was saved. Your administrator requires the model endpoint ${baseOf(mock)}.`,
    );
    await options.reload();
    await expect(options.getByTestId('provider-base-url')).toHaveValue(mock.url);

    // The panel: policy presets are in the picker (from the policy's read-only sources), and a draft still goes
    // to the required endpoint.
    const { tabId } = await openZendesk(page, sw);
    const panel = await panelFor(context, extensionId, tabId);
    await panel.getByTestId('preset-picker-open').click();
    const search = panel.getByRole('combobox', { name: 'Search presets' });
    await search.fill('gdpr');
    await expect(panel.getByTestId('preset-option')).toHaveAttribute(
      'data-preset-key',
      'policy:inline:0/gdpr-request',
    );
    await search.fill('handoff to payments');
    await expect(panel.getByTestId('preset-option')).toHaveAttribute(
      'data-preset-key',
      `policy:${POLICY_PACK_URL}/handoff-payments`,
    );

    // The administrator withdraws the policy: its packs go, the notice and the locks too.
    policy.remove();
    await waitForManaged(options, (managed) => Object.keys(managed).length === 0);
    await expect(options.getByTestId('managed-notice')).toHaveCount(0);
    await expect(options.getByTestId('provider-locked')).toHaveCount(0);
    await expect(row).toHaveCount(0);
    await panel.reload();
    await panel.getByTestId('preset-picker-open').click();
    await panel.getByRole('combobox', { name: 'Search presets' }).fill('gdpr');
    await expect(panel.getByTestId('preset-empty')).toBeVisible();
  } finally {
    policy.remove();
  }
});

test('an endpoint the policy does not allow is never called: the panel says why', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  // Set up before the policy arrived (or synced from elsewhere): the mock is not on the allow-list.
  await useMockModel(context, extensionId, mock);
  const policy = policyFile(extensionId);
  try {
    policy.write({ allowedBaseUrls: ['https://llm.acme.test/v1'] });
    const options = await context.newPage();
    await openOptions(options, extensionId);
    await waitForManaged(options, (managed) => Array.isArray(managed.allowedBaseUrls));

    const { tabId } = await openZendesk(page, sw);
    const panel = await panelFor(context, extensionId, tabId);
    await panel.getByTestId('draft-generate').click();
    const error = panel.getByTestId('generation-error');
    await expect(error).toHaveAttribute('data-code', 'forbidden');
    await expect(error).toContainText(
      'Your administrator allows only these model endpoints: https://llm.acme.test/v1. Deskmate did not send this request.',
    );
    expect(mock.requests.filter((r) => r.method === 'POST')).toHaveLength(0);

    // The options page shows which provider the policy refuses, and why.
    await options.bringToFront();
    await expect(options.getByTestId('provider-refused')).toContainText(
      `(${mock.url}) cannot be used: Your administrator allows only these model endpoints`,
    );
    // "Test connection" is refused by the background as well, without contacting the endpoint.
    await options.getByTestId('provider-test').click();
    await expect(options.getByTestId('provider-status')).toContainText('Your administrator allows only');
    expect(mock.requests).toHaveLength(0);
  } finally {
    policy.remove();
  }
});
