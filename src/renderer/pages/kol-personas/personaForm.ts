import { personaInputSchema, type PersonaSettings, type PersonaView } from '../../../shared/kol/persona.js';
import type { MessageKey } from '../../i18n/index.js';

/**
 * The persona form's values are the persona's settings as main stores them
 * (every default filled in), checked with the contract's own schema before
 * anything is sent, so a field's problem shows beside the field.
 */
export type PersonaFormValues = PersonaSettings;

/** A new persona: the contract's defaults (auto-approve off, learning off), nothing written yet. */
export function blankPersona(clientId: string | null): PersonaFormValues {
  const defaults = personaInputSchema.parse({ nickname: '-', persona: '-' });
  return { ...defaults, nickname: '', persona: '', clientId };
}

/** A persona's settings alone: the schema's own fields (not its id, dates, statistics or archive mark), as the strict schema takes them. */
export function formFromView(view: PersonaView): PersonaFormValues {
  const fields = Object.keys(personaInputSchema.shape) as (keyof PersonaFormValues)[];
  return Object.fromEntries(fields.map((key) => [key, view[key]])) as PersonaFormValues;
}

/** Field path ("tone.signature") → the message that says what is wrong with it. */
export type FieldErrors = Partial<Record<string, MessageKey>>;

/** What a zod issue means to the person filling the form. */
function issueMessage(code: string, path: PropertyKey[], values: PersonaFormValues): MessageKey {
  const field = path.join('.');
  if (code === 'too_small' && (field === 'nickname' || field === 'persona')) return 'kol.personas.error.required';
  if (code === 'too_small') return 'kol.personas.error.tooSmall';
  if (code === 'too_big') return 'kol.personas.error.tooBig';
  if (field.startsWith('limits.quietHours')) return 'kol.personas.error.clock';
  if (field === 'limits.timeZone' && values.limits.timeZone === '') return 'kol.personas.error.required';
  return 'kol.personas.error.invalid';
}

/** The problems of each field (the first per field), or none. Time zones are checked here too: the schema takes any name. */
export function checkPersona(values: PersonaFormValues): FieldErrors {
  const errors: FieldErrors = {};
  const parsed = personaInputSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = issue.path.join('.');
      errors[field] ??= issueMessage(issue.code, issue.path, values);
    }
  }
  if (!errors['limits.timeZone'] && !isTimeZone(values.limits.timeZone)) errors['limits.timeZone'] = 'kol.personas.error.timeZone';
  return errors;
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

/** The field of an error key (chips' items report on the list: "expertiseAreas.2" → "expertiseAreas"). */
export function errorFor(errors: FieldErrors, field: string): MessageKey | undefined {
  if (errors[field]) return errors[field];
  const prefix = `${field}.`;
  const nested = Object.keys(errors).find((k) => k.startsWith(prefix));
  return nested ? errors[nested] : undefined;
}
