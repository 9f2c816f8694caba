import { useRef, useState } from 'react';
import { COMFY_WORKFLOW_KINDS, COMFY_WORKFLOW_MAX_CHARS, type ComfyWorkflowKind } from '../../../shared/comfy-workflow.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { ComfyWorkflowInfo, ProviderStatus } from '../../../shared/providers.js';
import { api, errorInfoOf } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { toastSuccess } from '../../stores/toastStore.js';
import { ErrorText } from '../../components/ErrorText.js';
import { errorTitle } from '../../lib/jobText.js';

/** One workflow slot (image or video): import a "Save (API format)" file, see the inputs it takes, remove it. */
function WorkflowSlot({ kind, info, onChanged }: { kind: ComfyWorkflowKind; info: ComfyWorkflowInfo | undefined; onChanged: (list: ProviderStatus[]) => void }) {
  const t = useT();
  const file = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);

  async function send(workflow: string | null, name?: string) {
    setBusy(true);
    setError(null);
    try {
      onChanged(await api().call('providers.setComfyWorkflow', { kind, workflow, ...(name ? { name } : {}) }));
      toastSuccess(workflow === null ? t('providers.workflow.removed') : t('providers.workflow.imported'));
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function pick(picked: File) {
    // Checked here so a wrong multi-megabyte file is not sent at all.
    if (picked.size > COMFY_WORKFLOW_MAX_CHARS) {
      setError({ code: 'FILE_TOO_LARGE', message: t('providers.workflow.tooLarge', { name: picked.name }) });
      return;
    }
    await send(await picked.text(), picked.name);
  }

  return (
    <div className="comfy-workflow" data-testid={`comfy-workflow-${kind}`} data-loaded={info ? 'true' : 'false'}>
      <div className="comfy-workflow__head">
        <span className="comfy-workflow__label">{t(`providers.workflow.${kind}`)}</span>
        {info ? <code data-testid="comfy-workflow-name">{info.name}</code> : <span className="muted">{t('providers.workflow.none')}</span>}
        <input
          ref={file}
          type="file"
          accept=".json,application/json"
          hidden
          data-testid="comfy-workflow-file"
          onChange={(e) => {
            const picked = e.target.files?.[0];
            // Cleared so picking the same file again (after fixing it) fires again.
            e.target.value = '';
            if (picked) void pick(picked);
          }}
        />
        <button type="button" className="btn btn--ghost btn--small" disabled={busy} data-testid="comfy-workflow-import" onClick={() => file.current?.click()}>
          {t('providers.workflow.import')}
        </button>
        {info?.env ? (
          <span className="muted" data-testid="comfy-workflow-env">
            {t('providers.workflow.fromEnv', { env: info.env })}
          </span>
        ) : info ? (
          <button type="button" className="btn btn--ghost btn--small" disabled={busy} data-testid="comfy-workflow-remove" onClick={() => void send(null)}>
            {t('providers.workflow.remove')}
          </button>
        ) : null}
      </div>
      {info ? (
        <div className="gen-tags" data-testid="comfy-workflow-inputs" aria-label={t('providers.workflow.inputs')}>
          {info.inputs.map((input) => (
            <span key={input} className="gen-tag" data-input={input}>
              {t(`providers.workflow.input.${input}`)}
            </span>
          ))}
        </div>
      ) : null}
      {error ? (
        <div className="provider-check--bad" role="alert" data-testid="comfy-workflow-error">
          <strong>{errorTitle(error, t)}</strong>
          <ErrorText error={error} />
        </div>
      ) : null}
    </div>
  );
}

/** ComfyUI's workflows: the image one (social and blog pictures) and the video one (the Director). */
export function ComfyWorkflows({ status, onChanged }: { status: ProviderStatus; onChanged: (list: ProviderStatus[]) => void }) {
  const t = useT();
  return (
    <div className="comfy-workflows" data-testid="comfy-workflows">
      <p className="muted">{t('providers.workflow.help')}</p>
      {COMFY_WORKFLOW_KINDS.map((kind) => (
        <WorkflowSlot key={kind} kind={kind} info={status.workflows?.[kind]} onChanged={onChanged} />
      ))}
    </div>
  );
}
