import { storage } from 'wxt/utils/storage';
import { z } from 'zod';
import { t } from '../i18n/t';
import { MODEL_FACTS, modelFactFor, type Price } from './model-facts';
import { bareModelId } from './model-id';

export { formatUsd } from './money';

// The agent's price table: overrides of the known list prices (keyed by the table's id, e.g. "gpt-4o-mini") and
// prices for models Deskmate does not know (keyed by the bare model id, e.g. "my-company-llm"). Shareable settings
// (no secrets), so WXT storage 'local:prices'. Validated on write and on read; a bad stored value is ignored with a
// warning (design §7), never a crash.

export const PRICES_KEY = 'local:prices';

// Messages as functions: zod reads them when an issue is raised, so they follow the UI language then.
const PricePerMillion = z
  .number({ error: () => t('core_llm_price_not_number') })
  .refine(Number.isFinite, { error: () => t('core_llm_price_not_finite') })
  .min(0, { error: () => t('core_llm_price_negative') })
  .max(10_000, { error: () => t('core_llm_price_too_high') });

export const PriceEntry = z.object({ input: PricePerMillion, output: PricePerMillion });

export const ModelKey = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, { error: () => t('core_llm_model_id_empty') })
  .max(200, { error: () => t('core_llm_model_id_too_long', 200) })
  .regex(/^[\w.:@+-]+(\s\(ollama\))?$/, { error: () => t('core_llm_model_id_format') });

export const PriceTable = z.record(ModelKey, PriceEntry);
export type PriceTable = z.infer<typeof PriceTable>;

export interface LoadedPrices {
  prices: PriceTable;
  warning?: string;
}

export function parseStoredPrices(raw: unknown): LoadedPrices {
  if (raw == null) return { prices: {} };
  const parsed = PriceTable.safeParse(raw);
  if (parsed.success) return { prices: parsed.data };
  return { prices: {}, warning: t('core_llm_prices_invalid') };
}

export async function loadPrices(): Promise<LoadedPrices> {
  try {
    return parseStoredPrices(await storage.getItem<unknown>(PRICES_KEY));
  } catch {
    return { prices: {}, warning: t('core_llm_prices_unreadable') };
  }
}

/** Throws a ZodError (with paths model id → field) when anything is invalid; nothing bad reaches storage. */
export async function savePrices(prices: PriceTable): Promise<void> {
  await storage.setItem<PriceTable>(PRICES_KEY, PriceTable.parse(prices));
}

export interface ResolvedPrice {
  price: Price;
  source: 'custom' | 'override' | 'list';
  /** The row of the price table that applies. */
  key: string;
}

/** The price for `model`: the agent's own row for this exact id, else their override of the known entry, else the list price. */
export function priceFor(model: string, prices: PriceTable): ResolvedPrice | null {
  const id = bareModelId(model);
  const fact = modelFactFor(model);
  const factKey = fact?.id.toLowerCase();
  const own = prices[id];
  if (own && id !== factKey) return { price: own, source: 'custom', key: id };
  if (!fact || !factKey) return null;
  const override = prices[factKey];
  if (override) return { price: override, source: 'override', key: fact.id };
  return fact.price ? { price: fact.price, source: 'list', key: fact.id } : null;
}

/** USD for a call; input and output priced separately. */
export function costUsd(price: Price, promptTokens: number, outputTokens: number): number {
  return (promptTokens * price.input + outputTokens * price.output) / 1_000_000;
}

/** Rows for the options page: every known model with its list price (local models last, they cost 0). */
export function knownPriceRows(): Array<{ id: string; list: Price | null; local: boolean }> {
  return MODEL_FACTS.map((f) => ({ id: f.id, list: f.price, local: Boolean(f.local) }));
}

export interface PriceForm {
  model: string;
  input: string;
  output: string;
}

export type PriceFormResult =
  | { ok: true; key: string; price: Price }
  | { ok: false; errors: Partial<Record<keyof PriceForm, string>> };

function parseAmount(raw: string): number | string {
  const text = raw.trim().replace(/^\$/, '');
  if (!text) return t('core_llm_price_empty');
  // Number('') is 0 and Number('1e3') is 1000: accept plain decimals only, as typed in a price list.
  if (!/^\d+(\.\d+)?$/.test(text)) return t('core_llm_price_plain_number');
  return Number(text);
}

/** Validates one row typed in the options page; every bad field gets its own message. */
export function parsePriceForm(form: PriceForm): PriceFormResult {
  const errors: Partial<Record<keyof PriceForm, string>> = {};
  const key = ModelKey.safeParse(form.model);
  if (!key.success) errors.model = key.error.issues[0]?.message ?? t('core_llm_model_id_invalid');
  const amounts: Partial<Price> = {};
  for (const field of ['input', 'output'] as const) {
    const value = parseAmount(form[field]);
    if (typeof value === 'string') {
      errors[field] = value;
      continue;
    }
    const checked = PricePerMillion.safeParse(value);
    if (checked.success) amounts[field] = checked.data;
    else errors[field] = checked.error.issues[0]?.message ?? t('core_llm_price_invalid');
  }
  if (!key.success || amounts.input === undefined || amounts.output === undefined)
    return { ok: false, errors };
  return { ok: true, key: key.data, price: { input: amounts.input, output: amounts.output } };
}
