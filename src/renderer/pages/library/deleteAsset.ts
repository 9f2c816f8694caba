import type { AssetView } from '../../../shared/library.js';
import { errorInfoOf } from '../../api/index.js';
import { t } from '../../i18n/index.js';
import { confirm } from '../../stores/confirmStore.js';
import { useLibraryStore } from '../../stores/libraryStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';

/** Asks first, then deletes the asset and says so. */
export async function confirmAndDeleteAsset(asset: AssetView): Promise<void> {
  const ok = await confirm({
    title: t('library.deleteTitle'),
    body: t('library.deleteBody', { name: asset.name }),
    confirmLabel: t('common.delete'),
    danger: true,
  });
  if (!ok) return;
  try {
    await useLibraryStore.getState().remove(asset.id);
    toastSuccess(t('library.deleted', { name: asset.name }));
  } catch (err) {
    toastError(errorInfoOf(err));
  }
}
