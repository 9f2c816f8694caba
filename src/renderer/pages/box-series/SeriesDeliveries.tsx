import { useState } from 'react';
import { ShipmentSchema, type DeliveryView } from '../../../shared/boxes/delivery.js';
import { api } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction, useLoad } from '../partners/useCall.js';

/** A requested delivery's "mark shipped" form: carrier and tracking number, checked with the cloud's schema. */
function ShipForm({ delivery, busy, onShip, onCancel }: { delivery: DeliveryView; busy: boolean; onShip: (carrier: string, tracking: string) => void; onCancel: () => void }) {
  const t = useT();
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const valid = ShipmentSchema.safeParse({ carrier, tracking_number: tracking }).success;
  return (
    <div style={{ display: 'flex', gap: 6, flexWrap: 'wrap' }}>
      <input className="input" placeholder={t('delivery.carrier')} aria-label={t('delivery.carrier')} data-testid="ship-carrier" value={carrier} onChange={(e) => setCarrier(e.target.value)} />
      <input className={tracking && !valid ? 'input input--invalid' : 'input'} placeholder={t('delivery.tracking')} aria-label={t('delivery.tracking')} data-testid="ship-tracking" value={tracking} onChange={(e) => setTracking(e.target.value)} />
      <button type="button" className="btn btn--primary btn--small" data-testid="ship-submit" data-delivery-id={delivery.id} disabled={!valid || busy} onClick={() => onShip(carrier.trim(), tracking.trim())}>
        {t('delivery.ship')}
      </button>
      <button type="button" className="btn btn--ghost btn--small" data-testid="ship-cancel-delivery" disabled={busy} onClick={onCancel}>
        {t('delivery.cancel')}
      </button>
    </div>
  );
}

/** The creator's deliveries of one series: who asked, where to ship, and the step to take (mark shipped, or cancel). */
export function SeriesDeliveries({ seriesId }: { seriesId: string }) {
  const t = useT();
  const language = useLanguage();
  const list = useLoad(() => api().call('boxes.seriesDeliveries', { seriesId }));
  const action = useAction();

  async function ship(d: DeliveryView, carrier: string, tracking: string) {
    const done = await action.run(() => api().call('boxes.shipDelivery', { deliveryId: d.id, shipment: { carrier, tracking_number: tracking } }));
    if (!done) return;
    toastSuccess(translate('delivery.ship.done'));
    await list.reload();
  }

  async function cancel(d: DeliveryView) {
    const done = await action.run(() => api().call('boxes.cancelDelivery', { deliveryId: d.id }));
    if (!done) return;
    toastSuccess(translate('delivery.cancel.done'));
    await list.reload();
  }

  const rows = list.data;
  return (
    <div data-testid="series-deliveries">
      <h3>{t('delivery.creator.title')}</h3>
      {list.error && !rows ? <ErrorPanel error={list.error} onRetry={() => void list.reload()} testId="series-deliveries-error" /> : null}
      {rows && rows.length === 0 ? <p className="muted">{t('delivery.creator.empty')}</p> : null}
      {rows && rows.length > 0 ? (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th>{t('delivery.col.item')}</th>
                <th>{t('delivery.col.buyer')}</th>
                <th>{t('delivery.col.address')}</th>
                <th>{t('delivery.col.status')}</th>
                <th>{t('delivery.col.when')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.id} data-testid="series-delivery" data-delivery-id={d.id} data-status={d.status}>
                  <td>{d.item_name}</td>
                  <td>{d.buyer}</td>
                  <td>
                    {d.address.recipient_name} · {d.address.phone}
                    <div className="muted">
                      {[d.address.postal_code, d.address.country, d.address.region, d.address.city, d.address.line1, d.address.line2].filter((x) => x !== '').join(' ')}
                    </div>
                  </td>
                  <td>
                    {t(`delivery.status.${d.status}`)}
                    {d.carrier ? <div className="mono muted">{`${d.carrier} ${d.tracking_number ?? ''}`}</div> : null}
                    {d.status === 'requested' ? <ShipForm delivery={d} busy={action.busy} onShip={(c, tr) => void ship(d, c, tr)} onCancel={() => void cancel(d)} /> : null}
                  </td>
                  <td>{formatDateTime(d.requested_at, language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {action.error ? <FormError error={action.error} title={t('delivery.actionFailed')} testId="series-deliveries-action-error" /> : null}
    </div>
  );
}
