import { useT } from '../i18n/index.js';
import { useConfirmStore } from '../stores/confirmStore.js';
import { Dialog } from './Dialog.js';

/** Shows the pending confirmation, if any. */
export function ConfirmHost() {
  const t = useT();
  const request = useConfirmStore((s) => s.request);
  const answer = useConfirmStore((s) => s.answer);
  if (!request) return null;
  return (
    <Dialog
      title={request.title}
      onClose={() => answer(false)}
      testId="confirm-dialog"
      footer={
        <>
          <button
            type="button"
            className="btn btn--ghost"
            data-testid="confirm-cancel"
            data-autofocus={request.danger ? '' : undefined}
            onClick={() => answer(false)}
          >
            {request.dismissLabel ?? t('common.cancel')}
          </button>
          <button
            type="button"
            className={request.danger ? 'btn btn--danger' : 'btn btn--primary'}
            data-testid="confirm-ok"
            data-autofocus={request.danger ? undefined : ''}
            onClick={() => answer(true)}
          >
            {request.confirmLabel}
          </button>
        </>
      }
    >
      <p>{request.body}</p>
    </Dialog>
  );
}
