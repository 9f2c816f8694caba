import { useEffect } from 'react';
import type { DeliveryView } from '../../../shared/boxes/delivery.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction, useLoad } from '../partners/useCall.js';

/** The buyer's deliveries (`version` goes up when the collection asks for one): status, carrier and tracking number; confirm a shipped one arrived, cancel one not yet shipped. */
export function MyDeliveries({ version, onChange }: { version: number; onChange: () => void }) {
  const t = useT();
  const language = useLanguage();
  const list = useLoad(() => api().call('boxes.deliveries', {}));
  const action = useAction();
  const shown = list.data;
  const { reload } = list;
  // A delivery requested from the collection above: read the list again.
  useEffect(() => {
    if (version > 0) void reload();
  }, [version, reload]);

  async function change(d: DeliveryView, kind: 'received' | 'cancel') {
    const done = await action.run(() => api().call(kind === 'received' ? 'boxes.deliveryReceived' : 'boxes.cancelDelivery', { deliveryId: d.id }));
    if (!done) return;
    toastSuccess(translate(kind === 'received' ? 'delivery.received.done' : 'delivery.cancel.done'));
    await list.reload();
    onChange();
  }

  return (
    <section className="card card--full" data-testid="my-deliveries">
      <h2 className="card__title">{t('delivery.mine.title')}</h2>
      {list.error && !shown ? <ErrorPanel error={list.error} onRetry={() => void list.reload()} testId="my-deliveries-error" /> : null}
      {shown && shown.length === 0 ? <p className="muted" data-testid="my-deliveries-empty">{t('delivery.mine.empty')}</p> : null}
      {shown && shown.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('delivery.col.item')}</th>
                <th>{t('delivery.col.status')}</th>
                <th>{t('delivery.col.tracking')}</th>
                <th>{t('delivery.col.when')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {shown.map((d) => (
                <tr key={d.id} data-testid="my-delivery" data-delivery-id={d.id} data-status={d.status}>
                  <td>
                    {d.item_name} <span className="muted">· {d.series_title}</span>
                  </td>
                  <td>{t(`delivery.status.${d.status}`)}</td>
                  <td className="mono">{d.carrier ? `${d.carrier} ${d.tracking_number ?? ''}` : '—'}</td>
                  <td>{formatDateTime(d.requested_at, language)}</td>
                  <td>
                    {d.status === 'shipped' ? (
                      <button type="button" className="btn btn--primary btn--small" data-testid="delivery-received" disabled={action.busy} onClick={() => void change(d, 'received')}>
                        {t('delivery.received')}
                      </button>
                    ) : null}
                    {d.status === 'requested' ? (
                      <button type="button" className="btn btn--ghost btn--small" data-testid="delivery-cancel-request" disabled={action.busy} onClick={() => void change(d, 'cancel')}>
                        {t('delivery.cancel')}
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action.error ? <FormError error={action.error} title={t('delivery.actionFailed')} testId="my-deliveries-action-error" /> : null}
    </section>
  );
}
