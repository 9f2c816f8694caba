import { useId, useRef, type FormEvent } from 'react';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useT } from '../../i18n/index.js';
import { toastError } from '../../stores/toastStore.js';
import { useVideoStore } from '../../stores/videoStore.js';

const TIMELINE_ACCEPT = '.json,application/json';

/** The path field (the main way in: relative scene paths resolve next to the file) and a file picker. */
export function TimelineOpenForm() {
  const t = useT();
  const inputId = useId();
  const hintId = useId();
  const fileRef = useRef<HTMLInputElement>(null);
  const pathInput = useVideoStore((s) => s.pathInput);
  const opening = useVideoStore((s) => s.opening);
  const setPathInput = useVideoStore((s) => s.setPathInput);
  const open = useVideoStore((s) => s.open);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void open(pathInput);
  }

  async function onPicked(file: File | undefined) {
    if (!file) return;
    try {
      // Electron hands back the file's real path; the web bridge uploads it to a staging folder.
      const path = await api().stageFile(file);
      await open(path);
    } catch (err) {
      toastError(errorInfoOf(err), t('video.openError'));
    } finally {
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  return (
    <form className="card timeline-open" data-testid="video-open-form" onSubmit={onSubmit}>
      <div className="field">
        <label className="field__label" htmlFor={inputId}>
          {t('video.path.label')}
        </label>
        <div className="timeline-open__row">
          <input
            id={inputId}
            type="text"
            className="input timeline-open__input"
            placeholder={t('video.path.placeholder')}
            value={pathInput}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={hintId}
            data-testid="video-path"
            onChange={(event) => setPathInput(event.target.value)}
          />
          <button type="submit" className="btn btn--primary" disabled={opening || !pathInput.trim()} data-testid="video-open">
            <Icon name="film" />
            {t('video.path.open')}
          </button>
          <button type="button" className="btn btn--ghost" disabled={opening} data-testid="video-browse" onClick={() => fileRef.current?.click()}>
            <Icon name="folder" />
            {t('video.path.browse')}
          </button>
        </div>
      </div>
      <p id={hintId} className="muted timeline-open__hint" data-testid="video-path-hint">
        {api().shell === 'web' ? t('video.path.hintWeb') : t('video.path.hintElectron')}
      </p>
      <input
        ref={fileRef}
        type="file"
        accept={TIMELINE_ACCEPT}
        hidden
        data-testid="video-file-input"
        onChange={(event) => void onPicked(event.target.files?.[0])}
      />
    </form>
  );
}
