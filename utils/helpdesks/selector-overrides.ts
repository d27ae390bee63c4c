import type { HelpdeskAdapter, SelectorList } from './types';

// Applies the agent's selector overrides (the stored `SelectorOverrides`, schema in ../selector-overrides.ts) to
// the adapters' selector tables: an overridden field's list replaces the table's entry; every other field gets
// its built-in default back, so removing an override ("Reset") restores the original. Content-script side: the
// stored value is checked by hand here (no zod); anything malformed is skipped, never applied.

const defaults = new Map<string, Readonly<Record<string, SelectorList>>>();
const overridden = new Map<string, ReadonlySet<string>>();

/** The adapter's built-in table, as it was before any override was applied. */
export function defaultSelectorsOf(adapter: HelpdeskAdapter): Readonly<Record<string, SelectorList>> {
  let original = defaults.get(adapter.id);
  if (!original) {
    original = Object.freeze({ ...adapter.selectors });
    defaults.set(adapter.id, original);
  }
  return original;
}

function selectorListOf(value: unknown): string[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 20) return null;
  if (!value.every((s) => typeof s === 'string' && s.trim() !== '' && s.length <= 500)) return null;
  return [...(value as string[])];
}

/** adapter id → (field → list), keeping only well-formed entries. */
export function readStoredOverrides(raw: unknown): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  if (!raw || typeof raw !== 'object') return result;
  const { schemaVersion, adapters } = raw as { schemaVersion?: unknown; adapters?: unknown };
  if (schemaVersion !== 1 || !adapters || typeof adapters !== 'object') return result;
  for (const [adapterId, fields] of Object.entries(adapters as Record<string, unknown>)) {
    if (!fields || typeof fields !== 'object' || Array.isArray(fields)) continue;
    const lists = new Map<string, string[]>();
    for (const [field, list] of Object.entries(fields as Record<string, unknown>)) {
      const selectors = selectorListOf(list);
      if (selectors) lists.set(field, selectors);
    }
    result.set(adapterId, lists);
  }
  return result;
}

/** Makes every adapter's table = its defaults + the stored overrides for it. Idempotent. */
export function applySelectorOverrides(adapters: readonly HelpdeskAdapter[], raw: unknown): void {
  const stored = readStoredOverrides(raw);
  for (const adapter of adapters) {
    const original = defaultSelectorsOf(adapter);
    // The table is declared readonly for the adapters' own code; this module is the one place that edits it.
    const table = adapter.selectors as Record<string, SelectorList>;
    const wanted = stored.get(adapter.id);
    const fields = new Set<string>();
    for (const field of Object.keys(original)) {
      const override = wanted?.get(field);
      if (override) fields.add(field);
      table[field] = override ?? original[field]!;
    }
    overridden.set(adapter.id, fields);
  }
}

/** Fields of `adapter` whose selectors currently come from an override. */
export function overriddenFieldsOf(adapter: HelpdeskAdapter): ReadonlySet<string> {
  return overridden.get(adapter.id) ?? new Set();
}
