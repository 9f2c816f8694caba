import { useEffect, useState } from 'react';
import type { AssetView } from '../../shared/library.js';
import { api } from '../api/index.js';
import { useT } from '../i18n/index.js';
import { LibraryImagePicker } from './LibraryImagePicker.js';

/**
 * One image from the Library as a form's input, wherever a form asks for an
 * image (a post's picture, an article's cover, a photo to upload): a button
 * opens the Library's images, a click picks one (by library id) and closes
 * it. `openLabel` names what the pick is for; `onClear` (when given) drops
 * the pick so the form makes its own image again.
 */
export function LibraryPick({ chosen, onPick, onClear, openLabel, testId }: { chosen: AssetView | null; onPick: (asset: AssetView) => void; onClear?: () => void; openLabel: string; testId: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  return (
    <div className="library-pick" data-testid={testId}>
      <div className="library-pick__row">
        {chosen ? (
          <span className="library-pick__chosen" data-testid={`${testId}-chosen`} data-asset-id={chosen.id}>
            {t('gen.libraryPick.chosen', { name: chosen.name })}
          </span>
        ) : null}
        <button type="button" className="btn btn--small" aria-expanded={open} data-testid={`${testId}-open`} onClick={() => setOpen((o) => !o)}>
          {open ? t('gen.libraryPick.close') : openLabel}
        </button>
        {chosen && onClear ? (
          <button type="button" className="btn btn--small btn--ghost" data-testid={`${testId}-clear`} onClick={onClear}>
            {t('gen.libraryPick.clear')}
          </button>
        ) : null}
      </div>
      {open ? (
        <LibraryImagePicker
          chosen={chosen ? [chosen.id] : []}
          // One is picked; the current pick stays marked and every other one stays clickable (a click replaces it).
          max={2}
          testId={`${testId}-grid`}
          onToggle={(_id, asset) => {
            onPick(asset);
            setOpen(false);
          }}
        />
      ) : null}
    </div>
  );
}

/** The input row of finished work that used a library image: the item's name now, or that it is no longer there. */
export function PickedInputRow({ libraryId, testId }: { libraryId: string | undefined; testId: string }) {
  const t = useT();
  const [name, setName] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!libraryId) return;
    let live = true;
    api()
      .call('library.get', { id: libraryId })
      .then(
        (asset) => live && setName(asset.name),
        () => live && setName(null),
      );
    return () => {
      live = false;
    };
  }, [libraryId]);
  if (!libraryId || name === undefined) return null;
  return (
    <p className="muted" data-testid={testId} data-asset-id={libraryId}>
      {name === null ? t('gen.libraryPick.gone') : t('gen.libraryPick.chosen', { name })}
    </p>
  );
}
