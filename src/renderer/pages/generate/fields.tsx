import type { ReactNode } from 'react';
import { LANGUAGES, type Language } from '../../../shared/settings.js';
import { TONES, type ToneId } from '../../../shared/generate/tones.js';
import { LANGUAGE_NAMES, useLanguage, useT, type Translate } from '../../i18n/index.js';
import { toneGuide } from '../../lib/serverText.js';

/** A labelled form control with an optional hint under it. */
export function Field({ label, htmlFor, hint, children }: { label: string; htmlFor: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={htmlFor}>
        {label}
      </label>
      {children}
      {hint ? <span className="field__hint">{hint}</span> : null}
    </div>
  );
}

/** The 14 tones, named in the UI language, with the chosen one's style guide (in the UI language too) as the hint. */
/** Topic and keywords, the first two fields of every generator form (`prefix` names their ids and test ids). */
export function TopicFields(props: { prefix: string; topic: string; keywords: string; onTopic: (topic: string) => void; onKeywords: (keywords: string) => void }) {
  const t = useT();
  const { prefix } = props;
  return (
    <>
      <Field label={t('gen.topic')} htmlFor={`${prefix}-topic`}>
        <input id={`${prefix}-topic`} className="input" value={props.topic} maxLength={300} placeholder={t('gen.topicPlaceholder')} data-testid={`${prefix}-topic`} onChange={(e) => props.onTopic(e.target.value)} />
      </Field>
      <Field label={t('gen.keywords')} htmlFor={`${prefix}-keywords`} hint={t('gen.keywordsHint')}>
        <input id={`${prefix}-keywords`} className="input" value={props.keywords} data-testid={`${prefix}-keywords`} onChange={(e) => props.onKeywords(e.target.value)} />
      </Field>
    </>
  );
}

/** none / standard / fine, for covers and post images. */
export function qualityOptions(t: Translate) {
  return [
    { value: 'none' as const, label: t('gen.quality.none') },
    { value: 'standard' as const, label: t('gen.quality.standard') },
    { value: 'fine' as const, label: t('gen.quality.fine') },
  ];
}

export function ToneField({ id, value, onChange }: { id: string; value: ToneId; onChange: (tone: ToneId) => void }) {
  const t = useT();
  const language = useLanguage();
  const guide = toneGuide(value, t);
  return (
    <Field label={t('gen.tone')} htmlFor={id} hint={guide}>
      <select id={id} className="select" value={value} data-testid={id} onChange={(e) => onChange(e.target.value as ToneId)}>
        {TONES.map((tone) => (
          <option key={tone.id} value={tone.id}>
            {tone.label[language]}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** The language the content is written in (not the UI's). */
export function ContentLanguageField({ id, value, onChange }: { id: string; value: Language; onChange: (language: Language) => void }) {
  const t = useT();
  return (
    <Field label={t('gen.language')} htmlFor={id}>
      <select id={id} className="select" value={value} data-testid={id} onChange={(e) => onChange(e.target.value as Language)}>
        {LANGUAGES.map((language) => (
          <option key={language} value={language}>
            {LANGUAGE_NAMES[language]}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** One choice out of a few, as a segmented control. */
export function Segmented<T extends string>({
  label,
  options,
  value,
  onChange,
  testId,
}: {
  label: string;
  options: readonly { value: T; label: string }[];
  value: T;
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <div className="field">
      <span className="field__label">{label}</span>
      <div className="segmented" role="group" aria-label={label} data-testid={testId}>
        {options.map((o) => (
          <button
            key={o.value}
            type="button"
            className={o.value === value ? 'segmented__item segmented__item--active' : 'segmented__item'}
            aria-pressed={o.value === value}
            data-testid={`${testId}-${o.value}`}
            onClick={() => onChange(o.value)}
          >
            {o.label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Comma-separated keywords (either comma), trimmed, at most 10. */
export function keywordsOf(text: string): string[] {
  return text
    .split(/[,，、]/)
    .map((k) => k.trim())
    .filter((k) => k.length > 0)
    .map((k) => k.slice(0, 40))
    .slice(0, 10);
}
