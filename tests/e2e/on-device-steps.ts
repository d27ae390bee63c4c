// Steps for specs that run Chrome's on-device model, faked (see fake-language-model.ts and chrome-ai.spec.ts).
import type { BrowserContext, Page } from '@playwright/test';
import { type FakeLanguageModelConfig, installFakeLanguageModel } from './fake-language-model';
import { expect } from './harness';

export async function fakeModel(
  context: BrowserContext,
  config: Omit<FakeLanguageModelConfig, 'onlyProtocol'>,
) {
  await context.addInitScript(installFakeLanguageModel, {
    ...config,
    onlyProtocol: 'chrome-extension:',
    // The download is remembered across the extension's pages, as Chrome remembers it.
    persistKey: 'fake-language-model',
  });
}

export async function openOptions(context: BrowserContext, extensionId: string): Promise<Page> {
  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/options.html`);
  return options;
}

/** What the faked model received in this page (prompts are run by the side panel). */
export async function fakeRecord(panel: Page) {
  return panel.evaluate(() => {
    const record = (
      globalThis as {
        __fakeLanguageModel?: {
          prompts: string[];
          creates: { initialPrompts?: { role: string; content: string }[] }[];
          destroyed: number;
        };
      }
    ).__fakeLanguageModel;
    return record
      ? {
          prompts: record.prompts,
          created: record.creates.length,
          destroyed: record.destroyed,
          // The system prompt of each session (Deskmate passes it as the session's initial prompt).
          systems: record.creates.map(
            (c) => c.initialPrompts?.find((p) => p.role === 'system')?.content ?? '',
          ),
        }
      : null;
  });
}

export async function chooseOnDevice(context: BrowserContext, extensionId: string) {
  const options = await openOptions(context, extensionId);
  await expect(options.getByTestId('chrome-ai-availability')).toHaveText(
    'Chrome’s on-device model is ready on this computer.',
  );
  await options.getByTestId('chrome-ai-use').click();
  await expect(options.getByTestId('chrome-ai-used')).toHaveText(
    'Deskmate now uses Chrome’s on-device model.',
  );
  await options.close();
}
