// Renders Deskmate's icon (store/assets/icon.svg) to the PNGs the extension and the stores use.
//
//   node scripts/make-icons.mjs                      write the PNGs below
//   node scripts/make-icons.mjs --preview sheet.png  also write a contact sheet (every size, 1× and enlarged,
//                                                    on light and dark backgrounds) to look at
//
// Outputs (transparent background, RGBA):
//   public/icon/16.png 32.png 48.png 128.png   WXT copies public/ into the build and lists these in the
//                                              manifest's `icons` (and the toolbar action's icon)
//   store/assets/logo-300.png                  Edge Add-ons' store logo (1:1, 300×300 recommended)
//
// The 128 px icon keeps 16 px of transparent margin on each side (96 px of artwork), as the Chrome Web Store
// asks; the toolbar sizes use the whole square. The SVG itself switches to a simpler, bolder drawing when it
// is drawn 24 px wide or less (a media query inside the SVG), which is what keeps 16 px legible.
// Chromium: $CHROMIUM_PATH, else /usr/bin/chromium (or another found by scripts/find-browser.mjs).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { imagesLoaded, launchHeadless, pngSize, withPage } from './lib/chromium.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'store', 'assets', 'icon.svg');

/** size: the PNG's edge in px; margin: transparent px on each side around the artwork. */
const OUTPUTS = [
  { file: 'public/icon/16.png', size: 16, margin: 0 },
  { file: 'public/icon/32.png', size: 32, margin: 0 },
  { file: 'public/icon/48.png', size: 48, margin: 0 },
  { file: 'public/icon/128.png', size: 128, margin: 16 },
  { file: 'store/assets/logo-300.png', size: 300, margin: 0 },
];

function svgDataUrl() {
  return `data:image/svg+xml;base64,${fs.readFileSync(SOURCE).toString('base64')}`;
}

/** One transparent PNG of the icon, `size` px square, artwork inset by `margin`. */
async function renderIcon(browser, src, { size, margin }) {
  return withPage(browser, { width: size, height: size }, async (page) => {
    const art = size - 2 * margin;
    await page.setContent(
      '<!doctype html><style>html,body{margin:0;background:transparent}img{display:block}</style>' +
        `<img alt="" src="${src}" width="${art}" height="${art}" style="margin:${margin}px">`,
    );
    await imagesLoaded(page);
    return page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  });
}

/** Every rendered PNG at 1× and enlarged without smoothing, on a light and a dark strip. */
async function renderPreview(browser, rendered) {
  const cell = (png, scale) => {
    const { width } = pngSize(png);
    const shown = Math.min(width * scale, 300);
    return `<figure><img alt="" src="data:image/png;base64,${png.toString('base64')}" width="${shown}"><figcaption>${width}px${shown === width ? '' : ` ×${shown / width}`}</figcaption></figure>`;
  };
  const strip = (theme) =>
    `<section class="${theme}">${rendered.map(({ png }) => cell(png, 1)).join('')}` +
    `${rendered
      .filter(({ size }) => size <= 48)
      .map(({ png, size }) => cell(png, Math.floor(192 / size)))
      .join('')}</section>`;
  return withPage(browser, { width: 1400, height: 400 }, async (page) => {
    await page.setContent(
      '<!doctype html><style>body{margin:0;font:12px sans-serif}' +
        'section{display:flex;align-items:flex-end;gap:24px;padding:16px}' +
        'section.light{background:#f3f4f6;color:#333}section.dark{background:#202124;color:#ddd}' +
        'figure{margin:0;text-align:center}img{display:block;image-rendering:pixelated;margin:0 auto 4px}' +
        `</style>${strip('light')}${strip('dark')}`,
    );
    await imagesLoaded(page);
    return page.screenshot({ fullPage: true });
  });
}

async function main() {
  const { values } = parseArgs({ options: { preview: { type: 'string' } } });
  const src = svgDataUrl();
  const browser = await launchHeadless();
  try {
    const rendered = [];
    for (const output of OUTPUTS) {
      const png = await renderIcon(browser, src, output);
      const { width, height, colorType } = pngSize(png);
      if (width !== output.size || height !== output.size || colorType !== 6) {
        throw new Error(`${output.file}: got ${width}×${height} colour type ${colorType}, want RGBA`);
      }
      const file = path.join(ROOT, output.file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, png);
      rendered.push({ ...output, png });
      console.log(`[make-icons] ${output.file} (${width}×${height}, ${png.length} bytes)`);
    }
    if (values.preview) {
      const file = path.resolve(process.env.INIT_CWD || process.cwd(), values.preview);
      fs.writeFileSync(file, await renderPreview(browser, rendered));
      console.log(`[make-icons] preview: ${file}`);
    }
  } finally {
    await browser.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`[make-icons] ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
