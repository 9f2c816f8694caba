import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { useAction } from '../partners/useCall.js';

/** Saves text as a file through the browser's download (the desktop window saves it the same way). */
function download(name: string, contentType: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "Export my purchases": every opening and trade of this buyer, as JSON or CSV. */
export function ExportButtons() {
  const t = useT();
  const action = useAction();
  async function exportAs(format: 'json' | 'csv') {
    try {
      const file = await api().call('boxes.export', { format });
      download(file.fileName, file.contentType, file.text);
      toastSuccess(translate('collection.export.done', { name: file.fileName }));
    } catch (err) {
      toastError(errorInfoOf(err), translate('collection.export.failed'));
    }
  }
  return (
    <div className="box-export" data-testid="collection-export">
      <span className="muted">{t('collection.export')}</span>
      <button type="button" className="btn btn--ghost btn--small" data-testid="collection-export-json" disabled={action.busy} onClick={() => void action.run(() => exportAs('json'))}>
        <Icon name="arrowDown" />
        JSON
      </button>
      <button type="button" className="btn btn--ghost btn--small" data-testid="collection-export-csv" disabled={action.busy} onClick={() => void action.run(() => exportAs('csv'))}>
        <Icon name="arrowDown" />
        CSV
      </button>
    </div>
  );
}
