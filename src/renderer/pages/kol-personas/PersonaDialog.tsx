import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { PersonaView } from '../../../shared/kol/persona.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Dialog } from '../../components/Dialog.js';
import { useT } from '../../i18n/index.js';
import { useKolPersonaStore } from '../../stores/kolPersonaStore.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { FormError } from '../partners/common.js';
import { blankPersona, checkPersona, formFromView, type FieldErrors, type PersonaFormValues } from './personaForm.js';
import { PersonaPostingFields } from './PersonaPostingFields.js';
import { PersonaProfileFields } from './PersonaProfileFields.js';
import { PersonaVoiceFields } from './PersonaVoiceFields.js';

/** Creates a persona (editing = null) or edits one; the form is checked before it is sent, and main's refusal is shown in it. */
export function PersonaDialog({ editing, clientId, onClose }: { editing: PersonaView | null; clientId: string | null; onClose: () => void }) {
  const t = useT();
  const { clients, accounts, received } = useKolPersonaStore();
  const [values, setValues] = useState<PersonaFormValues>(() => (editing ? formFromView(editing) : blankPersona(clientId)));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ErrorInfo | null>(null);

  function change(next: PersonaFormValues) {
    setValues(next);
    // Once a save was tried, the problems follow the typing.
    if (tried) setErrors(checkPersona(next));
  }

  async function save() {
    const problems = checkPersona(values);
    setTried(true);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setFailure(null);
    try {
      const saved = editing ? await api().call('kol.personas.update', { id: editing.id, patch: values }) : await api().call('kol.personas.create', values);
      received(saved);
      toastSuccess(editing ? t('kol.personas.saved', { name: saved.nickname }) : t('kol.personas.created', { name: saved.nickname }));
      onClose();
    } catch (err) {
      setFailure(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  const footer = (
    <>
      <button type="button" className="btn btn--ghost" data-testid="persona-cancel" onClick={onClose}>
        {t('common.cancel')}
      </button>
      <button type="button" className="btn btn--primary" disabled={busy} data-testid="persona-save" onClick={() => void save()}>
        {t('kol.personas.save')}
      </button>
    </>
  );

  const count = Object.keys(errors).length;
  return (
    <Dialog title={editing ? t('kol.personas.editTitle', { name: editing.nickname }) : t('kol.personas.newTitle')} onClose={onClose} testId="persona-dialog" className="dialog--wide" footer={footer}>
      <form
        className="persona-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <PersonaProfileFields values={values} onChange={change} errors={errors} clients={clients} />
        <PersonaVoiceFields values={values} onChange={change} errors={errors} />
        <PersonaPostingFields values={values} onChange={change} errors={errors} accounts={accounts} />
        {count > 0 ? (
          <p className="field__error" role="alert" data-testid="persona-form-invalid">
            {t('kol.personas.formInvalid', { count })}
          </p>
        ) : null}
        {failure ? <FormError error={failure} title={t('kol.personas.saveFailed')} testId="persona-save-error" /> : null}
      </form>
    </Dialog>
  );
}
