import type { AgencyClient } from '../../../shared/partners.js';
import { useT } from '../../i18n/index.js';
import { ChipsInput } from './ChipsInput.js';
import { AreaField, SelectField, TextField } from './FormFields.js';
import { errorFor, type FieldErrors, type PersonaFormValues } from './personaForm.js';

export interface FieldsProps {
  values: PersonaFormValues;
  onChange: (values: PersonaFormValues) => void;
  errors: FieldErrors;
}

/** Who the persona is: name, the client it belongs to, its description, style, audience and expertise. */
export function PersonaProfileFields({ values, onChange, errors, clients }: FieldsProps & { clients: AgencyClient[] }) {
  const t = useT();
  const err = (field: string) => {
    const key = errorFor(errors, field);
    return key ? t(key) : undefined;
  };
  return (
    <fieldset className="persona-form__group">
      <legend>{t('kol.personas.section.profile')}</legend>
      <div className="field-grid">
        <TextField label={t('kol.personas.field.nickname')} value={values.nickname} maxLength={100} required error={err('nickname')} testId="persona-nickname" onChange={(nickname) => onChange({ ...values, nickname })} />
        <SelectField
          label={t('kol.personas.field.client')}
          value={values.clientId ?? ''}
          testId="persona-client"
          options={[{ value: '', label: t('kol.personas.noClient') }, ...clients.map((c) => ({ value: c.id, label: c.name }))]}
          onChange={(id) => onChange({ ...values, clientId: id === '' ? null : id })}
        />
      </div>
      <AreaField label={t('kol.personas.field.persona')} value={values.persona} maxLength={2000} rows={3} required error={err('persona')} testId="persona-persona" onChange={(persona) => onChange({ ...values, persona })} />
      <div className="field-grid field-grid--wide">
        <AreaField label={t('kol.personas.field.contentStyle')} value={values.contentStyle} maxLength={500} rows={2} error={err('contentStyle')} testId="persona-style" onChange={(contentStyle) => onChange({ ...values, contentStyle })} />
        <AreaField label={t('kol.personas.field.targetAudience')} value={values.targetAudience} maxLength={500} rows={2} error={err('targetAudience')} testId="persona-audience" onChange={(targetAudience) => onChange({ ...values, targetAudience })} />
      </div>
      <ChipsInput label={t('kol.personas.field.expertise')} values={values.expertiseAreas} max={30} maxLength={60} error={err('expertiseAreas')} testId="persona-expertise" onChange={(expertiseAreas) => onChange({ ...values, expertiseAreas })} />
    </fieldset>
  );
}
