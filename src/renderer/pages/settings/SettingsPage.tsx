import { useEffect, useRef, useState } from 'react';
import { RETENTION_KINDS, type RetentionKind, type Settings } from '../../../shared/settings.js';
import { QUEUES } from '../../../shared/jobs/queues.js';
import { errorInfoOf } from '../../api/index.js';
import { ErrorPanel } from '../../components/ErrorPanel.js';
import { queueKey } from '../../components/JobCard.js';
import { LanguageSelect } from '../../components/LanguageSelect.js';
import { PageHeader } from '../../components/PageHeader.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { t as translate, useT, type MessageKey } from '../../i18n/index.js';
import { useSettingsStore } from '../../stores/settingsStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { NumberField } from './NumberField.js';
import { ProvidersSection } from './ProvidersSection.js';
import { draftOf, LIMITS, patchOf, type SettingsDraft } from './settingsForm.js';

const RETENTION_KEYS: Record<RetentionKind, MessageKey> = {
  shortVideo: 'settings.retention.shortVideo',
  socialImage: 'settings.retention.socialImage',
  blogImage: 'settings.retention.blogImage',
  scheduledMedia: 'settings.retention.scheduledMedia',
};

export function SettingsPage() {
  const t = useT();
  const { settings, appInfo, error, load, update } = useSettingsStore();
  const [draft, setDraft] = useState<SettingsDraft | null>(null);
  const [saving, setSaving] = useState(false);
  const baseRef = useRef<Settings | null>(null);

  useEffect(() => {
    void load();
  }, [load]);

  // Follow main's settings (saves, other windows, a language switch) unless the user is mid-edit.
  useEffect(() => {
    if (!settings) return;
    const base = baseRef.current;
    setDraft((current) => {
      if (current === null) return draftOf(settings);
      const pristine = base !== null && JSON.stringify(current) === JSON.stringify(draftOf(base));
      return pristine ? draftOf(settings) : current;
    });
    baseRef.current = settings;
  }, [settings]);

  if (error && !settings) {
    return (
      <section className="page" data-testid="page-settings">
        <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
        <ErrorPanel error={error} onRetry={() => void load()} />
      </section>
    );
  }

  const patch = settings && draft ? patchOf(settings, draft) : null;
  const dirty = patch !== null && Object.keys(patch).length > 0;
  const invalid = settings !== null && draft !== null && patch === null;

  async function save() {
    if (!patch) return;
    setSaving(true);
    try {
      await update(patch);
      toastSuccess(translate('settings.saved'));
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="page" data-testid="page-settings">
      <PageHeader title={t('settings.title')} subtitle={t('settings.subtitle')} />
      <div className="settings">
        <section className="card">
          <h2 className="card__title">{t('settings.general')}</h2>
          <div className="field">
            <label htmlFor="settings-language" className="field__label">
              {t('language.label')}
            </label>
            <LanguageSelect id="settings-language" testId="settings-language" />
          </div>
          {appInfo ? (
            <dl className="meta-list">
              <div className="meta-list__row">
                <dt>{t('settings.dataFolder')}</dt>
                <dd>
                  <code data-testid="settings-data-dir">{appInfo.dataDir}</code>
                </dd>
              </div>
              <div className="meta-list__row">
                <dt>{t('settings.libraryFolder')}</dt>
                <dd>
                  <code>{appInfo.libraryDir}</code>
                </dd>
              </div>
              <div className="meta-list__row">
                <dt>{t('settings.version')}</dt>
                <dd>{appInfo.version}</dd>
              </div>
            </dl>
          ) : (
            <SkeletonRows rows={3} testId="settings-loading" />
          )}
        </section>

        <ProvidersSection />

        {settings && draft ? (
          <form
            className="settings__form"
            onSubmit={(event) => {
              event.preventDefault();
              void save();
            }}
          >
            <section className="card">
              <h2 className="card__title">{t('settings.concurrency')}</h2>
              <p className="muted">{t('settings.concurrencyHelp')}</p>
              <div className="field-grid">
                {QUEUES.map((queue) => (
                  <NumberField
                    key={queue}
                    label={t(queueKey(queue))}
                    value={draft.concurrency[queue]}
                    {...LIMITS.concurrency}
                    testId={`settings-concurrency-${queue}`}
                    onChange={(value) => setDraft({ ...draft, concurrency: { ...draft.concurrency, [queue]: value } })}
                  />
                ))}
              </div>
            </section>
            <section className="card">
              <h2 className="card__title">{t('settings.retention')}</h2>
              <p className="muted">{t('settings.retentionHelp')}</p>
              <div className="field-grid">
                {RETENTION_KINDS.map((kind) => (
                  <NumberField
                    key={kind}
                    label={t(RETENTION_KEYS[kind])}
                    value={draft.retentionDays[kind]}
                    {...LIMITS.retentionDays}
                    testId={`settings-retention-${kind}`}
                    onChange={(value) => setDraft({ ...draft, retentionDays: { ...draft.retentionDays, [kind]: value } })}
                  />
                ))}
              </div>
            </section>
            <section className="card">
              <h2 className="card__title">{t('settings.memory')}</h2>
              <p className="muted">{t('settings.memoryHelp')}</p>
              <div className="field-grid">
                <NumberField
                  label={t('settings.memory')}
                  value={draft.minFreeMemoryMb}
                  {...LIMITS.minFreeMemoryMb}
                  testId="settings-memory"
                  onChange={(value) => setDraft({ ...draft, minFreeMemoryMb: value })}
                />
              </div>
            </section>
            <div className="settings__actions">
              <button type="button" className="btn btn--ghost" disabled={!dirty && !invalid} data-testid="settings-discard" onClick={() => setDraft(draftOf(settings))}>
                {t('settings.discard')}
              </button>
              <button type="submit" className="btn btn--primary" disabled={!dirty || saving} data-testid="settings-save">
                {saving ? t('common.saving') : t('common.save')}
              </button>
            </div>
          </form>
        ) : (
          <div className="card">
            <SkeletonRows rows={5} />
          </div>
        )}
      </div>
    </section>
  );
}
