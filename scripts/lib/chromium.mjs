// Small shared pieces for scripts that drive Chromium through Playwright (icons, store images, the demo).
//
//   import { browserExecutable, launchHeadless, pngSize, withPage } from './lib/chromium.mjs';

import { locateBrowser } from '../find-browser.mjs';

/** $CHROMIUM_PATH, else the first system/Playwright Chromium found, else /usr/bin/chromium. Never installs. */
export async function browserExecutable() {
  return (await locateBrowser()) ?? '/usr/bin/chromium';
}

/** A plain headless Chromium (no extension, no profile) for rendering images. Close it when done. */
export async function launchHeadless() {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ executablePath: await browserExecutable(), args: ['--no-sandbox'] });
}

/**
 * Runs `fn(page)` in a fresh page of `browser` with a CSS viewport of `width`×`height` at device scale 1, and
 * closes the page afterwards.
 * @template T
 * @param {import('@playwright/test').Browser} browser
 * @param {{ width: number, height: number }} viewport
 * @param {(page: import('@playwright/test').Page) => Promise<T>} fn
 * @returns {Promise<T>}
 */
export async function withPage(browser, viewport, fn) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  try {
    return await fn(page);
  } finally {
    await page.close();
  }
}

/** Resolves once every <img> in the page has loaded (and rejects on a broken one). */
export async function imagesLoaded(page) {
  await page.waitForFunction(() => [...document.images].every((img) => img.complete));
  const broken = await page.evaluate(() =>
    [...document.images].filter((img) => img.naturalWidth === 0).map((img) => img.src.slice(0, 80)),
  );
  if (broken.length > 0) throw new Error(`image(s) failed to load: ${broken.join(', ')}`);
}

/** Width, height and colour type from a PNG's IHDR chunk (colour type 6 = RGBA). */
export function pngSize(buffer) {
  if (buffer.toString('latin1', 1, 4) !== 'PNG') throw new Error('not a PNG');
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20), colorType: buffer[25] };
}
