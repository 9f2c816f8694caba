import { useT } from '../i18n/index.js';
import { useToastStore } from '../stores/toastStore.js';
import { Icon } from './Icon.js';

/** The stack of notifications in the corner; errors are announced assertively. */
export function Toasts() {
  const t = useT();
  const toasts = useToastStore((s) => s.toasts);
  const dismiss = useToastStore((s) => s.dismiss);
  return (
    <div className="toasts" aria-live="polite">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast--${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid={`toast-${toast.kind}`}
        >
          <div className="toast__content">
            <p className="toast__title">{toast.title}</p>
            {toast.body ? <p className="toast__body">{toast.body}</p> : null}
            {toast.hint ? <p className="toast__hint">{t('error.hint', { hint: toast.hint })}</p> : null}
          </div>
          {toast.action ? (
            <button
              type="button"
              className="btn btn--ghost btn--small toast__action"
              data-testid={toast.action.testId}
              onClick={() => {
                dismiss(toast.id);
                toast.action?.run();
              }}
            >
              {toast.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="icon-btn toast__close"
            aria-label={t('common.dismiss')}
            onClick={() => dismiss(toast.id)}
          >
            <Icon name="close" size={16} />
          </button>
        </div>
      ))}
    </div>
  );
}
