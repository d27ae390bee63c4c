import type { BrowserContext } from '@playwright/test';
import { expect, type MockLlm, mockProvider } from './harness';

// Steps for specs that run Chromium in another UI language, where the shared steps' English checks do not hold.

/**
 * The mock model saved through the options page by its fields and the save button only: the shared step checks
 * the English "Saved.", which a German options page does not say.
 */
export async function saveMockModel(
  context: BrowserContext,
  extensionId: string,
  mock: MockLlm,
): Promise<void> {
  const config = mockProvider(mock);
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  await options.getByTestId('provider-base-url').fill(config.baseURL);
  await options.getByTestId('provider-model').fill(config.model);
  await options.getByTestId('provider-api-key').fill(config.apiKey);
  await options.getByTestId('provider-save').click();
  await expect(options.getByTestId('provider-status').locator('.status-success')).toBeVisible();
  await expect(options.getByTestId('provider-api-key-stored')).toBeVisible();
  await options.close();
}
