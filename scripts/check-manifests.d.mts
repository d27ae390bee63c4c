// Types for check-manifests.mjs (plain Node ESM run by npm scripts and imported by the unit tests).

export type BrowserName = 'chrome' | 'firefox';

export interface Problem {
  check: string;
  message: string;
  fix?: string;
  severity?: 'error' | 'warning';
}

export interface PermissionLists {
  permissions: string[];
  hosts: string[];
  optionalPermissions: string[];
  optionalHosts: string[];
}

/** A manifest.json as parsed JSON; only the keys the checks read are typed. */
export type Manifest = Record<string, unknown> & {
  manifest_version?: number;
  version?: string;
  name?: string;
  description?: string;
  permissions?: unknown;
  host_permissions?: unknown;
  optional_permissions?: unknown;
  optional_host_permissions?: unknown;
  content_scripts?: unknown;
  content_security_policy?: unknown;
  icons?: Record<string, unknown>;
  minimum_chrome_version?: string;
  browser_specific_settings?: { gecko?: Record<string, unknown> } & Record<string, unknown>;
};

export interface Finding {
  line: number;
  column: number;
  message: string;
}

export const ALLOWED: Record<BrowserName, PermissionLists>;
export const REQUIRED_ICON_SIZES: string[];
export const CSP_INTENT: string;
export const WXT_CSP_SNIPPET: string;
export const FIREFOX_DATA_COLLECTION_MIN: number;
export const CHROME_NAME_MAX: number;
export const CHROME_DESCRIPTION_MAX: number;
export const FIREFOX_SUMMARY_MAX: number;

export function isHostPattern(value: string): boolean;
export function splitPermissions(manifest: Manifest): PermissionLists;
export function checkPermissions(
  manifest: Manifest,
  browser: BrowserName,
  allowed?: PermissionLists,
): Problem[];
export function parseCsp(policy: string): Map<string, string[]>;
export function checkCspString(policy: string, label: string, options?: { sandbox?: boolean }): Problem[];
export function checkCsp(manifest: Manifest): Problem[];
export function checkStoreKeys(manifest: Manifest, browser: BrowserName): Problem[];
export function checkStoreTextLimits(manifest: Manifest, browser: BrowserName, locale?: string): Problem[];
/** messages.json contents per locale folder name (en, de, …). */
export type LocaleFiles = Record<string, Record<string, { message?: unknown; description?: unknown }>>;
export function manifestMessageRefs(manifest: Manifest): Array<{ key: string; path: string }>;
export function resolveManifest(manifest: Manifest, messages: LocaleFiles[string] | undefined): Manifest;
export function checkLocalizedManifest(
  manifest: Manifest,
  browser: BrowserName,
  locales: LocaleFiles,
): Problem[];
export function checkManagedSchema(
  manifest: Manifest,
  browser: BrowserName,
  readText: (file: string) => string | undefined,
): Problem[];
export function checkManifest(
  manifest: Manifest,
  browser: BrowserName,
  options?: { expectedVersion?: string },
): Problem[];
export function findRemoteScriptsInHtml(html: string): Finding[];
export function findRemoteCodeInJs(code: string): Finding[];
export function pngSize(bytes: Uint8Array | undefined): { width: number; height: number } | null;
export function checkIconFiles(
  icons: Record<string, unknown> | undefined,
  readFile: (file: string) => Uint8Array | undefined,
): Problem[];
export function checkBuildDir(
  dir: string,
  browser: BrowserName,
  options?: { expectedVersion?: string },
): { manifest?: Manifest; files: string[]; problems: Problem[] };
export function formatReport(result: {
  browser: BrowserName;
  dir: string;
  manifest?: Manifest;
  files: string[];
  problems: Problem[];
}): string;
export function parseArgs(argv: string[]): Array<{ browser: BrowserName; dir: string }>;
