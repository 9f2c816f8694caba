import { useId } from 'react';
import { TRIGGER_TYPES, THRESHOLD_CONDITIONS } from '../../../shared/kol/triggers.js';
import { useT, type MessageKey } from '../../i18n/index.js';
import type { ScheduleDraft } from './formState.js';

type Set = (patch: Partial<ScheduleDraft>) => void;

/** One labelled input, textarea or select of the form. */
export function Field({ label, children, hint }: { label: MessageKey; children: (id: string) => React.ReactNode; hint?: MessageKey }) {
  const t = useT();
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {t(label)}
      </label>
      {children(id)}
      {hint ? <p className="muted small">{t(hint)}</p> : null}
    </div>
  );
}

function TopicField({ draft, set }: { draft: ScheduleDraft; set: Set }) {
  return <Field label="koltrig.field.topic">{(id) => <input id={id} className="input" value={draft.topic} data-testid="trig-topic" onChange={(e) => set({ topic: e.target.value })} />}</Field>;
}

function ZoneField({ draft, set }: { draft: ScheduleDraft; set: Set }) {
  return <Field label="koltrig.field.timeZone">{(id) => <input id={id} className="input" value={draft.timeZone} data-testid="trig-zone" onChange={(e) => set({ timeZone: e.target.value })} />}</Field>;
}

function PollField({ draft, set }: { draft: ScheduleDraft; set: Set }) {
  return (
    <Field label="koltrig.field.pollMinutes">
      {(id) => <input id={id} className="input" type="number" min={1} max={1440} value={draft.pollMinutes} data-testid="trig-poll" onChange={(e) => set({ pollMinutes: e.target.value })} />}
    </Field>
  );
}

/** The trigger type and the fields that type needs. */
export function TriggerFields({ draft, set, typeLocked }: { draft: ScheduleDraft; set: Set; typeLocked: boolean }) {
  const t = useT();
  return (
    <>
      <Field label="koltrig.field.type">
        {(id) => (
          <select id={id} className="select" value={draft.type} disabled={typeLocked} data-testid="trig-type" onChange={(e) => set({ type: e.target.value as ScheduleDraft['type'] })}>
            {TRIGGER_TYPES.map((type) => (
              <option key={type} value={type}>
                {t(`koltrig.type.${type}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {draft.type === 'time' ? (
        <>
          <Field label="koltrig.field.cron" hint="koltrig.field.cronHint">
            {(id) => <input id={id} className="input" value={draft.cron} data-testid="trig-cron" onChange={(e) => set({ cron: e.target.value })} />}
          </Field>
          <ZoneField draft={draft} set={set} />
          <TopicField draft={draft} set={set} />
        </>
      ) : null}
      {draft.type === 'news' || draft.type === 'keyword' ? (
        <>
          <Field label="koltrig.field.feeds" hint="koltrig.field.feedsHint">
            {(id) => <textarea id={id} className="input" rows={3} value={draft.feeds} data-testid="trig-feeds" onChange={(e) => set({ feeds: e.target.value })} />}
          </Field>
          <Field label="koltrig.field.keywords">{(id) => <input id={id} className="input" value={draft.keywords} data-testid="trig-keywords" onChange={(e) => set({ keywords: e.target.value })} />}</Field>
          <Field label="koltrig.field.excludes">{(id) => <input id={id} className="input" value={draft.excludes} data-testid="trig-excludes" onChange={(e) => set({ excludes: e.target.value })} />}</Field>
          <PollField draft={draft} set={set} />
        </>
      ) : null}
      {draft.type === 'threshold' ? (
        <>
          <Field label="koltrig.field.url">{(id) => <input id={id} className="input" value={draft.url} data-testid="trig-url" onChange={(e) => set({ url: e.target.value })} />}</Field>
          <Field label="koltrig.field.path" hint="koltrig.field.pathHint">
            {(id) => <input id={id} className="input" value={draft.path} data-testid="trig-path" onChange={(e) => set({ path: e.target.value })} />}
          </Field>
          <Field label="koltrig.field.condition">
            {(id) => (
              <select id={id} className="select" value={draft.condition} data-testid="trig-condition" onChange={(e) => set({ condition: e.target.value as ScheduleDraft['condition'] })}>
                {THRESHOLD_CONDITIONS.map((c) => (
                  <option key={c} value={c}>
                    {t(`koltrig.condition.${c}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {draft.condition === 'spike' ? (
            <>
              <Field label="koltrig.field.factor">{(id) => <input id={id} className="input" type="number" min={0} step="0.1" value={draft.factor} onChange={(e) => set({ factor: e.target.value })} />}</Field>
              <Field label="koltrig.field.samples">{(id) => <input id={id} className="input" type="number" min={1} max={365} value={draft.samples} onChange={(e) => set({ samples: e.target.value })} />}</Field>
              <Field label="koltrig.field.sampleBy">
                {(id) => (
                  <select id={id} className="select" value={draft.sampleBy} onChange={(e) => set({ sampleBy: e.target.value as 'day' | 'poll' })}>
                    <option value="day">{t('koltrig.sampleBy.day')}</option>
                    <option value="poll">{t('koltrig.sampleBy.poll')}</option>
                  </select>
                )}
              </Field>
            </>
          ) : (
            <Field label="koltrig.field.value">{(id) => <input id={id} className="input" type="number" value={draft.value} data-testid="trig-value" onChange={(e) => set({ value: e.target.value })} />}</Field>
          )}
          <ZoneField draft={draft} set={set} />
          <PollField draft={draft} set={set} />
          <TopicField draft={draft} set={set} />
        </>
      ) : null}
      {draft.type === 'custom' ? (
        <>
          <p className="muted small">{t('koltrig.custom.help')}</p>
          <TopicField draft={draft} set={set} />
        </>
      ) : null}
    </>
  );
}
