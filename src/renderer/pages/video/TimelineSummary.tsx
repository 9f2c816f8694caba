import type { ReactNode } from 'react';
import type { TimelineOverview } from '../../../shared/api/contract.js';
import { useLanguage, useT, type MessageKey } from '../../i18n/index.js';
import { baseName } from '../../lib/videoRender.js';
import { formatMediaDuration, formatSeconds } from '../../lib/format.js';
import type { TransitionType } from '../../../shared/timeline.js';

export const TRANSITION_KEYS: Record<TransitionType, MessageKey> = {
  none: 'video.transition.none',
  fade: 'video.transition.fade',
  dissolve: 'video.transition.dissolve',
  slideleft: 'video.transition.slideleft',
  slideright: 'video.transition.slideright',
  wipeup: 'video.transition.wipeup',
};

function Row({ label, children, testId }: { label: string; children: ReactNode; testId: string }) {
  return (
    <div className="meta-list__row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{children}</dd>
    </div>
  );
}

/** The open timeline at a glance: its file, frame, length, transition and music. */
export function TimelineSummary({ overview }: { overview: TimelineOverview }) {
  const t = useT();
  const language = useLanguage();
  const { timeline } = overview;
  const tr = timeline.transition;
  const music = timeline.music;
  const seconds = (value: number) => formatSeconds(value, language);
  let musicText = t('video.summary.noMusic');
  if (music) {
    const vars = { name: baseName(music.path), volume: seconds(music.volume) };
    musicText = music.duck ? t('video.summary.musicDucked', vars) : t('video.summary.musicValue', vars);
  }
  return (
    <aside className="card video-summary" data-testid="video-summary" aria-label={t('video.summary')}>
      <h2 className="card__title">{t('video.summary')}</h2>
      <dl className="meta-list">
        <Row label={t('video.summary.file')} testId="video-summary-file">
          <code className="video-summary__path" title={overview.path}>
            {baseName(overview.path)}
          </code>
        </Row>
        <Row label={t('video.summary.aspect')} testId="video-summary-aspect">
          {timeline.aspect}
        </Row>
        <Row label={t('video.summary.size')} testId="video-summary-size">
          {overview.width} × {overview.height}
        </Row>
        <Row label={t('video.summary.fps')} testId="video-summary-fps">
          {t('video.summary.fpsValue', { fps: timeline.fps })}
        </Row>
        <Row label={t('video.summary.total')} testId="video-summary-total">
          {t('video.seconds', { seconds: seconds(overview.totalSeconds) })}
          {overview.totalSeconds >= 60 ? ` (${formatMediaDuration(overview.totalSeconds)})` : null}
        </Row>
        <Row label={t('video.summary.transition')} testId="video-summary-transition">
          {tr.type === 'none' || tr.duration === 0
            ? t('video.transition.none')
            : t('video.summary.transitionValue', { type: t(TRANSITION_KEYS[tr.type]), seconds: seconds(tr.duration) })}
        </Row>
        <Row label={t('video.summary.music')} testId="video-summary-music">
          {musicText}
        </Row>
      </dl>
    </aside>
  );
}
