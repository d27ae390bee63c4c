// Sanity checks of the e2e plumbing: the built extension loads, the fixture hosts resolve over HTTPS,
// the generic page is served over HTTP, and the mock LLM answers a real browser (CORS included).

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type ChromeApi, expect, openPanel, tabIdOf, test } from './harness';

declare const chrome: ChromeApi;

const zendeskRoutes = fileURLToPath(new URL('../fixtures/zendesk/routes.mjs', import.meta.url));

test('the built extension loads with its service worker', async ({ sw, extensionId }) => {
  expect(extensionId).toMatch(/^[a-p]{32}$/);
  expect(sw.url()).toBe(`chrome-extension://${extensionId}/background.js`);
  const manifest = await sw.evaluate(() => {
    const m = chrome.runtime.getManifest();
    return { name: m.name, version: m.manifest_version };
  });
  expect(manifest).toEqual({ name: 'Deskmate', version: 3 });
});

test('helpdesk hosts resolve to the HTTPS fixture server', async ({
  context,
  page,
  sw,
  extensionId,
  fixtures,
}) => {
  // /__dist/ is served for every mapped host, whatever the site module does.
  const css = await page.goto('https://acme.zendesk.com/__dist/ckeditor5.css');
  expect(css?.status()).toBe(200);
  expect(css?.headers()['content-type']).toContain('text/css');

  let url = 'https://acme.zendesk.com/agent/tickets/123';
  if (!existsSync(zendeskRoutes)) {
    test
      .info()
      .annotations.push({ type: 'note', description: 'no zendesk routes.mjs yet; used the generic page' });
    url = `http://127.0.0.1:${fixtures.httpPort}/`;
  }
  const response = await page.goto(url);
  expect(response?.status()).toBe(200);
  expect(new URL(page.url()).href).toBe(url);
  await expect(page.locator('body')).not.toBeEmpty();

  const tabId = await tabIdOf(sw, url.startsWith('https:') ? 'https://acme.zendesk.com/*' : `${url}*`);
  const panel = await openPanel(context, extensionId, tabId);
  await expect(panel).toHaveTitle('Deskmate');
  expect(panel.url()).toBe(`chrome-extension://${extensionId}/sidepanel.html?tabId=${tabId}`);
});

test('generic pages and the mock LLM work from a real page', async ({ page, fixtures, mock }) => {
  await page.goto(`http://127.0.0.1:${fixtures.httpPort}/`);
  await expect(page.locator('h1')).toHaveText('Calendar sync stopped after the 4.2 update');
  await expect(page.locator('textarea#reply-body')).toBeVisible();

  // Cross-origin with an Authorization header: the browser sends a CORS preflight first.
  const result = await page.evaluate(async (base) => {
    const ok = await fetch(`${base}/models`, { headers: { authorization: 'Bearer sk-test' } });
    const bad = await fetch(`${base}/models`, { headers: { authorization: 'Bearer sk-invalid-key' } });
    const okBody = (await ok.json()) as { object: string; data: { id: string }[] };
    const badBody = (await bad.json()) as { error: { code: string } };
    return {
      ok: ok.status,
      object: okBody.object,
      first: okBody.data[0]?.id,
      bad: bad.status,
      code: badBody.error.code,
    };
  }, mock.url);
  expect(result).toEqual({
    ok: 200,
    object: 'list',
    first: 'gpt-4o-mini',
    bad: 401,
    code: 'invalid_api_key',
  });
  // The preflight is cached (access-control-max-age), so only the first GET needs one.
  expect(mock.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
    'OPTIONS /v1/models',
    'GET /v1/models',
    'GET /v1/models',
  ]);
  expect(mock.requests[1]?.headers.origin).toBe(`http://127.0.0.1:${fixtures.httpPort}`);

  const blank = await page.goto(`http://127.0.0.1:${fixtures.httpPort}/blank.html`);
  expect(blank?.status()).toBe(200);
  await expect(page.locator('textarea')).toHaveCount(0);
});
