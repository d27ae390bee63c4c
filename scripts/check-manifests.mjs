// Store-readiness checks of the BUILT extensions (Chrome Web Store / Edge Add-ons and Firefox Add-ons):
//
//   node scripts/check-manifests.mjs                  both builds: .output/chrome-mv3 and .output/firefox-mv2
//   node scripts/check-manifests.mjs --chrome <dir>   only that Chrome build (same with --firefox <dir>)
//
// What it checks, per build:
//   - permissions, host permissions and optional permissions are EXACTLY the allow-list below (anything
//     extra fails; an allow-listed entry the build no longer requests fails too, so the list stays true);
//     content-script matches stay inside the allowed hosts;
//   - no remote code: no http(s):// (or protocol-relative) <script src> / modulepreload in any built HTML,
//     no inline <script>, no remote URL / 'unsafe-eval' / 'unsafe-inline' in the CSP, and no
//     import()/importScripts()/import-from of an http(s) URL in any built JS;
//   - a CSP for extension pages is declared (Chrome: content_security_policy.extension_pages;
//     Firefox MV2: the content_security_policy string) and locks scripts to the package;
//   - Chrome: minimum_chrome_version; icons 16/32/48/128 declared, present and PNGs of that size;
//     name/description within the Chrome Web Store limits;
//   - Firefox: browser_specific_settings.gecko.id, strict_min_version, data_collection_permissions
//     (and a strict_min_version that actually supports data_collection_permissions);
//   - the manifest version equals package.json's (a stale build fails);
//   - localized manifests (__MSG_key__): default_locale is set, every referenced key is in EVERY locale's
//     _locales/<locale>/messages.json, and the store limits (name, description) hold in every language.
// Prints a readable report; the exit code is 1 when any check fails.
//
// The checks are pure functions (exported, unit-tested in tests/unit/check-manifests.test.ts); only
// checkBuildDir() and the CLI touch the file system.

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMain } from './is-main.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Required host permissions, the same in both manifests: loopback only (local model servers). Helpdesk hosts are
 * optional (covered by the optional https://*\/* entry) and granted per helpdesk when the agent turns it on; their
 * content scripts are registered at runtime, so the manifest declares none.
 */
const HOSTS = ['http://localhost/*', 'http://127.0.0.1/*'];

/** What Deskmate requests today. Changing a permission means changing this list in the same commit. */
export const ALLOWED = {
  chrome: {
    permissions: ['storage', 'tabs', 'activeTab', 'scripting', 'clipboardWrite', 'alarms', 'sidePanel'],
    hosts: HOSTS,
    optionalPermissions: [],
    optionalHosts: ['https://*/*', 'http://*/*'],
  },
  firefox: {
    permissions: ['storage', 'tabs', 'activeTab', 'scripting', 'clipboardWrite', 'alarms'],
    hosts: HOSTS,
    optionalPermissions: [],
    optionalHosts: ['https://*/*', 'http://*/*'],
  },
};

/** Permissions that exist for one browser only, with the reason shown when they leak into the other. */
const BROWSER_ONLY = {
  sidePanel: 'sidePanel is Chrome-only (Firefox uses sidebar_action); add it for Chrome builds only',
};

export const REQUIRED_ICON_SIZES = ['16', '32', '48', '128'];

/** The intended CSP for extension pages (Chrome and Firefox). */
export const CSP_INTENT = "script-src 'self'; object-src 'self';";

/** What the lead adds to the manifest in wxt.config.ts; WXT turns it into the MV2 string for Firefox. */
export const WXT_CSP_SNIPPET = `content_security_policy: { extension_pages: "${CSP_INTENT}" },`;

/** Firefox version that introduced browser_specific_settings.gecko.data_collection_permissions (desktop). */
export const FIREFOX_DATA_COLLECTION_MIN = 140;

/** Chrome Web Store limits (the store rejects longer values at upload). */
export const CHROME_NAME_MAX = 75;
export const CHROME_DESCRIPTION_MAX = 132;
/** Firefox Add-ons shows the manifest description as the listing's summary, which is at most 250 characters. */
export const FIREFOX_SUMMARY_MAX = 250;

// Source keywords a script-like CSP directive may contain. Anything else (a host, a scheme, *) is remote.
const SAFE_SCRIPT_SOURCES = new Set(["'self'", "'none'", "'wasm-unsafe-eval'"]);
const SCRIPT_DIRECTIVES = ['script-src', 'script-src-elem', 'worker-src', 'object-src', 'default-src'];

/**
 * @typedef {'chrome' | 'firefox'} BrowserName
 * @typedef {{ check: string, message: string, fix?: string, severity?: 'error' | 'warning' }} Problem
 */

/** @param {Problem[]} list @param {string} check @param {string} message @param {string} [fix] */
function fail(list, check, message, fix) {
  list.push(fix ? { check, message, fix, severity: 'error' } : { check, message, severity: 'error' });
}

/** @param {Problem[]} list @param {string} check @param {string} message */
function warn(list, check, message) {
  list.push({ check, message, severity: 'warning' });
}

const asArray = (value) => (Array.isArray(value) ? value.filter((v) => typeof v === 'string') : []);

/** True for a match pattern / origin (as opposed to an API permission name). */
export function isHostPattern(value) {
  return value === '<all_urls>' || /^[a-z*][a-z0-9+.*-]*:\/\//i.test(value) || value.startsWith('file:');
}

/**
 * Normalises MV2 and MV3 permission layouts into four lists.
 * MV2 mixes hosts into permissions/optional_permissions; MV3 has host_permissions/optional_host_permissions.
 */
export function splitPermissions(manifest) {
  const perms = asArray(manifest.permissions);
  const optional = asArray(manifest.optional_permissions);
  return {
    permissions: perms.filter((p) => !isHostPattern(p)),
    hosts: [...perms.filter(isHostPattern), ...asArray(manifest.host_permissions)],
    optionalPermissions: optional.filter((p) => !isHostPattern(p)),
    optionalHosts: [...optional.filter(isHostPattern), ...asArray(manifest.optional_host_permissions)],
  };
}

const LIST_LABEL = {
  permissions: 'permission',
  hosts: 'host permission',
  optionalPermissions: 'optional permission',
  optionalHosts: 'optional host permission',
};

/** Permissions, hosts and optional permissions must equal the allow-list; content scripts stay in the hosts. */
export function checkPermissions(manifest, browser, allowed = ALLOWED[browser]) {
  /** @type {Problem[]} */
  const problems = [];
  const actual = splitPermissions(manifest);
  for (const key of /** @type {const} */ (['permissions', 'hosts', 'optionalPermissions', 'optionalHosts'])) {
    const want = new Set(allowed[key]);
    const got = new Set(actual[key]);
    for (const entry of got) {
      if (want.has(entry)) continue;
      const why = BROWSER_ONLY[entry] ? ` (${BROWSER_ONLY[entry]})` : '';
      const where =
        allowed[key].length > 0
          ? `allowed: ${allowed[key].join(', ')}`
          : `none ${LIST_LABEL[key]}s are allowed`;
      fail(
        problems,
        'permissions',
        `${LIST_LABEL[key]} "${entry}" is not on the allow-list${why}; ${where}`,
        'remove it from wxt.config.ts, or (after review) add it to ALLOWED in scripts/check-manifests.mjs',
      );
    }
    for (const entry of want) {
      if (got.has(entry)) continue;
      fail(
        problems,
        'permissions',
        `allow-listed ${LIST_LABEL[key]} "${entry}" is no longer requested by the build`,
        'remove it from ALLOWED in scripts/check-manifests.mjs so the list stays exact',
      );
    }
  }
  const hosts = new Set(allowed.hosts);
  const scripts = Array.isArray(manifest.content_scripts) ? manifest.content_scripts : [];
  for (const [i, script] of scripts.entries()) {
    for (const match of asArray(script?.matches)) {
      if (!hosts.has(match)) {
        fail(
          problems,
          'permissions',
          `content_scripts[${i}] matches "${match}", which is not an allowed host permission`,
        );
      }
    }
  }
  return problems;
}

/** Parses a CSP string into directive → sources (lower-cased directive names). */
export function parseCsp(policy) {
  /** @type {Map<string, string[]>} */
  const directives = new Map();
  for (const part of String(policy).split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (!name) continue;
    const key = name.toLowerCase();
    if (!directives.has(key)) directives.set(key, values);
  }
  return directives;
}

/** Problems with one CSP string: eval, inline scripts, remote URLs, no script restriction. */
export function checkCspString(policy, label, { sandbox = false } = {}) {
  /** @type {Problem[]} */
  const problems = [];
  const directives = parseCsp(policy);
  for (const [name, values] of directives) {
    for (const value of values) {
      const lower = value.toLowerCase();
      if (lower === "'unsafe-eval'") {
        fail(problems, 'csp', `${label}: ${name} allows 'unsafe-eval' (string-to-code is remote-code risk)`);
      } else if (/^(https?|wss?):/.test(lower) || lower.startsWith('//') || lower === '*') {
        fail(problems, 'csp', `${label}: ${name} allows the remote source ${value}`);
      } else if (lower === "'unsafe-inline'" && name.startsWith('script-src')) {
        fail(problems, 'csp', `${label}: ${name} allows 'unsafe-inline'`);
      } else if (
        SCRIPT_DIRECTIVES.includes(name) &&
        name !== 'default-src' &&
        !SAFE_SCRIPT_SOURCES.has(lower) &&
        lower !== "'unsafe-inline'"
      ) {
        fail(problems, 'csp', `${label}: ${name} allows ${value}; only 'self' is intended`);
      }
    }
  }
  if (!sandbox) {
    const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
    if (!scriptSrc) fail(problems, 'csp', `${label}: no script-src (nor default-src) restricts scripts`);
    else if (!scriptSrc.includes("'self'") && !scriptSrc.includes("'none'")) {
      fail(problems, 'csp', `${label}: script-src does not contain 'self'`);
    }
    if (!directives.has('object-src') && !directives.has('default-src')) {
      fail(problems, 'csp', `${label}: no object-src (nor default-src)`);
    }
  }
  return problems;
}

/** The CSP is declared in the right shape for the manifest version and is strict. */
export function checkCsp(manifest) {
  /** @type {Problem[]} */
  const problems = [];
  const csp = manifest.content_security_policy;
  const mv3 = manifest.manifest_version === 3;
  const missingFix = `add to the manifest in wxt.config.ts (both browsers): ${WXT_CSP_SNIPPET}`;
  if (mv3) {
    if (typeof csp === 'string') {
      fail(
        problems,
        'csp',
        'content_security_policy is a string; Manifest V3 needs { extension_pages }',
        missingFix,
      );
      return problems;
    }
    if (typeof csp?.extension_pages !== 'string') {
      fail(
        problems,
        'csp',
        'no content_security_policy.extension_pages is declared (the store reviewers look for it)',
        missingFix,
      );
    } else {
      problems.push(...checkCspString(csp.extension_pages, 'content_security_policy.extension_pages'));
    }
    if (typeof csp?.sandbox === 'string') {
      problems.push(...checkCspString(csp.sandbox, 'content_security_policy.sandbox', { sandbox: true }));
    }
    return problems;
  }
  if (typeof csp !== 'string') {
    fail(
      problems,
      'csp',
      csp == null
        ? 'no content_security_policy is declared for extension pages'
        : 'content_security_policy must be a string in Manifest V2',
      missingFix,
    );
    return problems;
  }
  problems.push(...checkCspString(csp, 'content_security_policy'));
  return problems;
}

/** Leading integer of a version string ("140.0" → 140), or NaN. */
function major(version) {
  return Number.parseInt(String(version ?? '').split('.')[0] ?? '', 10);
}

/** Manifest keys the stores need, per browser (icons only as declared here; files: checkIconFiles). */
export function checkStoreKeys(manifest, browser) {
  /** @type {Problem[]} */
  const problems = [];
  if (!/^\d{1,5}(\.\d{1,5}){0,3}$/.test(String(manifest.version ?? ''))) {
    fail(problems, 'manifest', `version "${manifest.version}" is not 1-4 dot-separated integers`);
  }
  if (browser === 'chrome') {
    if (manifest.manifest_version !== 3) {
      fail(
        problems,
        'manifest',
        `manifest_version is ${manifest.manifest_version}; the Chrome build must be 3`,
      );
    }
    if (!/^\d+(\.\d+){0,3}$/.test(String(manifest.minimum_chrome_version ?? ''))) {
      fail(problems, 'manifest', 'minimum_chrome_version is missing', "set minimum_chrome_version: '116'");
    }
    // A localized text (__MSG_key__) is measured in each language by checkLocalizedManifest.
    if (!isLocalized(manifest.name)) problems.push(...checkStoreTextLimits({ name: manifest.name }, browser));
    if (!manifest.description) fail(problems, 'manifest', 'description is missing');
    else if (!isLocalized(manifest.description))
      problems.push(...checkStoreTextLimits({ description: manifest.description }, browser));
    const icons = manifest.icons ?? {};
    const missing = REQUIRED_ICON_SIZES.filter((size) => typeof icons[size] !== 'string');
    if (missing.length > 0) {
      fail(
        problems,
        'icons',
        `icons ${missing.join(', ')} are missing from the manifest`,
        `add public/icon/${missing.join('.png, public/icon/')}.png (WXT declares public/icon/<size>.png itself)`,
      );
    }
  } else {
    const gecko = manifest.browser_specific_settings?.gecko;
    const id = gecko?.id;
    if (typeof id !== 'string' || id.length === 0) {
      fail(problems, 'manifest', 'browser_specific_settings.gecko.id is missing');
    } else if (
      id.length > 80 ||
      !(/^[a-zA-Z0-9-._]*@[a-zA-Z0-9-._]+$/.test(id) || /^\{[0-9a-fA-F-]{36}\}$/.test(id))
    ) {
      fail(
        problems,
        'manifest',
        `browser_specific_settings.gecko.id "${id}" is not an email-like id or a {GUID}`,
      );
    }
    const min = gecko?.strict_min_version;
    if (typeof min !== 'string' || !/^\d{1,3}(\.[a-z0-9]+)+$/.test(min)) {
      fail(
        problems,
        'manifest',
        'browser_specific_settings.gecko.strict_min_version is missing or malformed',
      );
    }
    const dcp = gecko?.data_collection_permissions;
    if (!dcp || !Array.isArray(dcp.required) || dcp.required.length === 0) {
      fail(
        problems,
        'manifest',
        'browser_specific_settings.gecko.data_collection_permissions.required is missing (AMO requires it for new add-ons)',
      );
    } else if (typeof min === 'string' && major(min) < FIREFOX_DATA_COLLECTION_MIN) {
      fail(
        problems,
        'manifest',
        `strict_min_version ${min} is older than Firefox ${FIREFOX_DATA_COLLECTION_MIN}, the first to support data_collection_permissions`,
        `set strict_min_version: '${FIREFOX_DATA_COLLECTION_MIN}.0'`,
      );
    }
    if (!manifest.icons || Object.keys(manifest.icons).length === 0) {
      warn(problems, 'icons', 'no icons declared: Firefox shows the default puzzle piece');
    }
  }
  return problems;
}

/** Store limits on the texts a listing shows; `locale` names the language in the message when there is one. */
export function checkStoreTextLimits(manifest, browser, locale) {
  /** @type {Problem[]} */
  const problems = [];
  const where = locale ? ` in ${locale}` : '';
  const limits =
    browser === 'chrome'
      ? [
          ['name', CHROME_NAME_MAX, 'Chrome Web Store'],
          ['description', CHROME_DESCRIPTION_MAX, 'Chrome Web Store'],
        ]
      : [['description', FIREFOX_SUMMARY_MAX, 'Firefox Add-ons summary']];
  for (const [key, max, store] of limits) {
    const text = manifest[key];
    if (typeof text === 'string' && text.length > max)
      fail(problems, 'manifest', `${key}${where} is ${text.length} characters (${store} max ${max})`);
  }
  return problems;
}

const MSG = /__MSG_([A-Za-z0-9_@]+)__/g;

function isLocalized(value) {
  return typeof value === 'string' && /__MSG_[A-Za-z0-9_@]+__/.test(value);
}

/**
 * Every __MSG_key__ in the manifest's string values, with where it is (`commands.draft.description`).
 * @returns {Array<{ key: string, path: string }>}
 */
export function manifestMessageRefs(manifest) {
  /** @type {Array<{ key: string, path: string }>} */
  const refs = [];
  const visit = (value, at) => {
    if (typeof value === 'string')
      for (const m of value.matchAll(MSG)) refs.push({ key: m[1] ?? '', path: at });
    else if (Array.isArray(value))
      value.forEach((item, i) => {
        visit(item, `${at}[${i}]`);
      });
    else if (value && typeof value === 'object')
      for (const [key, child] of Object.entries(value)) visit(child, at ? `${at}.${key}` : key);
  };
  visit(manifest, '');
  return refs;
}

/** Message names are case-insensitive in browsers: the lookup is lower-cased. */
function lookup(messages) {
  const map = new Map();
  for (const [key, entry] of Object.entries(messages ?? {})) {
    if (entry && typeof entry.message === 'string') map.set(key.toLowerCase(), entry.message);
  }
  return map;
}

/** The manifest as a browser shows it in one language: each __MSG_key__ replaced by that locale's message. */
export function resolveManifest(manifest, messages) {
  const found = lookup(messages);
  const visit = (value) => {
    if (typeof value === 'string')
      return value.replace(MSG, (whole, key) => found.get(key.toLowerCase()) ?? whole);
    if (Array.isArray(value)) return value.map(visit);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, visit(child)]));
    return value;
  };
  return visit(manifest);
}

/**
 * A localized manifest in every language: default_locale names a shipped locale, every referenced message exists
 * in every locale (the store and the browser show the raw __MSG_…__ otherwise), and the store limits hold after
 * translation (a German description is longer than the English one).
 * @param {Record<string, Record<string, { message?: unknown }>>} locales messages.json per locale folder name
 */
export function checkLocalizedManifest(manifest, browser, locales) {
  /** @type {Problem[]} */
  const problems = [];
  const refs = manifestMessageRefs(manifest);
  const names = Object.keys(locales).sort();
  const defaultLocale = manifest.default_locale;
  if (refs.length === 0 && names.length === 0) return problems;
  if (typeof defaultLocale !== 'string' || defaultLocale === '') {
    fail(
      problems,
      'locales',
      'default_locale is missing, but the manifest uses __MSG_ messages or _locales is shipped',
      "set default_locale: 'en' in wxt.config.ts",
    );
  } else if (!names.includes(defaultLocale)) {
    fail(
      problems,
      'locales',
      `default_locale is ${defaultLocale}, but _locales/${defaultLocale}/messages.json is not in the build`,
    );
  }
  for (const locale of names) {
    const found = lookup(locales[locale]);
    const missing = [...new Set(refs.map((r) => r.key).filter((key) => !found.has(key.toLowerCase())))];
    for (const key of missing) {
      const where = refs
        .filter((r) => r.key === key)
        .map((r) => r.path)
        .join(', ');
      fail(
        problems,
        'locales',
        `${key} (used by ${where}) is missing from _locales/${locale}/messages.json`,
        `add it to public/_locales/${locale}/messages.json`,
      );
    }
    for (const { key, path: where } of refs) {
      if (found.get(key.toLowerCase()) === '')
        fail(problems, 'locales', `${key} (used by ${where}) is empty in _locales/${locale}/messages.json`);
    }
    problems.push(...checkStoreTextLimits(resolveManifest(manifest, locales[locale]), browser, locale));
  }
  return problems;
}

/**
 * The enterprise-policy schema (Chrome: storage.managed_schema, validated by Chrome against the admin's policy):
 * declared → the file is in the build and is a JSON schema object. Firefox has no such key (it reads
 * policies.json's 3rdparty.Extensions without a schema) and warns about an unknown one, so it must not appear there.
 * @param {(file: string) => string | undefined} readText
 */
export function checkManagedSchema(manifest, browser, readText) {
  /** @type {Problem[]} */
  const problems = [];
  const file = manifest.storage?.managed_schema;
  if (browser === 'firefox') {
    if (manifest.storage !== undefined)
      fail(problems, 'manifest', 'Firefox does not know the storage key (managed_schema is Chrome-only)');
    return problems;
  }
  if (file === undefined) return problems;
  const text = typeof file === 'string' ? readText(file) : undefined;
  if (text === undefined) {
    fail(problems, 'manifest', `storage.managed_schema names ${String(file)}, which is not in the build`);
    return problems;
  }
  try {
    const schema = JSON.parse(text);
    if (schema?.type !== 'object' || typeof schema.properties !== 'object')
      fail(problems, 'manifest', `${file} is not a schema of an object with properties`);
  } catch (error) {
    fail(
      problems,
      'manifest',
      `${file} is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
  }
  return problems;
}

/** Everything that can be checked from the manifest object alone. */
export function checkManifest(manifest, browser, { expectedVersion } = {}) {
  /** @type {Problem[]} */
  const problems = [
    ...checkPermissions(manifest, browser),
    ...checkCsp(manifest),
    ...checkStoreKeys(manifest, browser),
  ];
  // WXT turns an entrypoint named history / newtab / bookmarks into a replacement of the browser's own page: an
  // extension page of ours must never take over chrome://history or the new tab page.
  for (const key of ['chrome_url_overrides', 'chrome_settings_overrides']) {
    if (manifest[key] !== undefined)
      fail(
        problems,
        key,
        `${key} replaces a page of the browser itself (${Object.keys(manifest[key]).join(', ')})`,
        'rename the entrypoint (history, newtab and bookmarks are special names in WXT)',
      );
  }
  if (expectedVersion !== undefined && manifest.version !== expectedVersion) {
    fail(
      problems,
      'manifest',
      `manifest version ${manifest.version} is not package.json's ${expectedVersion}: the build is stale`,
      'rebuild',
    );
  }
  return problems;
}

/** 1-based line and column of an index in a text. */
function position(text, index) {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}

const REMOTE_URL = /^\s*(?:https?:)?\/\//i;

function attribute(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3] ?? '') : undefined;
}

/**
 * Remote or inline scripts in a built HTML page.
 * @returns {Array<{ line: number, column: number, message: string }>}
 */
export function findRemoteScriptsInHtml(html) {
  const found = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    const src = attribute(attrs, 'src');
    const type = (attribute(attrs, 'type') ?? '').toLowerCase();
    if (src !== undefined && REMOTE_URL.test(src)) {
      found.push({ ...position(html, m.index), message: `remote <script src="${src}">` });
    } else if (src === undefined && (m[2] ?? '').trim() && !/json|importmap/.test(type)) {
      found.push({ ...position(html, m.index), message: 'inline <script> (blocked by the extension CSP)' });
    }
  }
  for (const m of html.matchAll(/<link\b([^>]*)>/gi)) {
    const attrs = m[1] ?? '';
    const rel = (attribute(attrs, 'rel') ?? '').toLowerCase();
    const href = attribute(attrs, 'href');
    const asScript = (attribute(attrs, 'as') ?? '').toLowerCase() === 'script';
    if (href !== undefined && REMOTE_URL.test(href) && (rel === 'modulepreload' || asScript)) {
      found.push({ ...position(html, m.index), message: `remote <link rel="${rel}" href="${href}">` });
    }
  }
  return found;
}

const REMOTE_JS_PATTERNS = [
  { re: /\bimport\s*\(\s*(['"`])(?:https?:)?\/\/[^'"`]*\1/g, what: 'dynamic import() of a remote URL' },
  {
    re: /\bimportScripts\s*\([^)]*?(['"`])(?:https?:)?\/\/[^'"`]*\1/g,
    what: 'importScripts() of a remote URL',
  },
  { re: /\b(?:from|import)\s*(['"`])https?:\/\/[^'"`]*\1/g, what: 'static import of a remote URL' },
];

/**
 * Remote code loading in built JS: import()/importScripts()/import … from an http(s) URL.
 * @returns {Array<{ line: number, column: number, message: string }>}
 */
export function findRemoteCodeInJs(code) {
  const found = [];
  for (const { re, what } of REMOTE_JS_PATTERNS) {
    for (const m of code.matchAll(re)) {
      found.push({ ...position(code, m.index), message: `${what}: ${m[0].slice(0, 120)}` });
    }
  }
  return found.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Width and height of a PNG (from its IHDR chunk), or null when the bytes are not a PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!bytes || bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  if (String.fromCharCode(bytes[12], bytes[13], bytes[14], bytes[15]) !== 'IHDR') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * Declared icons exist in the build and are square PNGs of their declared size.
 * @param {Record<string, unknown> | undefined} icons
 * @param {(file: string) => Uint8Array | undefined} readFile  a file of the build, undefined when missing
 */
export function checkIconFiles(icons, readFile) {
  /** @type {Problem[]} */
  const problems = [];
  for (const [size, file] of Object.entries(icons ?? {})) {
    if (typeof file !== 'string') continue;
    const bytes = readFile(file.replace(/^\//, ''));
    if (!bytes) {
      fail(problems, 'icons', `icon ${size}: ${file} is not in the build`);
      continue;
    }
    const dims = pngSize(bytes);
    if (!dims) fail(problems, 'icons', `icon ${size}: ${file} is not a PNG`);
    else if (dims.width !== Number(size) || dims.height !== Number(size)) {
      fail(problems, 'icons', `icon ${size}: ${file} is ${dims.width}x${dims.height}, not ${size}x${size}`);
    }
  }
  return problems;
}

function walk(dir, rel = '') {
  return readdirSync(path.join(dir, rel)).flatMap((name) => {
    const child = rel ? `${rel}/${name}` : name;
    return statSync(path.join(dir, child)).isDirectory() ? walk(dir, child) : [child];
  });
}

/**
 * All checks on one build directory (reads the files).
 * @param {string} dir
 * @param {BrowserName} browser
 * @param {{ expectedVersion?: string }} [options]
 * @returns {{ manifest?: Record<string, unknown>, files: string[], problems: Problem[] }}
 */
export function checkBuildDir(dir, browser, options = {}) {
  /** @type {Problem[]} */
  const problems = [];
  const manifestPath = path.join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    fail(
      problems,
      'build',
      `${manifestPath} does not exist`,
      `build it: npx wxt build${browser === 'firefox' ? ' -b firefox' : ''}`,
    );
    return { files: [], problems };
  }
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  } catch (error) {
    fail(
      problems,
      'build',
      `manifest.json is not valid JSON: ${error instanceof Error ? error.message : error}`,
    );
    return { files: [], problems };
  }
  problems.push(...checkManifest(manifest, browser, options));
  const files = walk(dir);
  const fileSet = new Set(files);
  problems.push(
    ...checkIconFiles(manifest.icons, (file) =>
      fileSet.has(file) ? readFileSync(path.join(dir, file)) : undefined,
    ),
  );
  problems.push(
    ...checkManagedSchema(manifest, browser, (file) =>
      fileSet.has(file) ? readFileSync(path.join(dir, file), 'utf8') : undefined,
    ),
  );
  /** @type {Record<string, Record<string, { message?: unknown }>>} */
  const locales = {};
  for (const file of files) {
    const locale = /^_locales\/([^/]+)\/messages\.json$/.exec(file)?.[1];
    if (!locale) continue;
    try {
      locales[locale] = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      fail(
        problems,
        'locales',
        `${file} is not valid JSON: ${error instanceof Error ? error.message : error}`,
      );
    }
  }
  problems.push(...checkLocalizedManifest(manifest, browser, locales));
  for (const file of files) {
    if (file.endsWith('.html')) {
      for (const hit of findRemoteScriptsInHtml(readFileSync(path.join(dir, file), 'utf8'))) {
        fail(problems, 'remote code', `${file}:${hit.line}:${hit.column}: ${hit.message}`);
      }
    } else if (/\.(m?js)$/.test(file)) {
      for (const hit of findRemoteCodeInJs(readFileSync(path.join(dir, file), 'utf8'))) {
        fail(problems, 'remote code', `${file}:${hit.line}:${hit.column}: ${hit.message}`);
      }
    }
  }
  return { manifest, files, problems };
}

/**
 * The printed report for one build.
 * @param {{ browser: BrowserName, dir: string, manifest?: Record<string, unknown>, files: string[], problems: Problem[] }} result
 */
export function formatReport({ browser, dir, manifest, files, problems }) {
  const lines = [`${browser} — ${dir}`];
  if (manifest) {
    const p = splitPermissions(manifest);
    const csp = manifest.content_security_policy;
    const cspText = typeof csp === 'string' ? csp : (csp?.extension_pages ?? '(none)');
    lines.push(
      `  manifest v${manifest.manifest_version}, version ${manifest.version}, ${files.length} files`,
      `  permissions:          ${p.permissions.join(', ') || '(none)'}`,
      `  host permissions:     ${p.hosts.join(', ') || '(none)'}`,
      `  optional permissions: ${[...p.optionalPermissions, ...p.optionalHosts].join(', ') || '(none)'}`,
      `  CSP (extension pages): ${cspText}`,
    );
    if (browser === 'chrome') {
      lines.push(
        `  locales: ${
          files
            .filter((f) => /^_locales\/[^/]+\/messages\.json$/.test(f))
            .map((f) => f.split('/')[1])
            .join(', ') || '(none)'
        }`,
        `  minimum_chrome_version: ${manifest.minimum_chrome_version ?? '(none)'}`,
        `  icons: ${Object.keys(manifest.icons ?? {}).join(', ') || '(none)'}`,
      );
    } else {
      const gecko = manifest.browser_specific_settings?.gecko ?? {};
      lines.push(
        `  gecko: id ${gecko.id ?? '(none)'}, strict_min_version ${gecko.strict_min_version ?? '(none)'}, ` +
          `data_collection_permissions ${gecko.data_collection_permissions ? JSON.stringify(gecko.data_collection_permissions) : '(none)'}`,
      );
    }
  }
  const errors = problems.filter((p) => p.severity !== 'warning');
  const warnings = problems.filter((p) => p.severity === 'warning');
  for (const p of errors) {
    lines.push(`  FAIL [${p.check}] ${p.message}`);
    if (p.fix) lines.push(`       fix: ${p.fix}`);
  }
  for (const p of warnings) lines.push(`  warn [${p.check}] ${p.message}`);
  lines.push(errors.length === 0 ? '  ok: all checks passed' : `  ${errors.length} problem(s)`);
  return lines.join('\n');
}

/** CLI argument parsing: which builds to check. */
export function parseArgs(argv) {
  /** @type {Array<{ browser: BrowserName, dir: string }>} */
  const targets = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if ((arg === '--chrome' || arg === '--firefox') && argv[i + 1]) {
      targets.push({ browser: arg === '--chrome' ? 'chrome' : 'firefox', dir: argv[++i] ?? '' });
    } else {
      throw new Error(
        `unknown argument ${arg} (usage: check-manifests.mjs [--chrome <dir>] [--firefox <dir>])`,
      );
    }
  }
  return targets.length > 0
    ? targets
    : [
        { browser: 'chrome', dir: '.output/chrome-mv3' },
        { browser: 'firefox', dir: '.output/firefox-mv2' },
      ];
}

function main() {
  let targets;
  try {
    targets = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`check-manifests: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 2;
    return;
  }
  const expectedVersion = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
  let errors = 0;
  for (const target of targets) {
    const dir = path.resolve(root, target.dir);
    const result = checkBuildDir(dir, target.browser, { expectedVersion });
    errors += result.problems.filter((p) => p.severity !== 'warning').length;
    console.log(formatReport({ ...result, browser: target.browser, dir: path.relative(root, dir) || dir }));
    console.log('');
  }
  console.log(errors === 0 ? 'check-manifests: ok' : `check-manifests: ${errors} problem(s)`);
  process.exitCode = errors === 0 ? 0 : 1;
}

if (isMain(import.meta.url)) main();
