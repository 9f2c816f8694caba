import { useState } from 'react';
import { DeliveryAddressSchema, type DeliveryAddress, type DeliveryView } from '../../../shared/boxes/delivery.js';
import type { OwnedItemView } from '../../../shared/boxes/wire.js';
import { api } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { TierBadge } from '../../components/TierBadge.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

type Field = keyof DeliveryAddress;
const FIELDS: { name: Field; label: MessageKey; wide?: boolean }[] = [
  { name: 'recipient_name', label: 'delivery.field.recipient' },
  { name: 'phone', label: 'delivery.field.phone' },
  { name: 'country', label: 'delivery.field.country' },
  { name: 'region', label: 'delivery.field.region' },
  { name: 'city', label: 'delivery.field.city' },
  { name: 'postal_code', label: 'delivery.field.postal' },
  { name: 'line1', label: 'delivery.field.line1', wide: true },
  { name: 'line2', label: 'delivery.field.line2', wide: true },
];
const EMPTY: DeliveryAddress = { recipient_name: '', phone: '', country: 'TW', region: '', city: '', postal_code: '', line1: '', line2: '' };

/** "Request delivery" of a physical figure: the address, checked with the same zod schema the cloud uses. */
export function DeliveryDialog({ item, onClose, onRequested }: { item: OwnedItemView; onClose: () => void; onRequested: (d: DeliveryView) => void }) {
  const t = useT();
  // One request id for this dialog: a retried submit asks once.
  const [requestId] = useState(() => crypto.randomUUID());
  const [address, setAddress] = useState<DeliveryAddress>(EMPTY);
  const [tried, setTried] = useState(false);
  const action = useAction();
  const parsed = DeliveryAddressSchema.safeParse(address);
  const invalid = new Set(parsed.success ? [] : parsed.error.issues.map((i) => String(i.path[0])));

  async function submit() {
    setTried(true);
    if (!parsed.success) return;
    const d = await action.run(() => api().call('boxes.requestDelivery', { ownedId: item.id, requestId, address: parsed.data }));
    if (d) onRequested(d);
  }

  return (
    <Dialog
      title={t('delivery.title', { name: item.item_name })}
      onClose={onClose}
      testId="delivery-dialog"
      footer={
        <>
          <button type="button" className="btn btn--ghost" data-testid="delivery-cancel" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="button" className="btn btn--primary" data-testid="delivery-submit" disabled={action.busy} onClick={() => void submit()}>
            {t('delivery.request')}
          </button>
        </>
      }
    >
      <p>
        <TierBadge tier={item.tier} /> {item.item_name} · {item.series_title}
      </p>
      <div className="field-grid">
        {FIELDS.map((f) => (
          <label key={f.name} className="field" style={f.wide ? { gridColumn: '1 / -1' } : undefined}>
            <span className="field__label">{t(f.label)}</span>
            <input
              className={tried && invalid.has(f.name) ? 'input input--invalid' : 'input'}
              data-testid={`delivery-${f.name}`}
              aria-invalid={tried && invalid.has(f.name)}
              value={address[f.name]}
              onChange={(e) => setAddress({ ...address, [f.name]: f.name === 'country' ? e.target.value.toUpperCase() : e.target.value })}
            />
          </label>
        ))}
      </div>
      {tried && !parsed.success ? <p className="field__error" data-testid="delivery-invalid">{t('delivery.invalid')}</p> : null}
      <p className="muted">{t('delivery.help')}</p>
      {action.error ? <FormError error={action.error} title={t('delivery.failed')} testId="delivery-error" /> : null}
    </Dialog>
  );
}
