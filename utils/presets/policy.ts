import { z } from 'zod';
import { t } from '../i18n/t';
import { PresetPack, validatePackValue } from './pack';
import type { PresetSource } from './preset';
import { checkPackUrl } from './subscription';

// Enterprise policy, read from `storage.managed` (Chrome: the admin's 3rdparty policy checked against
// public/managed_schema.json; Firefox: policies.json → 3rdparty.Extensions). Admins can:
//   packUrls                  pack subscriptions every agent gets (read-only, refreshed like subscriptions)
//   inlinePacks               whole packs in the policy itself (JSON text, or an object where the platform allows)
//   packRefreshHours          how often policy packs are refreshed
//   allowedBaseUrls           the only model endpoints agents may use (prefix match on whole path segments)
//   requiredProvider          the one endpoint (and optionally model) everyone uses; overrides allowedBaseUrls
//   disablePersonalProviders  agents cannot set up their own provider
//   disablePresetSync         personal presets are not copied to the browser's sync storage
// A policy is written by a person and can be wrong. Each field is checked on its own: a bad field is ignored with a
// warning (shown in the options page), the rest still applies, and nothing here ever throws.

export const POLICY_KEYS = [
  'packUrls',
  'inlinePacks',
  'packRefreshHours',
  'allowedBaseUrls',
  'requiredProvider',
  'disablePersonalProviders',
  'disablePresetSync',
] as const;

export const RequiredProvider = z.object({
  /** Normalised: origin + path, no trailing slash. */
  baseURL: z.string().url(),
  model: z.string().min(1).max(200).optional(),
});
export type RequiredProvider = z.infer<typeof RequiredProvider>;

/** The policy in force, after readPolicy dropped what was invalid. */
export const ManagedPolicy = z.object({
  packUrls: z.array(z.string().url()),
  inlinePacks: z.array(PresetPack),
  packRefreshHours: z.number().int().min(1).max(168).optional(),
  allowedBaseUrls: z.array(z.string().url()),
  requiredProvider: RequiredProvider.optional(),
  disablePersonalProviders: z.boolean(),
  disablePresetSync: z.boolean(),
});
export type ManagedPolicy = z.infer<typeof ManagedPolicy>;

export const EMPTY_POLICY: ManagedPolicy = Object.freeze({
  packUrls: [],
  inlinePacks: [],
  allowedBaseUrls: [],
  disablePersonalProviders: false,
  disablePresetSync: false,
}) as ManagedPolicy;

export interface ReadPolicyResult {
  policy: ManagedPolicy;
  /** One sentence per ignored or suspicious setting, for the options page and the console. */
  warnings: string[];
  /** True when the administrator set anything Deskmate uses. */
  managed: boolean;
}

const StringList = z.array(z.string().max(2000)).max(50);

/** An endpoint as the policy compares it: a parsed http(s) URL without query, hash or trailing slash. */
function endpoint(value: string): URL | undefined {
  try {
    const url = new URL(value.trim());
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username || url.password) return undefined;
    url.search = '';
    url.hash = '';
    url.pathname = url.pathname.replace(/\/+$/, '') || '/';
    return url;
  } catch {
    return undefined;
  }
}

function normalizedEndpoint(value: string): string | undefined {
  const url = endpoint(value);
  return url ? `${url.origin}${url.pathname === '/' ? '' : url.pathname}` : undefined;
}

function parseInlinePack(item: unknown, index: number, warnings: string[]): PresetPack | undefined {
  let value = item;
  if (typeof item === 'string') {
    try {
      value = JSON.parse(item);
    } catch (error) {
      warnings.push(
        t(
          'core_presets_policy_inline_json',
          String(index),
          error instanceof Error ? error.message : String(error),
        ),
      );
      return undefined;
    }
  }
  const result = validatePackValue(value);
  if (result.ok) return result.pack;
  warnings.push(
    t(
      'core_presets_policy_inline_invalid',
      String(index),
      result.errors
        .slice(0, 3)
        .map((e) => e.message)
        .join(' '),
    ),
  );
  return undefined;
}

/** What `browser.storage.managed.get()` returned → the policy in force, never throwing. */
export function readPolicy(raw: unknown): ReadPolicyResult {
  const warnings: string[] = [];
  if (raw === undefined || raw === null) return { policy: { ...EMPTY_POLICY }, warnings, managed: false };
  if (typeof raw !== 'object' || Array.isArray(raw))
    return {
      policy: { ...EMPTY_POLICY },
      warnings: [t('core_presets_policy_not_object')],
      managed: false,
    };
  const input = raw as Record<string, unknown>;
  const policy: ManagedPolicy = {
    packUrls: [],
    inlinePacks: [],
    allowedBaseUrls: [],
    disablePersonalProviders: false,
    disablePresetSync: false,
  };

  for (const key of Object.keys(input))
    if (!(POLICY_KEYS as readonly string[]).includes(key))
      warnings.push(t('core_presets_policy_unknown_key', key));

  if (input.packUrls !== undefined) {
    const list = StringList.safeParse(input.packUrls);
    if (!list.success) warnings.push(t('core_presets_policy_pack_urls_invalid'));
    else
      for (const [i, link] of list.data.entries()) {
        const checked = checkPackUrl(link);
        if (!checked.ok) warnings.push(t('core_presets_policy_pack_url_ignored', String(i), checked.message));
        else if (!policy.packUrls.includes(checked.url)) policy.packUrls.push(checked.url);
      }
  }

  if (input.inlinePacks !== undefined) {
    if (!Array.isArray(input.inlinePacks) || input.inlinePacks.length > 20)
      warnings.push(t('core_presets_policy_inline_list_invalid'));
    else
      input.inlinePacks.forEach((item, i) => {
        const pack = parseInlinePack(item, i, warnings);
        if (pack) policy.inlinePacks.push(pack);
      });
  }

  if (input.packRefreshHours !== undefined) {
    const hours = z.number().int().min(1).max(168).safeParse(input.packRefreshHours);
    if (hours.success) policy.packRefreshHours = hours.data;
    else warnings.push(t('core_presets_policy_refresh_hours_invalid'));
  }

  if (input.allowedBaseUrls !== undefined) {
    const list = StringList.safeParse(input.allowedBaseUrls);
    if (!list.success) warnings.push(t('core_presets_policy_allowed_urls_invalid'));
    else
      for (const [i, link] of list.data.entries()) {
        const normal = normalizedEndpoint(link);
        if (!normal)
          warnings.push(t('core_presets_policy_allowed_url_ignored', String(i), link.slice(0, 100)));
        else if (!policy.allowedBaseUrls.includes(normal)) policy.allowedBaseUrls.push(normal);
      }
  }

  if (input.requiredProvider !== undefined) {
    const shape = z
      .object({ baseURL: z.string().max(2000), model: z.string().trim().min(1).max(200).optional() })
      .safeParse(input.requiredProvider);
    const normal = shape.success ? normalizedEndpoint(shape.data.baseURL) : undefined;
    if (!shape.success || !normal) warnings.push(t('core_presets_policy_required_invalid'));
    else {
      policy.requiredProvider = { baseURL: normal, ...(shape.data.model ? { model: shape.data.model } : {}) };
      if (policy.allowedBaseUrls.length > 0) warnings.push(t('core_presets_policy_required_overrides'));
    }
  }

  for (const key of ['disablePersonalProviders', 'disablePresetSync'] as const) {
    if (input[key] === undefined) continue;
    if (typeof input[key] === 'boolean') policy[key] = input[key];
    else warnings.push(t('core_presets_policy_not_boolean', key));
  }

  if (policy.disablePersonalProviders && !policy.requiredProvider)
    warnings.push(t('core_presets_policy_no_model'));

  const managed =
    policy.packUrls.length > 0 ||
    policy.inlinePacks.length > 0 ||
    policy.allowedBaseUrls.length > 0 ||
    policy.requiredProvider !== undefined ||
    policy.disablePersonalProviders ||
    policy.disablePresetSync ||
    policy.packRefreshHours !== undefined;
  return { policy, warnings, managed };
}

/**
 * Reads the policy from `storage.managed`. Firefox rejects when no policy exists and Chrome may not implement the
 * area in some contexts: both mean "no policy", never a crash.
 */
export async function loadPolicy(area: {
  get: (keys?: null) => Promise<Record<string, unknown>>;
}): Promise<ReadPolicyResult> {
  try {
    return readPolicy(await area.get(null));
  } catch {
    return { policy: { ...EMPTY_POLICY }, warnings: [], managed: false };
  }
}

// ---------------------------------------------------------------- provider rules

/** `https://llm.acme.com/v1` allows itself and paths below it, not `/v10` and not `llm.acme.com.evil.test`. */
function baseUrlAllowedBy(allowed: readonly string[], baseURL: string): boolean {
  const normal = normalizedEndpoint(baseURL);
  if (!normal) return false;
  return allowed.some((prefix) => normal === prefix || normal.startsWith(`${prefix}/`));
}

/** A required provider is exclusive; otherwise an allow-list, when there is one, limits the endpoints. */
export function isBaseUrlAllowed(policy: ManagedPolicy, baseURL: string): boolean {
  if (policy.requiredProvider) return normalizedEndpoint(baseURL) === policy.requiredProvider.baseURL;
  return policy.allowedBaseUrls.length === 0 || baseUrlAllowedBy(policy.allowedBaseUrls, baseURL);
}

/**
 * Why a provider the agent set up may not be used under this policy, or null when it may. The options page shows
 * the sentence next to the provider; the background refuses to call a provider this rejects.
 */
export function providerPolicyProblem(
  policy: ManagedPolicy,
  provider: { baseURL: string; model: string },
): string | null {
  const required = policy.requiredProvider;
  if (required) {
    if (normalizedEndpoint(provider.baseURL) !== required.baseURL)
      return t('core_presets_policy_requires_endpoint', required.baseURL);
    if (required.model && provider.model !== required.model)
      return t('core_presets_policy_requires_model', required.model, required.baseURL);
    return null;
  }
  if (policy.disablePersonalProviders) return t('core_presets_policy_personal_off');
  if (!isBaseUrlAllowed(policy, provider.baseURL))
    return t('core_presets_policy_allowed_only', policy.allowedBaseUrls.join(', '));
  return null;
}

/** Whether the options page may let the agent edit or add providers. */
export function canEditProviders(policy: ManagedPolicy): boolean {
  return !policy.disablePersonalProviders;
}

// ---------------------------------------------------------------- packs

/** The sources policy packs are stored under (store.ts), in policy order. */
export function policySources(policy: ManagedPolicy): PresetSource[] {
  return [
    ...policy.packUrls.map((url) => ({ type: 'policy', ref: url }) as const),
    ...policy.inlinePacks.map((_, i) => ({ type: 'policy', ref: `inline:${i}` }) as const),
  ];
}
