import { useEffect, useState } from 'react';
import { t, uiLanguage } from '@/utils/i18n/t';
import { MODEL_FACTS } from '@/utils/llm/model-facts';
import { loadPrices, type PriceForm, type PriceTable, parsePriceForm, savePrices } from '@/utils/llm/prices';
import { TextField } from './TextField';

// "Model prices": what the cost under each summary and draft is computed with. The known list prices are shown;
// the agent can change any (their contract may differ), add a model Deskmate does not know, and go back to the
// list prices. Validated field by field (utils/llm/prices.ts); nothing invalid is stored, nothing typed is lost.

type Status = { tone: 'success' | 'error'; message: string } | null;

/** Example model id and prices for the empty form (identifiers and numbers, not words). */
const EXAMPLE = { model: 'gpt-4o-mini', input: '0.15', output: '0.60' };

const EMPTY_FORM: PriceForm = { model: '', input: '', output: '' };
const HOSTED = MODEL_FACTS.filter((f) => !f.local && f.price);
const KNOWN_KEYS = new Set(MODEL_FACTS.map((f) => f.id.toLowerCase()));

/** US dollars in the UI language's notation ("$0.15", "0,15 $"); prices can have many decimals. */
const usd = (n: number) =>
  new Intl.NumberFormat(uiLanguage(), {
    style: 'currency',
    currency: 'USD',
    maximumFractionDigits: 6,
  }).format(n);

export function PricingSection() {
  const [prices, setPrices] = useState<PriceTable | null>(null);
  const [form, setForm] = useState<PriceForm>(EMPTY_FORM);
  const [errors, setErrors] = useState<Partial<Record<keyof PriceForm, string>>>({});
  const [status, setStatus] = useState<Status>(null);

  useEffect(() => {
    void loadPrices().then(({ prices: loaded, warning }) => {
      setPrices(loaded);
      if (warning) setStatus({ tone: 'error', message: warning });
    });
  }, []);

  const store = async (next: PriceTable, message: string) => {
    try {
      await savePrices(next);
      setPrices(next);
      setStatus({ tone: 'success', message });
      return true;
    } catch (error) {
      setStatus({ tone: 'error', message: t('options_prices_save_failed', String(error).slice(0, 200)) });
      return false;
    }
  };

  const save = () => {
    if (!prices) return;
    const parsed = parsePriceForm(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus({
        tone: 'error',
        message: t('options_prices_fix_fields'),
      });
      return;
    }
    setErrors({});
    const known = KNOWN_KEYS.has(parsed.key);
    void store(
      { ...prices, [parsed.key]: parsed.price },
      known ? t('options_prices_saved_known', parsed.key) : t('options_prices_saved_new', parsed.key),
    ).then((ok) => {
      if (ok) setForm(EMPTY_FORM);
    });
  };

  const remove = (key: string) => {
    if (!prices) return;
    const { [key]: _removed, ...rest } = prices;
    void store(
      rest,
      KNOWN_KEYS.has(key) ? t('options_prices_back_to_list', key) : t('options_prices_removed', key),
    );
  };

  const edit = (key: string, input: number, output: number) => {
    setErrors({});
    setForm({ model: key, input: String(input), output: String(output) });
  };

  const custom = prices ? Object.entries(prices).filter(([key]) => !KNOWN_KEYS.has(key)) : [];

  return (
    <section className="card" aria-labelledby="pricing-title" data-testid="pricing-section">
      <h2 id="pricing-title">{t('options_prices_title')}</h2>
      <p className="section-intro">{t('options_prices_intro')}</p>
      {prices === null ? (
        <p className="muted">{t('options_loading')}</p>
      ) : (
        <>
          <table className="price-table" data-testid="price-table">
            <thead>
              <tr>
                <th scope="col">{t('options_provider_model')}</th>
                <th scope="col">{t('options_prices_input_col')}</th>
                <th scope="col">{t('options_prices_output_col')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('options_prices_actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {HOSTED.map((fact) => {
                const key = fact.id.toLowerCase();
                const own = prices[key];
                const price = own ?? fact.price!;
                return (
                  <tr key={key} data-testid={`price-row-${key}`} data-source={own ? 'yours' : 'list'}>
                    <th scope="row">{fact.id}</th>
                    <td>{usd(price.input)}</td>
                    <td>{usd(price.output)}</td>
                    <td>
                      {own ? <span className="badge">{t('options_prices_yours')}</span> : null}{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => edit(key, price.input, price.output)}
                        data-testid={`price-edit-${key}`}
                      >
                        {t('options_edit')}
                      </button>
                      {own ? (
                        <>
                          {' '}
                          <button
                            type="button"
                            className="link"
                            onClick={() => remove(key)}
                            data-testid={`price-remove-${key}`}
                          >
                            {t('options_prices_use_list')}
                          </button>
                        </>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
              {custom.map(([key, price]) => (
                <tr key={key} data-testid={`price-row-${key}`} data-source="custom">
                  <th scope="row">{key}</th>
                  <td>{usd(price.input)}</td>
                  <td>{usd(price.output)}</td>
                  <td>
                    <span className="badge">{t('options_prices_added')}</span>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => edit(key, price.input, price.output)}
                      data-testid={`price-edit-${key}`}
                    >
                      {t('options_edit')}
                    </button>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => remove(key)}
                      data-testid={`price-remove-${key}`}
                    >
                      {t('options_remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>{t('options_prices_set')}</h3>
          <TextField
            id="price-model"
            label={t('options_prices_model_id')}
            value={form.model}
            onChange={(model) => setForm((f) => ({ ...f, model }))}
            testId="price-model"
            placeholder={EXAMPLE.model}
            hint={t('options_prices_model_hint')}
            error={errors.model}
          />
          <TextField
            id="price-input"
            label={t('options_prices_input')}
            value={form.input}
            onChange={(input) => setForm((f) => ({ ...f, input }))}
            testId="price-input"
            inputMode="text"
            placeholder={EXAMPLE.input}
            error={errors.input}
          />
          <TextField
            id="price-output"
            label={t('options_prices_output')}
            value={form.output}
            onChange={(output) => setForm((f) => ({ ...f, output }))}
            testId="price-output"
            inputMode="text"
            placeholder={EXAMPLE.output}
            error={errors.output}
          />
          <div className="actions">
            <button type="button" className="primary" onClick={save} data-testid="price-save">
              {t('options_prices_save')}
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() => void store({}, t('options_prices_reset_done'))}
              disabled={Object.keys(prices).length === 0}
              data-testid="price-reset-all"
            >
              {t('options_prices_reset')}
            </button>
          </div>
        </>
      )}
      <div className="status-area" aria-live="polite" data-testid="price-status">
        {status && (
          <div className={`status status-${status.tone}`} role={status.tone === 'error' ? 'alert' : 'status'}>
            {status.message}
          </div>
        )}
      </div>
    </section>
  );
}
