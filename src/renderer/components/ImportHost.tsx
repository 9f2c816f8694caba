import { useEffect, useState } from 'react';
import { useT } from '../i18n/index.js';
import { IMPORT_ACCEPT, registerImportInput } from '../lib/importPicker.js';
import { useImportStore } from '../stores/importStore.js';
import { useNavigationStore } from '../stores/navigationStore.js';
import { Icon } from './Icon.js';

function hasFiles(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

/**
 * The app-wide import entry points: the hidden file input (opened by the
 * Import button and Ctrl/⌘+I) and drag-and-drop of files onto the window.
 */
export function ImportHost() {
  const t = useT();
  const importFiles = useImportStore((s) => s.importFiles);
  const uploading = useImportStore((s) => s.uploading);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let depth = 0;
    const onEnter = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth += 1;
      setDragging(true);
    };
    const onOver = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    };
    const onLeave = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onDrop = (event: DragEvent) => {
      if (!hasFiles(event)) return;
      event.preventDefault();
      depth = 0;
      setDragging(false);
      const files = Array.from(event.dataTransfer?.files ?? []);
      if (files.length > 0) {
        useNavigationStore.getState().go('library');
        void importFiles(files);
      }
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [importFiles]);

  return (
    <>
      <input
        ref={registerImportInput}
        type="file"
        multiple
        accept={IMPORT_ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="import-input"
        onChange={(event) => {
          const files = Array.from(event.target.files ?? []);
          event.target.value = '';
          if (files.length > 0) {
            useNavigationStore.getState().go('library');
            void importFiles(files);
          }
        }}
      />
      {dragging ? (
        <div className="drop-overlay" data-testid="drop-overlay">
          <Icon name="upload" size={48} />
          <p>{t('library.dropHint')}</p>
        </div>
      ) : null}
      {uploading > 0 ? (
        <div className="upload-indicator" role="status" data-testid="upload-indicator">
          <span className="spinner" aria-hidden="true" />
          {t('library.uploading', { count: uploading })}
        </div>
      ) : null}
    </>
  );
}
