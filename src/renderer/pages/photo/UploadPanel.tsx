import { useRef, useState, type DragEvent } from 'react';
import { PHOTO_LIMITS } from '../../../shared/photo/limits.js';
import { errorInfoOf } from '../../api/index.js';
import type { PhotoUploadView } from '../../../shared/api/photo-contract.js';
import type { AssetView } from '../../../shared/library.js';
import { Icon } from '../../components/Icon.js';
import { LibraryPick } from '../../components/LibraryPick.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { errorDetail } from '../../lib/serverText.js';
import { errorTitle } from '../../lib/jobText.js';
import { usePhotoStore } from '../../stores/photoStore.js';
import { toastError } from '../../stores/toastStore.js';
import { UploadList, type PendingUpload } from './UploadList.js';
import type { PhotoTool } from './toolRules.js';
import { MAX_UPLOAD_MB, PHOTO_ACCEPT, refusalOf } from './uploadRules.js';

let pendingSeq = 0;

/**
 * Where a tool's photos come in, dropped or picked: each is refused here when
 * it is too large or not a photo, else uploaded and checked by main at once,
 * and listed with its result and its deletion countdown — before any credits
 * are spent.
 */
export function UploadPanel({ testId, tool, max, ids, consent, onAdded, onRemoved }: { testId: string; tool: PhotoTool; max: number; ids: string[]; consent: boolean; onAdded: (id: string) => void; onRemoved: (id: string) => void }) {
  const t = useT();
  const language = useLanguage();
  const uploads = usePhotoStore((s) => s.uploads);
  const upload = usePhotoStore((s) => s.upload);
  const uploadFromLibrary = usePhotoStore((s) => s.uploadFromLibrary);
  const removeUpload = usePhotoStore((s) => s.removeUpload);
  const [pending, setPending] = useState<PendingUpload[]>([]);
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const shown = ids.flatMap((id) => (uploads[id] && uploads[id].status !== 'deleted' ? [uploads[id]] : []));
  const checking = pending.filter((p) => p.problem === null).length;
  const room = max - shown.length - checking;
  const one = max === 1;
  const purpose = tool === 'fuse' ? 'person' : 'group';

  /** A new batch starts without the last batch's refusals; one photo tools replace the photo they hold. Returns the free slots. */
  function startBatch(): number {
    setPending((list) => list.filter((p) => p.problem === null));
    if (one) for (const id of ids) onRemoved(id);
    return one ? 1 : Math.max(0, room);
  }

  /** Lists a photo as being checked until its upload answers: added, or shown with the reason it was refused. */
  function track(name: string, uploading: () => Promise<PhotoUploadView>) {
    const key = `p${++pendingSeq}`;
    setPending((list) => [...list, { key, name, problem: null }]);
    uploading().then(
      (view) => {
        setPending((list) => list.filter((p) => p.key !== key));
        onAdded(view.id);
      },
      (err: unknown) => {
        const info = errorInfoOf(err);
        const problem = errorDetail(info, t, language) ?? errorTitle(info, t);
        setPending((list) => list.map((p) => (p.key === key ? { ...p, problem } : p)));
      },
    );
  }

  function add(files: File[]) {
    const slots = startBatch();
    for (const [i, file] of files.entries()) {
      const refusal = i >= slots ? 'full' : refusalOf(file);
      if (refusal) {
        const problem = refusal === 'full' ? t('photo.upload.full') : refusal === 'too-large' ? t('photo.upload.tooLarge', { name: file.name, mb: MAX_UPLOAD_MB }) : t('photo.upload.notImage', { name: file.name });
        setPending((list) => [...list, { key: `p${++pendingSeq}`, name: file.name, problem }]);
        continue;
      }
      track(file.name, () => upload(file, consent, purpose));
    }
  }

  function addFromLibrary(asset: AssetView) {
    if (startBatch() < 1) return;
    track(asset.name, () => uploadFromLibrary(asset.id, consent, purpose));
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setOver(false);
    add([...event.dataTransfer.files]);
  }

  function remove(id: string) {
    onRemoved(id);
    removeUpload(id).catch((err: unknown) => toastError(errorInfoOf(err)));
  }

  return (
    <div className="photo-step" data-testid={testId}>
      <div
        className={over ? 'photo-drop photo-drop--over' : 'photo-drop'}
        data-testid={`${testId}-drop`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <Icon name="upload" size={28} />
        <span>{t(one ? 'photo.upload.dropOne' : 'photo.upload.drop')}</span>
        <button type="button" className="btn btn--primary btn--small" data-testid={`${testId}-choose`} disabled={!one && room <= 0} onClick={() => input.current?.click()}>
          {t(one ? 'photo.upload.chooseOne' : 'photo.upload.choose')}
        </button>
        <LibraryPick chosen={null} onPick={addFromLibrary} openLabel={t('photo.upload.fromLibrary')} testId={`${testId}-library`} />
        <span className="field__hint">
          {one
            ? t('photo.upload.rulesOne', { mb: MAX_UPLOAD_MB })
            : t('photo.upload.rules', { mb: MAX_UPLOAD_MB, px: PHOTO_LIMITS.minShortSide, min: PHOTO_LIMITS.minPeople, max: PHOTO_LIMITS.maxPeople })}
        </span>
        {one ? null : (
          <span className="field__hint" data-testid={`${testId}-count`} aria-live="polite">
            {t('photo.upload.count', { count: shown.length, max })}
          </span>
        )}
        <input
          ref={input}
          type="file"
          accept={PHOTO_ACCEPT}
          multiple={!one}
          className="visually-hidden"
          tabIndex={-1}
          aria-hidden="true"
          data-testid={`${testId}-input`}
          onChange={(e) => {
            add([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
      </div>
      <UploadList uploads={shown} pending={pending} tool={tool} onRemove={remove} testId={testId} />
    </div>
  );
}
