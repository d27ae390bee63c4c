import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { AdapterId } from './custom-domains';
import { t } from './i18n/t';

// The agent's (and later a team pack's, issue #6) replacements for entries of an adapter's selector table:
//   { "schemaVersion": 1, "adapters": { "zendesk": { "subject": ["h1.title", "input[name=subject]"] } } }
// `SelectorOverrides` is the one schema of that value. The content script applies it by hand
// (utils/helpdesks/selector-overrides.ts, zod-free); the options page validates what the agent types here.

export const SELECTOR_OVERRIDES_KEY = 'local:selectorOverrides';
export const SELECTOR_OVERRIDES_STORAGE_KEY = 'selectorOverrides';

export const OVERRIDE_LIMITS = {
  /** Characters of one selector. */
  selector: 500,
  /** Selectors in one field's fallback list. */
  selectorsPerField: 20,
  /** Fields overridden for one adapter. */
  fieldsPerAdapter: 60,
  /** Characters the agent may type into one adapter's box. */
  text: 20_000,
} as const;

const FieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]{0,59}$/, { error: () => t('core_data_overrides_not_field_name') });
const Selector = z
  .string()
  .trim()
  .min(1, { error: () => t('core_data_overrides_selector_empty') })
  .max(OVERRIDE_LIMITS.selector);
const SelectorListSchema = z.array(Selector).min(1).max(OVERRIDE_LIMITS.selectorsPerField);

/** One adapter's overrides: field → ordered fallbacks (first match wins), as in the adapter's own table. */
export const AdapterSelectorOverrides = z
  .record(FieldName, SelectorListSchema)
  .refine((fields) => Object.keys(fields).length <= OVERRIDE_LIMITS.fieldsPerAdapter, {
    error: () => t('core_data_overrides_too_many_fields'),
  });
export type AdapterSelectorOverrides = z.infer<typeof AdapterSelectorOverrides>;

export const SelectorOverrides = z.object({
  schemaVersion: z.literal(1),
  adapters: z.record(AdapterId, AdapterSelectorOverrides),
});
export type SelectorOverrides = z.infer<typeof SelectorOverrides>;

export const EMPTY_OVERRIDES: SelectorOverrides = { schemaVersion: 1, adapters: {} };

/** What the checks need to know about an adapter: its name and the fields of its selector table. */
export interface AdapterSelectorCatalogEntry {
  name: string;
  fields: readonly string[];
}
export type SelectorCatalog = Readonly<Record<string, AdapterSelectorCatalogEntry>>;

/** Syntax check of one selector (the options page passes one backed by the browser's own parser). */
export type SelectorSyntaxCheck = (selector: string) => boolean;

/** The browser's parser: `querySelector` throws a SyntaxError on what it cannot parse. */
export function browserSelectorCheck(doc: Document): SelectorSyntaxCheck {
  const probe = doc.createDocumentFragment();
  return (selector) => {
    try {
      probe.querySelector(selector);
      return true;
    } catch {
      return false;
    }
  };
}

/** `{id}`-style placeholders of the adapters' templates are filled before the syntax check. */
const PLACEHOLDER = /\{(\w+)\}/g;

export interface OverrideIssue {
  /** `subject`, `subject[1]` or '' for the whole value. */
  where: string;
  message: string;
}

const quote = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);

/** Checks one adapter's overrides against its selector table; every problem is listed, not only the first. */
export function checkAdapterOverrides(
  raw: unknown,
  adapterId: string,
  catalog: SelectorCatalog,
  isValidSelector: SelectorSyntaxCheck,
): { ok: true; value: AdapterSelectorOverrides } | { ok: false; issues: OverrideIssue[] } {
  const entry = catalog[adapterId];
  if (!entry)
    return { ok: false, issues: [{ where: '', message: t('options_overrides_no_adapter', adapterId) }] };
  const example = `{ "${entry.fields[0] ?? 'field'}": ["selector", "fallback selector"] }`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      issues: [{ where: '', message: t('options_overrides_not_object', example) }],
    };
  }
  const issues: OverrideIssue[] = [];
  const fields = Object.entries(raw as Record<string, unknown>);
  if (fields.length > OVERRIDE_LIMITS.fieldsPerAdapter) {
    issues.push({
      where: '',
      message: t('options_overrides_too_many_fields', OVERRIDE_LIMITS.fieldsPerAdapter),
    });
  }
  for (const [field, list] of fields) {
    if (!entry.fields.includes(field)) {
      issues.push({
        where: field,
        message: t('options_overrides_unknown_field', quote(field), entry.name, entry.fields.join(', ')),
      });
      continue;
    }
    if (!Array.isArray(list)) {
      issues.push({ where: field, message: t('options_overrides_not_list', quote(field)) });
      continue;
    }
    if (list.length === 0) {
      issues.push({
        where: field,
        message: t('options_overrides_empty_list', quote(field)),
      });
      continue;
    }
    if (list.length > OVERRIDE_LIMITS.selectorsPerField) {
      issues.push({
        where: field,
        message: t(
          'options_overrides_too_many_selectors',
          quote(field),
          list.length,
          OVERRIDE_LIMITS.selectorsPerField,
        ),
      });
    }
    list.forEach((selector: unknown, index) => {
      const where = `${field}[${index}]`;
      if (typeof selector !== 'string') {
        issues.push({
          where,
          message: t('options_overrides_not_string', where, JSON.stringify(selector)),
        });
      } else if (selector.trim() === '') {
        issues.push({ where, message: t('options_overrides_selector_empty', where) });
      } else if (selector.length > OVERRIDE_LIMITS.selector) {
        issues.push({
          where,
          message: t('options_overrides_selector_long', where, OVERRIDE_LIMITS.selector),
        });
      } else if (!isValidSelector(selector.replace(PLACEHOLDER, '0'))) {
        issues.push({ where, message: t('options_overrides_selector_invalid', where, quote(selector)) });
      }
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  // The structural schema (also what a pack is checked with) has the last word.
  const parsed = AdapterSelectorOverrides.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((issue) => ({ where: issue.path.join('.'), message: issue.message })),
    };
  }
  return { ok: true, value: parsed.data };
}

/** Line and column of a JSON.parse error, from the "position N" engines put in the message. */
function jsonErrorText(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return t('options_overrides_json_invalid', message);
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return t(
    'options_overrides_json_invalid_at',
    String(line),
    String(column),
    message.replace(/\s*\(line \d+ column \d+\)/, ''),
  );
}

/**
 * What the agent typed into one adapter's box → its overrides. Empty text means "no overrides" (the defaults).
 * Never changes the text: on error the box keeps everything as typed.
 */
export function parseOverrideText(
  text: string,
  adapterId: string,
  catalog: SelectorCatalog,
  isValidSelector: SelectorSyntaxCheck,
): { ok: true; value: AdapterSelectorOverrides | null } | { ok: false; issues: OverrideIssue[] } {
  if (text.trim() === '') return { ok: true, value: null };
  if (text.length > OVERRIDE_LIMITS.text) {
    return {
      ok: false,
      issues: [
        {
          where: '',
          message: t('options_overrides_text_too_long', text.length, OVERRIDE_LIMITS.text),
        },
      ],
    };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ where: '', message: jsonErrorText(error, text) }] };
  }
  const checked = checkAdapterOverrides(raw, adapterId, catalog, isValidSelector);
  if (!checked.ok) return checked;
  return { ok: true, value: Object.keys(checked.value).length === 0 ? null : checked.value };
}

/** The stored value with one adapter's overrides replaced (null removes them: back to the defaults). */
export function withAdapterOverrides(
  current: SelectorOverrides,
  adapterId: string,
  value: AdapterSelectorOverrides | null,
): SelectorOverrides {
  const adapters = { ...current.adapters };
  if (value) adapters[adapterId] = value;
  else delete adapters[adapterId];
  return { schemaVersion: 1, adapters };
}

export function parseStoredOverrides(raw: unknown): { value: SelectorOverrides; warning?: string } {
  if (raw == null) return { value: EMPTY_OVERRIDES };
  const parsed = SelectorOverrides.safeParse(raw);
  if (parsed.success) return { value: parsed.data };
  return {
    value: EMPTY_OVERRIDES,
    warning: t('core_data_overrides_saved_invalid', parsed.error.issues[0]?.message ?? 'bad shape'),
  };
}

export async function loadSelectorOverrides(): Promise<{ value: SelectorOverrides; warning?: string }> {
  return parseStoredOverrides(await storage.getItem<unknown>(SELECTOR_OVERRIDES_KEY));
}

export async function saveSelectorOverrides(value: SelectorOverrides): Promise<void> {
  await storage.setItem(SELECTOR_OVERRIDES_KEY, SelectorOverrides.parse(value));
}

/** Text for an adapter's box: its stored overrides, pretty-printed; '' when there are none. */
export function overridesText(value: AdapterSelectorOverrides | undefined): string {
  return value && Object.keys(value).length > 0 ? JSON.stringify(value, null, 2) : '';
}
