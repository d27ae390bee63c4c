import { useEffect, useState } from 'react';
import { MODEL_FACTS } from '@/utils/llm/model-facts';
import { loadPrices, type PriceForm, type PriceTable, parsePriceForm, savePrices } from '@/utils/llm/prices';
import { TextField } from './TextField';

// "Model prices": what the cost under each summary and draft is computed with. The known list prices are shown;
// the agent can change any (their contract may differ), add a model Deskmate does not know, and go back to the
// list prices. Validated field by field (utils/llm/prices.ts); nothing invalid is stored, nothing typed is lost.

type Status = { tone: 'success' | 'error'; message: string } | null;

const EMPTY_FORM: PriceForm = { model: '', input: '', output: '' };
const HOSTED = MODEL_FACTS.filter((f) => !f.local && f.price);
const KNOWN_KEYS = new Set(MODEL_FACTS.map((f) => f.id.toLowerCase()));

const usd = (n: number) => `$${n}`;

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
      setStatus({ tone: 'error', message: `Could not save the prices: ${String(error).slice(0, 200)}` });
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
        message: 'Not saved: correct the fields marked below. Your input is kept.',
      });
      return;
    }
    setErrors({});
    const known = KNOWN_KEYS.has(parsed.key);
    void store(
      { ...prices, [parsed.key]: parsed.price },
      known
        ? `Saved. ${parsed.key} is priced at your rate from now on.`
        : `Saved. ${parsed.key} now has a price; costs are shown for it.`,
    ).then((ok) => {
      if (ok) setForm(EMPTY_FORM);
    });
  };

  const remove = (key: string) => {
    if (!prices) return;
    const { [key]: _removed, ...rest } = prices;
    void store(
      rest,
      KNOWN_KEYS.has(key) ? `${key} is back to its list price.` : `Removed the price for ${key}.`,
    );
  };

  const edit = (key: string, input: number, output: number) => {
    setErrors({});
    setForm({ model: key, input: String(input), output: String(output) });
  };

  const custom = prices ? Object.entries(prices).filter(([key]) => !KNOWN_KEYS.has(key)) : [];

  return (
    <section className="card" aria-labelledby="pricing-title" data-testid="pricing-section">
      <h2 id="pricing-title">Model prices</h2>
      <p className="section-intro">
        Deskmate shows an estimated cost under each summary and draft, from these prices in US dollars per
        million tokens (list prices; change any to match your contract). Local models (Ollama) cost nothing.
      </p>
      {prices === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <table className="price-table" data-testid="price-table">
            <thead>
              <tr>
                <th scope="col">Model</th>
                <th scope="col">Input / 1M</th>
                <th scope="col">Output / 1M</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
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
                      {own ? <span className="badge">your price</span> : null}{' '}
                      <button
                        type="button"
                        className="link"
                        onClick={() => edit(key, price.input, price.output)}
                        data-testid={`price-edit-${key}`}
                      >
                        Edit
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
                            Use list price
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
                    <span className="badge">added by you</span>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => edit(key, price.input, price.output)}
                      data-testid={`price-edit-${key}`}
                    >
                      Edit
                    </button>{' '}
                    <button
                      type="button"
                      className="link"
                      onClick={() => remove(key)}
                      data-testid={`price-remove-${key}`}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>

          <h3>Set a price</h3>
          <TextField
            id="price-model"
            label="Model id"
            value={form.model}
            onChange={(model) => setForm((f) => ({ ...f, model }))}
            testId="price-model"
            placeholder="gpt-4o-mini"
            hint="As your provider names it (a dated id like gpt-4o-mini-2024-07-18 uses its family's price)."
            error={errors.model}
          />
          <TextField
            id="price-input"
            label="Input (prompt), USD per 1M tokens"
            value={form.input}
            onChange={(input) => setForm((f) => ({ ...f, input }))}
            testId="price-input"
            inputMode="text"
            placeholder="0.15"
            error={errors.input}
          />
          <TextField
            id="price-output"
            label="Output (answer), USD per 1M tokens"
            value={form.output}
            onChange={(output) => setForm((f) => ({ ...f, output }))}
            testId="price-output"
            inputMode="text"
            placeholder="0.60"
            error={errors.output}
          />
          <div className="actions">
            <button type="button" className="primary" onClick={save} data-testid="price-save">
              Save price
            </button>
            <button
              type="button"
              className="secondary"
              onClick={() =>
                void store({}, 'All prices are back to the list prices; your added models were removed.')
              }
              disabled={Object.keys(prices).length === 0}
              data-testid="price-reset-all"
            >
              Reset to list prices
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
