import { useState } from 'react';
import type { MeshModelView } from '../../../shared/api/mesh-contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import { api, errorInfoOf } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { useT } from '../../i18n/index.js';
import { useMeshStore } from '../../stores/meshStore.js';

const EMPTY = { factory: '', currency: 'TWD', unitPrice: '', moq: '', leadDays: '', notes: '' };

/** The quotes factories sent back for this model: a row each, added and removed here. */
export function QuotesTable({ model }: { model: MeshModelView }) {
  const t = useT();
  const updated = useMeshStore((s) => s.updated);
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const field = (name: keyof typeof EMPTY) => ({
    value: form[name],
    'data-testid': `mesh-quote-${name}`,
    'aria-label': t(`mesh.quote.${name}`),
    onChange: (e: { target: { value: string } }) => setForm({ ...form, [name]: e.target.value }),
  });

  async function add() {
    setError(null);
    try {
      await api().call('mesh.quoteAdd', {
        modelId: model.id,
        factory: form.factory,
        currency: form.currency.toUpperCase(),
        unitPrice: Number(form.unitPrice),
        moq: Number(form.moq),
        leadDays: Number(form.leadDays),
        notes: form.notes,
      });
      setForm(EMPTY);
      updated(model.id);
    } catch (err) {
      setError(errorInfoOf(err));
    }
  }

  return (
    <section className="card mesh-quotes" data-testid="mesh-quotes">
      <h2>{t('mesh.quotes.title')}</h2>
      <table className="table">
        <thead>
          <tr>
            <th>{t('mesh.quote.factory')}</th>
            <th>{t('mesh.quote.unitPrice')}</th>
            <th>{t('mesh.quote.moq')}</th>
            <th>{t('mesh.quote.leadDays')}</th>
            <th>{t('mesh.quote.notes')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {model.quotes.map((q) => (
            <tr key={q.id} data-testid="mesh-quote-row">
              <td>{q.factory}</td>
              <td>{q.currency === 'TWD' ? `NT$ ${q.unitPrice.toLocaleString()}` : `${q.currency} ${q.unitPrice.toLocaleString()}`}</td>
              <td>{q.moq.toLocaleString()}</td>
              <td>{t('mesh.quote.days', { days: q.leadDays })}</td>
              <td>{q.notes}</td>
              <td>
                <button type="button" className="btn btn--ghost btn--small" onClick={() => void api().call('mesh.quoteDelete', { id: q.id }).then(() => updated(model.id))}>
                  {t('mesh.quote.delete')}
                </button>
              </td>
            </tr>
          ))}
          <tr>
            <td>
              <input className="input" {...field('factory')} />
            </td>
            <td>
              <input className="input input--small" maxLength={3} {...field('currency')} />
              <input className="input input--small" type="number" min={0} {...field('unitPrice')} />
            </td>
            <td>
              <input className="input input--small" type="number" min={1} {...field('moq')} />
            </td>
            <td>
              <input className="input input--small" type="number" min={0} {...field('leadDays')} />
            </td>
            <td>
              <input className="input" {...field('notes')} />
            </td>
            <td>
              <button type="button" className="btn btn--small" data-testid="mesh-quote-add" disabled={!form.factory || !form.unitPrice || !form.moq || !form.leadDays} onClick={() => void add()}>
                {t('mesh.quote.add')}
              </button>
            </td>
          </tr>
        </tbody>
      </table>
      {error ? <ErrorText error={error} /> : null}
    </section>
  );
}
