import { useEffect, useId, useState } from 'react';
import type { PostCheck } from '../../../shared/api/publish-contract.js';
import type { PublishPlatform } from '../../../shared/publish/platforms.js';
import type { MissedPolicy, OutboxPostView } from '../../../shared/publish/post.js';
import { api } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { Icon } from '../../components/Icon.js';
import { SkeletonRows } from '../../components/Skeleton.js';
import { useT } from '../../i18n/index.js';
import { fromLocalInput, toLocalInput } from '../../lib/calendar.js';
import { useComposerStore, type ComposerMedia, type ComposerSeed } from '../../stores/composerStore.js';
import { useSchedulerStore } from '../../stores/schedulerStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { useAction } from '../partners/useCall.js';
import { AccountPicker } from './AccountPicker.js';
import { emptyDraft, limitsFor, platformsOf, requestOf, type ComposerDraft } from './composerModel.js';
import { MediaPicker, MediaStrip } from './MediaPicker.js';
import { PlatformTab, PlatformTabs } from './PlatformTab.js';
import { MissedPolicyField, nextHour, ScheduleField } from './ScheduleField.js';

type SaveAction = 'draft' | 'schedule' | 'now';

function initialDraft(seed: ComposerSeed): ComposerDraft {
  const editing = seed.editing;
  const draft = { ...emptyDraft(), text: seed.text ?? '', media: seed.media ?? [] };
  if (!editing) return draft;
  const title = editing.payload.title ?? '';
  return { ...draft, options: editing.payload.options, overrides: title ? { [editing.platform]: { title } } : {} };
}

/** Saves an edited post: its content, then its time or "publish now" (what the outbox does with each is its own rule). */
async function saveEdit(post: OutboxPostView, draft: ComposerDraft, action: SaveAction, at: number | null, missedPolicy: MissedPolicy | null): Promise<OutboxPostView> {
  const { content, perPlatform } = requestOf(draft, [post.platform]);
  let saved = await api().call('publish.update', { id: post.id, content: perPlatform[post.platform] ?? content, ...(action === 'schedule' ? { scheduledAt: at } : {}), ...(missedPolicy ? { missedPolicy } : {}) });
  if (action === 'now') saved = await api().call('publish.now', { id: post.id });
  else if (action === 'schedule' && at !== null && saved.state !== 'scheduled') saved = await api().call('publish.reschedule', { id: post.id, scheduledAt: at });
  return saved;
}

/**
 * The Composer: one post written once for many accounts, with each platform's
 * limits live in its tab, media from the library, and Schedule / Publish now /
 * Save draft. Main checks the post again (publish.check) before saving it.
 */
export function ComposerDialog({ seed }: { seed: ComposerSeed }) {
  const t = useT();
  const panelId = useId();
  const close = useComposerStore((s) => s.close);
  const accounts = useSchedulerStore((s) => s.accounts);
  const editing = seed.editing ?? null;
  const [accountIds, setAccountIds] = useState<string[]>(seed.accountIds ?? []);
  const [draft, setDraft] = useState<ComposerDraft>(() => initialDraft(seed));
  const [tab, setTab] = useState<PublishPlatform | null>(null);
  const [picking, setPicking] = useState(false);
  const [when, setWhen] = useState(toLocalInput(seed.scheduledAt ?? nextHour()));
  const [whenError, setWhenError] = useState<string | null>(null);
  const [missedPolicy, setMissedPolicy] = useState<MissedPolicy | null>(seed.editing?.missedPolicy ?? null);
  const [checks, setChecks] = useState<PostCheck[]>([]);
  const action = useAction();

  useEffect(() => {
    if (!accounts) void useSchedulerStore.getState().loadAccounts();
  }, [accounts]);

  const all = accounts ?? [];
  const chosen = all.filter((a) => accountIds.includes(a.id));
  const platforms = editing ? [editing.platform] : platformsOf(accountIds, all);
  const active = tab && platforms.includes(tab) ? tab : (platforms[0] ?? null);
  const serverProblems = (p: PublishPlatform) => checks.filter((c) => c.platform === p && accountIds.includes(c.accountId)).flatMap((c) => c.problems);
  const problemCount = (p: PublishPlatform) => limitsFor(draft, p).problems.length;
  const zones = [...new Set(chosen.map((a) => a.timeZone))];

  function toggleMedia(media: ComposerMedia) {
    const has = draft.media.some((m) => m.key === media.key);
    setDraft({ ...draft, media: has ? draft.media.filter((m) => m.key !== media.key) : [...draft.media, media] });
  }

  async function save(kind: SaveAction) {
    const at = kind === 'schedule' ? fromLocalInput(when) : null;
    if (kind === 'schedule' && (at === null || at <= Date.now())) {
      setWhenError(t(at === null ? 'scheduler.composer.whenInvalid' : 'scheduler.composer.whenPast'));
      return;
    }
    setWhenError(null);
    const result = await action.run(async () => {
      if (editing) return [await saveEdit(editing, draft, kind, at, missedPolicy)];
      const request = requestOf(draft, platforms);
      if (kind !== 'draft') {
        const found = await api().call('publish.check', { accountIds, ...request });
        setChecks(found);
        if (found.some((c) => c.problems.length > 0)) return null;
      }
      return api().call('publish.create', { accountIds, ...request, action: kind, scheduledAt: at, ...(missedPolicy ? { missedPolicy } : {}) });
    });
    if (!result) return;
    result.forEach((post) => useSchedulerStore.getState().received(post));
    toastSuccess(t(`scheduler.composer.saved.${kind}`, { count: result.length }));
    close();
  }

  const blocked = accountIds.length === 0 || platforms.some((p) => problemCount(p) > 0);
  const footer = (
    <>
      <button type="button" className="btn btn--ghost" onClick={close} data-testid="composer-close">
        {t('common.close')}
      </button>
      <button type="button" className="btn btn--ghost" disabled={action.busy || accountIds.length === 0} data-testid="composer-draft" onClick={() => void save('draft')}>
        {t('scheduler.composer.saveDraft')}
      </button>
      <button type="button" className="btn btn--ghost" disabled={action.busy || blocked} data-testid="composer-now" onClick={() => void save('now')}>
        <Icon name="play" size={14} />
        {t('scheduler.composer.publishNow')}
      </button>
      <button type="button" className="btn btn--primary" disabled={action.busy || blocked} data-testid="composer-schedule" onClick={() => void save('schedule')}>
        <Icon name="history" size={14} />
        {t('scheduler.composer.schedule')}
      </button>
    </>
  );

  return (
    <Dialog title={editing ? t('scheduler.composer.editTitle') : t('scheduler.composer.title')} onClose={close} testId="composer" className="dialog--composer" footer={footer}>
      <div className="composer">
        <section className="composer__section" aria-labelledby={`${panelId}-accounts`}>
          <h3 className="gen-subtitle" id={`${panelId}-accounts`}>
            {t('scheduler.composer.accounts')}
          </h3>
          {accounts ? <AccountPicker accounts={all} chosen={accountIds} locked={editing !== null} onChange={setAccountIds} /> : <SkeletonRows rows={2} testId="composer-accounts-loading" />}
        </section>
        <section className="composer__section">
          <label className="field">
            <span className="field__label">{t('scheduler.composer.text')}</span>
            <textarea className="input textarea" rows={6} value={draft.text} data-testid="composer-text" data-autofocus="" onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          </label>
          <div className="composer__media-head">
            <h3 className="gen-subtitle">{t('scheduler.composer.media')}</h3>
            <button type="button" className="btn btn--ghost btn--small" aria-expanded={picking} data-testid="composer-add-media" onClick={() => setPicking(!picking)}>
              <Icon name="library" size={14} />
              {picking ? t('scheduler.composer.doneAdding') : t('scheduler.composer.addMedia')}
            </button>
          </div>
          <MediaStrip media={draft.media} onRemove={(key) => setDraft({ ...draft, media: draft.media.filter((m) => m.key !== key) })} />
          {picking ? <MediaPicker chosen={draft.media} onToggle={toggleMedia} /> : null}
        </section>
        {active ? (
          <section className="composer__section">
            <PlatformTabs platforms={platforms} active={active} problemCount={problemCount} onSelect={setTab} panelId={panelId} />
            <PlatformTab key={active} platform={active} draft={draft} accounts={chosen.filter((a) => a.platform === active)} serverProblems={serverProblems(active)} panelId={panelId} onChange={setDraft} />
          </section>
        ) : (
          <p className="muted" data-testid="composer-pick-accounts">
            {t('scheduler.composer.pickAccounts')}
          </p>
        )}
        <section className="composer__section">
          <div className="composer__when">
            <ScheduleField value={when} zones={zones} onChange={setWhen} error={whenError} />
            <MissedPolicyField value={missedPolicy} onChange={setMissedPolicy} />
          </div>
        </section>
        {action.error ? <FormError error={action.error} title={t('scheduler.composer.failed')} testId="composer-error" /> : null}
        {checks.some((c) => c.problems.length > 0) ? (
          <p className="field__error" role="alert" data-testid="composer-check-failed">
            {t('scheduler.composer.checkFailed')}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Mounted once in the shell, so the Scheduler and the Social generator both open the same Composer. */
export function ComposerHost() {
  const seed = useComposerStore((s) => s.seed);
  const session = useComposerStore((s) => s.session);
  return seed ? <ComposerDialog key={session} seed={seed} /> : null;
}
