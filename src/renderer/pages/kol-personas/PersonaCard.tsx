import { toneById } from '../../../shared/generate/tones.js';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useLanguage, useT } from '../../i18n/index.js';
import { formatDateTime } from '../../lib/format.js';
import { confirm } from '../../stores/confirmStore.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';

async function archivePersona(persona: PersonaView): Promise<void> {
  const ok = await confirm({
    title: translate('kol.personas.archive.title', { name: persona.nickname }),
    body: translate('kol.personas.archive.body'),
    confirmLabel: translate('kol.personas.archive.confirm'),
    danger: true,
  });
  if (!ok) return;
  try {
    await api().call('kol.personas.archive', { id: persona.id });
    useKolPersonaStore.getState().removed(persona.id);
    toastSuccess(translate('kol.personas.archived', { name: persona.nickname }));
  } catch (err) {
    toastError(errorInfoOf(err), translate('kol.personas.archiveFailed'));
  }
}

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="persona-card__stat">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** One persona: its voice in a line, its accounts, its statistics, and Edit / Archive. */
export function PersonaCard({ persona, onEdit }: { persona: PersonaView; onEdit: () => void }) {
  const t = useT();
  const language = useLanguage();
  const s = persona.stats;
  return (
    <article className="card persona-card" data-testid="persona-card" data-persona-id={persona.id} aria-labelledby={`persona-${persona.id}`}>
      <header className="persona-card__head">
        <div>
          <h3 className="card__title" id={`persona-${persona.id}`}>
            {persona.nickname}
          </h3>
          <p className="muted small">
            {toneById(persona.tone.tone).label[language]} · {t('kol.personas.accountCount', { count: persona.accountIds.length })}
            {persona.autoApprove ? ` · ${t('kol.personas.autoApproveOn')}` : ''}
          </p>
        </div>
        <div className="persona-card__actions">
          <button type="button" className="btn btn--ghost btn--small" data-testid="persona-edit" onClick={onEdit}>
            {t('kol.personas.edit')}
          </button>
          <button type="button" className="btn btn--ghost btn--small" aria-label={t('kol.personas.archive.label', { name: persona.nickname })} data-testid="persona-archive" onClick={() => void archivePersona(persona)}>
            <Icon name="trash" size={14} />
          </button>
        </div>
      </header>
      <p className="persona-card__persona">{persona.persona}</p>
      {persona.expertiseAreas.length > 0 ? (
        <ul className="chips-input__list" aria-label={t('kol.personas.field.expertise')}>
          {persona.expertiseAreas.map((area) => (
            <li key={area} className="chip">
              {area}
            </li>
          ))}
        </ul>
      ) : null}
      <dl className="persona-card__stats">
        <Stat label={t('kol.personas.stats.posts')} value={String(s.posts)} testId="persona-stat-posts" />
        <Stat label={t('kol.personas.stats.pending')} value={String(s.pendingReview)} testId="persona-stat-pending" />
        <Stat label={t('kol.personas.stats.published')} value={String(s.published)} testId="persona-stat-published" />
        <Stat label={t('kol.personas.stats.failed')} value={String(s.failed)} testId="persona-stat-failed" />
        <Stat label={t('kol.personas.stats.engagement')} value={s.meanEngagement === null ? t('common.none') : s.meanEngagement.toFixed(1)} testId="persona-stat-engagement" />
        <Stat label={t('kol.personas.stats.lastPublished')} value={s.lastPublishedAt === null ? t('common.none') : formatDateTime(s.lastPublishedAt, language)} testId="persona-stat-last" />
      </dl>
    </article>
  );
}
