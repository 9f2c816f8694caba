import { useState } from 'react';
import type { KolPostView } from '../../../shared/kol/post-record.js';
import { PLATFORM_LABELS } from '../../../shared/publish/platforms.js';
import { Dialog } from '../../components/Dialog.js';
import { useT } from '../../i18n/index.js';
import { fromLocalInput, toLocalInput } from '../../lib/calendar.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { nextHour, ScheduleField } from '../composer/ScheduleField.js';
import { schedulePost } from './reviewActions.js';

/** An approved post onto the calendar: one of its persona's accounts, at a time or the persona's next free slot. */
export function ScheduleDialog({ post, onClose }: { post: KolPostView; onClose: () => void }) {
  const t = useT();
  const { personas, accounts } = useKolPersonaStore();
  const persona = personas.find((p) => p.id === post.personaId);
  const own = accounts.filter((a) => persona?.accountIds.includes(a.id));
  const [accountId, setAccountId] = useState(own[0]?.id ?? '');
  const [mode, setMode] = useState<'slot' | 'at'>('slot');
  const [when, setWhen] = useState(() => toLocalInput(nextHour()));
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const at = fromLocalInput(when);
  const whenError = mode === 'at' && tried ? (at === null ? t('kol.review.scheduleNoTime') : at <= Date.now() ? t('kol.review.schedulePast') : null) : null;
  const chosen = own.find((a) => a.id === accountId);

  async function save() {
    setTried(true);
    if (!accountId || (mode === 'at' && (at === null || at <= Date.now()))) return;
    setBusy(true);
    const ok = await schedulePost(post.id, accountId, mode === 'at' ? at : null);
    setBusy(false);
    if (ok) onClose();
  }

  const footer = (
    <>
      <button type="button" className="btn btn--ghost" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="btn btn--primary" disabled={busy || !accountId} data-testid="review-schedule-save" onClick={() => void save()}>
        {t('kol.review.schedule')}
      </button>
    </>
  );

  return (
    <Dialog title={t('kol.review.scheduleTitle', { name: post.personaNickname })} onClose={onClose} testId="review-schedule-dialog" footer={footer}>
      {own.length === 0 ? (
        <p className="field__error" role="alert" data-testid="review-schedule-no-account">
          {t('kol.review.scheduleNoAccount')}
        </p>
      ) : (
        <div className="review-schedule">
          <label className="field">
            <span className="field__label">{t('kol.review.scheduleAccount')}</span>
            <select className="select" value={accountId} data-testid="review-schedule-account" onChange={(e) => setAccountId(e.target.value)}>
              {own.map((a) => (
                <option key={a.id} value={a.id}>
                  {PLATFORM_LABELS[a.platform]} · {a.displayName}
                  {a.usable ? '' : ` (${t('kol.review.accountUnusable')})`}
                </option>
              ))}
            </select>
          </label>
          <fieldset className="field">
            <legend className="field__label">{t('kol.review.scheduleWhen')}</legend>
            <label className="checkbox-field">
              <input type="radio" name="review-when" checked={mode === 'slot'} data-testid="review-schedule-slot" onChange={() => setMode('slot')} />
              {t('kol.review.nextSlot')}
            </label>
            <label className="checkbox-field">
              <input type="radio" name="review-when" checked={mode === 'at'} data-testid="review-schedule-at" onChange={() => setMode('at')} />
              {t('kol.review.atTime')}
            </label>
          </fieldset>
          {mode === 'at' ? <ScheduleField value={when} zones={chosen ? [chosen.timeZone] : []} onChange={setWhen} error={whenError} /> : null}
        </div>
      )}
    </Dialog>
  );
}
