import { useId, type KeyboardEvent } from 'react';
import { PLATFORM_LABELS, PLATFORM_RULES, type PublishPlatform } from '../../../shared/publish/platforms.js';
import type { PostProblem, PublishAccountView } from '../../../shared/publish/post.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { problemHint, problemText } from '../scheduler/postText.js';
import { limitsFor, textFor, titleFor, type ComposerDraft } from './composerModel.js';
import { PlatformOptions } from './PlatformOptions.js';
import { PlatformPreview } from './PlatformPreview.js';

/** The platform tabs' buttons; arrows move between them (the ARIA tabs pattern). */
export function PlatformTabs({ platforms, active, problemCount, onSelect, panelId }: { platforms: PublishPlatform[]; active: PublishPlatform; problemCount: (p: PublishPlatform) => number; onSelect: (p: PublishPlatform) => void; panelId: string }) {
  const t = useT();
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    event.preventDefault();
    const next = platforms[(platforms.indexOf(active) + step + platforms.length) % platforms.length]!;
    onSelect(next);
    document.getElementById(`${panelId}-tab-${next}`)?.focus();
  }
  return (
    <div className="platform-tabs" role="tablist" aria-label={t('scheduler.composer.platforms')} onKeyDown={onKeyDown}>
      {platforms.map((p) => {
        const n = problemCount(p);
        return (
          <button
            key={p}
            id={`${panelId}-tab-${p}`}
            type="button"
            role="tab"
            aria-selected={p === active}
            aria-controls={panelId}
            tabIndex={p === active ? 0 : -1}
            className={p === active ? 'platform-tab platform-tab--active' : 'platform-tab'}
            data-testid={`composer-tab-${p}`}
            data-problems={n}
            onClick={() => onSelect(p)}
          >
            {PLATFORM_LABELS[p]}
            {n > 0 ? (
              <span className="platform-tab__problems" aria-label={t('scheduler.composer.problemCount', { count: n })}>
                <Icon name="warning" size={12} />
                {n}
              </span>
            ) : (
              <Icon name="check" size={12} />
            )}
          </button>
        );
      })}
    </div>
  );
}

function Meter({ label, count, limit, testId }: { label: string; count: number; limit: number | null; testId: string }) {
  const over = limit !== null && count > limit;
  return (
    <span className={over ? 'limit-meter limit-meter--over' : 'limit-meter'} data-testid={testId} data-over={over}>
      {label} <strong>{count}</strong>
      {limit !== null ? ` / ${limit}` : ''}
    </span>
  );
}

export function ProblemList({ problems, testId }: { problems: PostProblem[]; testId: string }) {
  const t = useT();
  const language = useLanguage();
  if (problems.length === 0) return null;
  return (
    <ul className="problem-list" role="alert" data-testid={testId}>
      {problems.map((p, i) => {
        const hint = problemHint(p.message, t, language);
        return (
          <li key={`${p.field}-${i}`} data-testid="composer-problem" data-field={p.field} data-key={p.message.key}>
            <Icon name="warning" size={14} />
            <span>
              {problemText(p.message, t, language)}
              {hint ? <span className="muted"> {hint}</span> : null}
            </span>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * One platform's tab: its limits counted live, every rule the post breaks
 * there, its own text and title if wanted, its options and a feed preview.
 */
export function PlatformTab({ platform, draft, accounts, serverProblems, panelId, onChange }: { platform: PublishPlatform; draft: ComposerDraft; accounts: PublishAccountView[]; serverProblems: PostProblem[]; panelId: string; onChange: (draft: ComposerDraft) => void }) {
  const t = useT();
  const ids = useId();
  const rules = PLATFORM_RULES[platform];
  const limits = limitsFor(draft, platform);
  const override = draft.overrides[platform];
  const ownText = override?.text !== undefined;
  const label = PLATFORM_LABELS[platform];
  const setOverride = (patch: { text?: string | undefined; title?: string }) => {
    const next = { ...override, ...patch };
    if (next.text === undefined) delete next.text;
    onChange({ ...draft, overrides: { ...draft.overrides, [platform]: next } });
  };
  const localKeys = new Set(limits.problems.map((p) => `${p.field}|${p.message.key}`));
  const onlyServer = serverProblems.filter((p) => !localKeys.has(`${p.field}|${p.message.key}`));

  return (
    <div id={panelId} role="tabpanel" aria-labelledby={`${panelId}-tab-${platform}`} className="platform-panel" data-testid={`composer-panel-${platform}`}>
      <div className="platform-panel__edit">
        <p className="limit-meters" aria-live="polite">
          <Meter label={t('scheduler.composer.chars')} count={limits.chars.count} limit={limits.chars.limit} testId="limit-chars" />
          <Meter label={t('scheduler.composer.hashtags')} count={limits.hashtags.count} limit={limits.hashtags.limit} testId="limit-hashtags" />
          <Meter label={t('scheduler.composer.media')} count={limits.media.count} limit={limits.media.limit} testId="limit-media" />
        </p>
        <p className="muted small">{t('scheduler.composer.countsHashtags')}</p>
        <ProblemList problems={[...limits.problems, ...onlyServer]} testId={`composer-problems-${platform}`} />
        {rules.title ? (
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-title`}>
              {t('scheduler.composer.titleFor', { platform: label })}
            </label>
            <input id={`${ids}-title`} className="input" value={titleFor(draft, platform)} maxLength={500} data-testid={`composer-title-${platform}`} onChange={(e) => setOverride({ title: e.target.value })} />
          </div>
        ) : null}
        <label className="checkbox-field">
          <input type="checkbox" checked={ownText} data-testid={`composer-own-text-${platform}`} onChange={(e) => setOverride({ text: e.target.checked ? draft.text : undefined })} />
          {t('scheduler.composer.ownText', { platform: label })}
        </label>
        {ownText ? (
          <div className="field">
            <label className="field__label" htmlFor={`${ids}-text`}>
              {t('scheduler.composer.textFor', { platform: label })}
            </label>
            <textarea id={`${ids}-text`} className="input textarea" rows={5} value={textFor(draft, platform)} data-testid={`composer-text-${platform}`} onChange={(e) => setOverride({ text: e.target.value })} />
          </div>
        ) : null}
        <PlatformOptions platform={platform} options={draft.options} privateOnly={accounts.some((a) => a.privateOnly)} onChange={(options) => onChange({ ...draft, options })} />
      </div>
      <PlatformPreview platform={platform} accountName={accounts[0]?.displayName ?? label} text={textFor(draft, platform)} title={titleFor(draft, platform)} media={draft.media} options={draft.options} />
    </div>
  );
}
