// Chrome's built-in AI (Prompt API) as an on-device provider. The Chromium used here has the `LanguageModel`
// global but no model ("unavailable"), so the model is faked: context.addInitScript runs on chrome-extension://
// pages too (checked below: the options page and the side panel get the fake, the helpdesk pages do not).
// The fake (fake-language-model.ts) answers with the first placeholder it finds in its prompt, records
// what it was given, and reports a download through `downloadprogress` events like Chrome does.
import { expect, test } from './harness';
import { chatRequests, storedGenerations } from './more-steps';
import { chooseOnDevice, fakeModel, fakeRecord, openOptions } from './on-device-steps';
import { editorData, openZendesk, panelFor, recordTextSnapshots, textSnapshots } from './steps';

const CARD = '4111 1111 1111 1111';
const EMAIL = 'maria@example.com';
const PHONE = '+46 70 123 45 67';

test('download with progress, use it, and draft on Zendesk with the on-device model: redacted prompt, no API request, Insert works', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await fakeModel(context, {
    availability: 'downloadable',
    requireActivation: true,
    downloadSteps: [0, 0.2, 0.4, 0.6, 0.8, 1],
    downloadStepMs: 150,
    chunkSize: 4,
    chunkDelayMs: 20,
  });
  fixtures.state.zendeskComments = 'pii';

  // Options: availability in plain words, then the download with its progress.
  const options = await openOptions(context, extensionId);
  await expect(options.getByTestId('chrome-ai-availability')).toHaveAttribute(
    'data-availability',
    'downloadable',
  );
  await expect(options.getByTestId('chrome-ai-availability')).toContainText('has to be downloaded once');
  await expect(options.getByTestId('chrome-ai-use')).toHaveCount(0);
  await recordTextSnapshots(options, 'chrome-ai-progress-text');
  await options.getByTestId('chrome-ai-download').click();
  await expect(options.getByTestId('chrome-ai-availability')).toHaveText(
    'Chrome’s on-device model is ready on this computer.',
  );
  const progress = await textSnapshots(options, 'chrome-ai-progress-text');
  const between = progress.filter((t) => /^\d+ %$/.test(t) && t !== '0 %' && t !== '100 %');
  expect(between.length).toBeGreaterThanOrEqual(2);
  expect(progress).toContain('40 %');
  await options.getByTestId('chrome-ai-use').click();
  await expect(options.getByTestId('chrome-ai-used')).toHaveText(
    'Deskmate now uses Chrome’s on-device model.',
  );
  await options.close();

  // The panel: no "set up a model" notice; the draft streams from the on-device model.
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await expect(panel.getByTestId('no-provider')).toHaveCount(0);
  await recordTextSnapshots(panel, 'draft-text');
  await panel.getByTestId('draft-generate').click();
  const status = panel.getByTestId('draft-status');
  await expect(status).toHaveAttribute('data-status', 'done');
  await expect(status).toContainText('Chrome on-device model');
  const draft = await panel.getByTestId('draft-text').inputValue();
  expect((await textSnapshots(panel, 'draft-text')).length).toBeGreaterThan(3);

  // The model got placeholders, never the values; the panel shows the real value it echoed.
  const record = await fakeRecord(panel);
  expect(record?.prompts).toHaveLength(1);
  const prompt = record?.prompts[0] ?? '';
  expect(prompt).toContain('Charged twice');
  for (const value of [CARD, EMAIL, PHONE]) expect(prompt).not.toContain(value);
  expect(prompt).toMatch(/\[(EMAIL|CARD|PHONE)_\d+\]/);
  const restored = /^On-device draft: we looked at (.+) for you\.$/.exec(draft)?.[1];
  expect([CARD, EMAIL, PHONE]).toContain(restored);
  // Every session is destroyed: the one that measured the context window and the one that answered.
  expect(record?.destroyed).toBe(record?.created);
  expect(record?.created).toBeGreaterThanOrEqual(1);
  // Nothing went to the OpenAI-compatible API.
  expect(mock.requests).toHaveLength(0);
  expect(chatRequests(mock)).toHaveLength(0);

  // Stored like any generation, with the model's own text (placeholders).
  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts).toHaveLength(1);
  expect(drafts[0]?.outcome).toBe('complete');
  expect(drafts[0]?.output).toMatch(/^On-device draft: we looked at \[(EMAIL|CARD|PHONE)_\d+\] for you\.$/);

  await panel.getByTestId('draft-insert').click();
  await expect(panel.getByTestId('draft-message')).toHaveAttribute('data-tone', 'ok');
  expect(await editorData(page, '123')).toBe(`<p>${draft}</p>`);
});

test('Stop ends an on-device draft: the text so far stays and is recorded as stopped', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const answer = 'Hello Maria, thank you for your patience with the invoice. '.repeat(12);
  await fakeModel(context, { availability: 'available', answer, chunkSize: 3, chunkDelayMs: 40 });
  await chooseOnDevice(context, extensionId);
  // Reopened, the options page says the model is in use, and does not call the choice an invalid endpoint.
  const options = await openOptions(context, extensionId);
  await expect(options.getByTestId('chrome-ai-availability')).toContainText('Deskmate uses it now.');
  await expect(options.getByTestId('chrome-ai-use')).toBeDisabled();
  await expect(options.getByTestId('provider-load-warning')).toHaveCount(0);
  await options.close();
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await panel.getByTestId('draft-generate').click();
  const box = panel.getByTestId('draft-text');
  await expect(box).toHaveValue(/^Hello Maria, thank/);
  await panel.getByTestId('draft-stop').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'stopped');
  const kept = await box.inputValue();
  expect(kept.length).toBeLessThan(answer.length);
  expect(answer.startsWith(kept)).toBe(true);
  await page.waitForTimeout(500);
  await expect(box).toHaveValue(kept);
  const drafts = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(drafts.map((g) => [g.outcome, g.output])).toEqual([['stopped', kept]]);
  const afterStop = await fakeRecord(panel);
  expect(afterStop?.destroyed).toBe(afterStop?.created);
  expect(mock.requests).toHaveLength(0);
});

test('closing the panel mid-answer keeps the on-device text so far, marked as cut off', async ({
  context,
  page,
  sw,
  extensionId,
}) => {
  const answer = 'Hello Maria, thank you for your patience with the invoice. '.repeat(12);
  await fakeModel(context, { availability: 'available', answer, chunkSize: 3, chunkDelayMs: 40 });
  await chooseOnDevice(context, extensionId);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-text')).toHaveValue(/^Hello Maria, thank you for/);
  // Closed once a checkpoint has stored some of the answer (the runner checkpoints every 750 ms).
  await expect
    .poll(async () => (await storedGenerations(panel)).find((g) => g.kind === 'draft')?.output.length ?? 0)
    .toBeGreaterThan(0);
  await panel.close({ runBeforeUnload: true });

  const reopened = await panelFor(context, extensionId, tabId);
  const [stored] = (await storedGenerations(reopened)).filter((g) => g.kind === 'draft');
  expect(stored?.outcome).toBe('interrupted');
  expect(stored?.output.length).toBeGreaterThan(0);
  expect(answer.startsWith(stored?.output ?? 'x')).toBe(true);
  await expect(reopened.getByTestId('draft-status')).toHaveAttribute('data-status', 'stopped');
  await expect(reopened.getByTestId('draft-status')).toContainText(
    'The panel closed while this was being written',
  );
  const kept = await reopened.getByTestId('draft-text').inputValue();
  expect(kept.length).toBeGreaterThan(0);
  expect(answer.startsWith(kept)).toBe(true);
});

test('a thread longer than the on-device context is fitted to it: first customer message and the latest kept, the panel says what was left out', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
  fixtures,
}) => {
  await fakeModel(context, { availability: 'available', contextWindow: 6144 });
  // A long Zendesk thread (the benchmark's generated comments): far more than 6,144 tokens.
  fixtures.state.zendeskGeneratedComments = 400;
  await chooseOnDevice(context, extensionId);
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);

  await panel.getByTestId('draft-generate').click();
  await expect(panel.getByTestId('draft-status')).toHaveAttribute('data-status', 'done');
  const prompts = (await fakeRecord(panel))?.prompts ?? [];
  expect(prompts).toHaveLength(1);
  // The fake counts ~4 characters a token and refuses more than its window: the prompt fitted.
  expect(Math.ceil((prompts[0] ?? '').length / 4)).toBeLessThan(6144);
  expect(prompts[0]).toMatch(/\[\d+ earlier messages omitted/);
  await expect(panel.getByTestId('draft-usage-trimmed')).toContainText('left out');
  expect(mock.requests).toHaveLength(0);
  const [draft] = (await storedGenerations(panel)).filter((g) => g.kind === 'draft');
  expect(draft?.outcome).toBe('complete');
});

test('real Chromium without the model: LanguageModel says "unavailable", the option is hidden, and a stored choice explains itself', async ({
  context,
  page,
  sw,
  extensionId,
  mock,
}) => {
  const options = await openOptions(context, extensionId);
  // What this Chromium (156, no on-device model component) really answers.
  const real = await options.evaluate(async () => {
    const api = (globalThis as { LanguageModel?: { availability(o?: unknown): Promise<string> } })
      .LanguageModel;
    return { type: typeof api, availability: api ? await api.availability() : null };
  });
  expect(real).toEqual({ type: 'function', availability: 'unavailable' });
  await expect(options.getByTestId('provider-base-url')).toBeVisible();
  await expect(options.getByTestId('chrome-ai-card')).toHaveCount(0);
  await options.close();

  // A choice made elsewhere (say, a synced profile where the model exists) does not leave a spinner here.
  await sw.evaluate(() =>
    (
      globalThis as unknown as { chrome: { storage: { local: { set(v: unknown): Promise<void> } } } }
    ).chrome.storage.local.set({
      providers: {
        providers: [
          {
            id: 'chrome-ai-synced',
            presetId: 'chrome-ai',
            label: 'Chrome on-device AI',
            baseURL: '',
            model: 'gemini-nano',
            timeoutMs: 60_000,
            firstTokenTimeoutMs: 60_000,
          },
        ],
        defaultId: 'chrome-ai-synced',
      },
    }),
  );
  const { tabId } = await openZendesk(page, sw);
  const panel = await panelFor(context, extensionId, tabId);
  await panel.getByTestId('draft-generate').click();
  const error = panel.getByTestId('generation-error');
  await expect(error).toHaveAttribute('data-code', 'no-provider');
  await expect(error).toContainText("Chrome's on-device model is not available in this browser.");
  expect(mock.requests).toHaveLength(0);
});
