import type { PhotoUploadView } from '../../../shared/api/photo-contract.js';
import { api } from '../../api/index.js';
import { ErrorText } from '../../components/ErrorText.js';
import { Icon } from '../../components/Icon.js';
import { useNow } from '../../hooks/useNow.js';
import { useT } from '../../i18n/index.js';
import { formatDuration } from '../../lib/format.js';
import { keyText } from './photoText.js';
import { blockingIssues, isUsableFor, type PhotoTool } from './toolRules.js';

/** A file on its way: staged and being checked, or refused before or by main. */
export interface PendingUpload {
  key: string;
  name: string;
  /** Why it went no further, already in the user's words; null while it is still being checked. */
  problem: string | null;
}

function UploadStatus({ upload, tool, testId }: { upload: PhotoUploadView; tool: PhotoTool; testId: string }) {
  const t = useT();
  if (upload.status === 'checking') return <p className="photo-upload__status">{t('photo.upload.checking')}</p>;
  if (isUsableFor(upload, tool)) {
    return (
      <p className="photo-upload__status photo-upload__status--ok" data-testid={`${testId}-ok`}>
        <Icon name="check" size={14} /> {t('photo.upload.ok')}
      </p>
    );
  }
  if (upload.error) return <ErrorText error={upload.error} />;
  return (
    <ul className="photo-upload__issues" data-testid={`${testId}-issues`}>
      {blockingIssues(upload, tool).map((issue) => {
        const { text, hint } = keyText(issue.key, issue.params, t);
        return (
          <li key={issue.problem} data-problem={issue.problem}>
            {text ?? issue.problem}
            {hint ? <span className="photo-upload__hint">{hint}</span> : null}
          </li>
        );
      })}
    </ul>
  );
}

/** The time left before the original is deleted (24 h after upload), ticking each minute. */
function Countdown({ upload }: { upload: PhotoUploadView }) {
  const t = useT();
  const now = useNow(upload.deletedAt === null, 60_000);
  if (upload.deletedAt !== null || upload.status === 'deleted') return <span className="photo-upload__timer">{t('photo.upload.deleted')}</span>;
  // Round up to the minute: "0s" while the original still exists would read as already gone.
  const left = Math.max(60_000, Math.ceil((upload.expiresAt - now) / 60_000) * 60_000);
  return (
    <span className="photo-upload__timer" data-testid="photo-upload-countdown">
      {t('photo.upload.deletesIn', { time: formatDuration(left, t) })}
    </span>
  );
}

/** The photos a tool holds, each with its check result (or what is wrong and how to retake it) and its deletion countdown. */
export function UploadList({ uploads, pending, tool, onRemove, testId }: { uploads: PhotoUploadView[]; pending: PendingUpload[]; tool: PhotoTool; onRemove: (id: string) => void; testId: string }) {
  const t = useT();
  if (uploads.length === 0 && pending.length === 0) return null;
  return (
    <ul className="photo-uploads" aria-label={t('photo.upload.list')} data-testid={`${testId}-list`}>
      {uploads.map((u) => {
        const itemId = `${testId}-item-${u.id}`;
        const bad = u.status !== 'checking' && !isUsableFor(u, tool);
        return (
          <li key={u.id} className={bad ? 'photo-upload photo-upload--bad' : 'photo-upload'} data-testid={`${testId}-item`} data-status={u.status} data-usable={isUsableFor(u, tool)} data-upload-id={u.id}>
            {u.preview ? <img className="photo-upload__img" src={api().mediaUrl(u.preview)} alt={u.name} /> : null}
            <div className="photo-upload__head">
              <span className="photo-upload__name" title={u.name}>
                {u.name}
              </span>
              <button type="button" className="btn btn--ghost btn--small" aria-label={t('photo.upload.remove', { name: u.name })} data-testid={`${testId}-remove`} onClick={() => onRemove(u.id)}>
                <Icon name="trash" size={14} />
              </button>
            </div>
            <div aria-live="polite">
              <UploadStatus upload={u} tool={tool} testId={itemId} />
            </div>
            <Countdown upload={u} />
          </li>
        );
      })}
      {pending.map((p) => (
        <li key={p.key} className={p.problem ? 'photo-upload photo-upload--bad' : 'photo-upload'} data-testid={`${testId}-pending`} aria-busy={p.problem ? undefined : true}>
          <div className="photo-upload__head">
            <span className="photo-upload__name" title={p.name}>
              {p.name}
            </span>
          </div>
          <p className={p.problem ? 'photo-upload__status photo-upload__status--bad' : 'photo-upload__status'} role={p.problem ? 'alert' : undefined}>
            {p.problem ?? t('photo.upload.checking')}
          </p>
        </li>
      ))}
    </ul>
  );
}
