import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { downloadText } from '../../lib/download.js';
import { t as translate, useT } from '../../i18n/index.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { useAction } from '../partners/useCall.js';

/** "Export my purchases": every opening and trade of this buyer, as JSON or CSV. */
export function ExportButtons() {
  const t = useT();
  const action = useAction();
  async function exportAs(format: 'json' | 'csv') {
    try {
      const file = await api().call('boxes.export', { format });
      downloadText(file.fileName, file.contentType, file.text);
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
