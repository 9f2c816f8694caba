import { useId, useState, type FormEvent } from 'react';
import type { VerificationView } from '../../../shared/partners.js';
import { api } from '../../api/index.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { isTaiwanId } from '../../lib/nationalId.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { TextField } from '../account/TextField.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';

const MAX_BYTES = 5 * 1024 * 1024;
const TYPES = ['image/jpeg', 'image/png', 'application/pdf'];

/** A real YYYY-MM-DD day before today (what the cloud and the contract accept). */
function isPastDate(d: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || d < '1900-01-01') return false;
  const at = Date.parse(`${d}T00:00:00Z`);
  return Number.isFinite(at) && new Date(at).toISOString().slice(0, 10) === d && at < Date.now();
}

const STATUS_BADGE = { pending: 'badge--running', approved: 'badge--succeeded', rejected: 'badge--failed' } as const;

/** Identity: national ID, name and a photo of the card, sent for an admin's review; the decision and its note. */
export function IdentityCard({ v, onChange }: { v: VerificationView; onChange: (v: VerificationView) => void }) {
  const t = useT();
  const language = useLanguage();
  const fileId = useId();
  const [nationalId, setNationalId] = useState('');
  const [fullName, setFullName] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<{ nationalId?: string; fullName?: string; birthDate?: string; file?: string }>({});
  const action = useAction();
  const identity = v.identity;
  const canSubmit = !identity || identity.status === 'rejected';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found: typeof errors = {};
    if (!isTaiwanId(nationalId)) found.nationalId = t('profile.identity.nationalId.err');
    if (!fullName.trim()) found.fullName = t('profile.identity.fullName.err');
    if (!isPastDate(birthDate)) found.birthDate = t('profile.identity.birthDate.err');
    if (!file || !TYPES.includes(file.type)) found.file = t('profile.identity.document.err');
    else if (file.size > MAX_BYTES) found.file = t('profile.identity.document.tooLarge');
    setErrors(found);
    if (Object.keys(found).length > 0 || !file) return;
    const next = await action.run(async () => {
      const path = await api().stageFile(file);
      const doc = await api().call('profile.uploadDocument', { path });
      return api().call('profile.submitIdentity', { nationalId: nationalId.trim().toUpperCase(), fullName: fullName.trim(), documentId: doc.documentId, birthDate });
    });
    if (next) {
      toastSuccess(translate('profile.identity.done'));
      onChange(next);
    }
  }

  return (
    <section className="card" data-testid="profile-identity">
      <h2 className="card__title">
        {t('profile.identity.title')}
        {identity ? (
          <span className={`badge ${STATUS_BADGE[identity.status]}`} data-testid="identity-status" data-status={identity.status}>
            {t(`profile.identity.status.${identity.status}`)}
          </span>
        ) : (
          <span className="badge badge--queued" data-testid="identity-status" data-status="none">
            {t('profile.notVerified')}
          </span>
        )}
      </h2>
      {identity ? (
        <div className="identity-state">
          <p>
            {identity.fullName} · <span className="mono">{identity.nationalId}</span>
          </p>
          <p className="muted">{t('profile.identity.submitted', { date: formatDateTime(identity.createdAt, language) })}</p>
          {identity.note ? <p data-testid="identity-note">{t('profile.identity.note', { note: identity.note })}</p> : null}
          {identity.status === 'rejected' ? <p className="muted">{t('profile.identity.again')}</p> : null}
        </div>
      ) : null}
      {canSubmit ? (
        <form noValidate onSubmit={(e) => void submit(e)} data-testid="identity-form">
          <TextField label={t('profile.identity.nationalId')} value={nationalId} testId="identity-national-id" maxLength={10} error={errors.nationalId} help={t('profile.identity.nationalId.help')} onChange={setNationalId} />
          <TextField label={t('profile.identity.fullName')} value={fullName} testId="identity-full-name" autoComplete="name" error={errors.fullName} onChange={setFullName} />
          <TextField
            label={t('profile.identity.birthDate')}
            value={birthDate}
            type="date"
            testId="identity-birth-date"
            autoComplete="bday"
            error={errors.birthDate}
            help={t('profile.identity.birthDate.help')}
            onChange={setBirthDate}
          />
          <div className="field">
            <label className="field__label" htmlFor={fileId}>
              {t('profile.identity.document')}
            </label>
            <input
              id={fileId}
              className="input"
              type="file"
              accept={TYPES.join(',')}
              data-testid="identity-document"
              aria-invalid={errors.file ? true : undefined}
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
            {errors.file ? <span className="field__error">{errors.file}</span> : <span className="muted field__help">{t('profile.identity.document.help')}</span>}
          </div>
          {action.error ? <FormError error={action.error} title={t('profile.identity.failed')} testId="identity-error" /> : null}
          <button type="submit" className="btn btn--primary" disabled={action.busy} data-testid="identity-submit">
            {action.busy ? t('profile.identity.submitting') : t('profile.identity.submit')}
          </button>
        </form>
      ) : null}
    </section>
  );
}
