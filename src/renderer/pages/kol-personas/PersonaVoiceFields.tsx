import { TONES } from '../../../shared/generate/tones.js';
import { GENERATION_PROVIDERS } from '../../../shared/generate/requests.js';
import { EMOJI_LEVELS } from '../../../shared/kol/persona.js';
import { LANGUAGES } from '../../../shared/settings.js';
import { LANGUAGE_NAMES, useLanguage, useT } from '../../i18n/index.js';
import { ChipsInput } from './ChipsInput.js';
import { SelectField, TextField } from './FormFields.js';
import { errorFor } from './personaForm.js';
import type { FieldsProps } from './PersonaProfileFields.js';

/** How the persona writes (tone, language, emoji, phrases, signature) and with which model. */
export function PersonaVoiceFields({ values, onChange, errors }: FieldsProps) {
  const t = useT();
  const language = useLanguage();
  const err = (field: string) => {
    const key = errorFor(errors, field);
    return key ? t(key) : undefined;
  };
  const tone = values.tone;
  const model = values.model;
  const setTone = (patch: Partial<typeof tone>) => onChange({ ...values, tone: { ...tone, ...patch } });
  const setModel = (patch: Partial<typeof model>) => onChange({ ...values, model: { ...model, ...patch } });
  return (
    <>
      <fieldset className="persona-form__group">
        <legend>{t('kol.personas.section.voice')}</legend>
        <div className="field-grid">
          <SelectField label={t('kol.personas.field.tone')} value={tone.tone} testId="persona-tone" options={TONES.map((x) => ({ value: x.id, label: x.label[language] }))} onChange={(v) => setTone({ tone: v })} />
          <SelectField label={t('kol.personas.field.language')} value={tone.language} testId="persona-language" options={LANGUAGES.map((l) => ({ value: l, label: LANGUAGE_NAMES[l] }))} onChange={(v) => setTone({ language: v })} />
          <SelectField label={t('kol.personas.field.emoji')} value={tone.emoji} testId="persona-emoji" options={EMOJI_LEVELS.map((e) => ({ value: e, label: t(`kol.personas.emoji.${e}`) }))} onChange={(v) => setTone({ emoji: v })} />
        </div>
        <ChipsInput label={t('kol.personas.field.catchPhrases')} values={tone.catchPhrases} max={20} maxLength={60} error={err('tone.catchPhrases')} testId="persona-catch" onChange={(catchPhrases) => setTone({ catchPhrases })} />
        <ChipsInput label={t('kol.personas.field.avoid')} values={tone.avoid} max={50} maxLength={60} error={err('tone.avoid')} testId="persona-avoid" onChange={(avoid) => setTone({ avoid })} />
        <TextField label={t('kol.personas.field.signature')} hint={t('kol.personas.field.signatureHint')} value={tone.signature} maxLength={200} error={err('tone.signature')} testId="persona-signature" onChange={(signature) => setTone({ signature })} />
      </fieldset>
      <fieldset className="persona-form__group">
        <legend>{t('kol.personas.section.model')}</legend>
        <div className="field-grid">
          <SelectField label={t('kol.personas.field.provider')} value={model.provider} testId="persona-provider" options={GENERATION_PROVIDERS.map((p) => ({ value: p, label: t(`kol.personas.provider.${p}`) }))} onChange={(provider) => setModel({ provider })} />
          <TextField
            label={t('kol.personas.field.model')}
            hint={t('kol.personas.field.modelHint')}
            value={model.model ?? ''}
            maxLength={100}
            error={err('model.model')}
            testId="persona-model"
            onChange={(v) => {
              const { model: _old, ...rest } = model;
              onChange({ ...values, model: v.trim() === '' ? rest : { ...rest, model: v } });
            }}
          />
          <TextField
            label={t('kol.personas.field.temperature')}
            type="number"
            value={String(model.temperature)}
            error={err('model.temperature')}
            testId="persona-temperature"
            onChange={(v) => setModel({ temperature: v === '' ? Number.NaN : Number(v) })}
          />
        </div>
      </fieldset>
    </>
  );
}
