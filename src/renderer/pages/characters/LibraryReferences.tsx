import { useState } from 'react';
import type { CharacterView } from '../../../shared/api/character-contract.js';
import { api } from '../../api/index.js';
import { LibraryImagePicker } from '../../components/LibraryImagePicker.js';
import { useT } from '../../i18n/index.js';

/** The most library images added in one go (the call's limit). */
const MAX_PICK = 10;

/** Reference images picked from the library (imports and generated outputs alike) instead of uploaded again. */
export function LibraryReferences({ character, onAdded, onError }: { character: CharacterView; onAdded(view: CharacterView): void; onError(err: unknown): void }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const [adding, setAdding] = useState(false);
  const taken = new Set(character.references.map((r) => r.assetId));

  async function add() {
    setAdding(true);
    try {
      onAdded(await api().call('character.addReferenceAssets', { id: character.id, assetIds: chosen, origin: 'upload' }));
      setChosen([]);
      setOpen(false);
    } catch (err) {
      onError(err);
    } finally {
      setAdding(false);
    }
  }

  if (!open) {
    return (
      <button type="button" className="btn btn--ghost" data-testid="character-ref-library" onClick={() => setOpen(true)}>
        {t('character.refs.fromLibrary')}
      </button>
    );
  }
  return (
    <div data-testid="character-ref-library-panel" style={{ display: 'grid', gap: 8 }}>
      <LibraryImagePicker chosen={chosen} max={MAX_PICK} testId="character-ref-pick" onToggle={(id) => !taken.has(id) && setChosen((c) => (c.includes(id) ? c.filter((x) => x !== id) : [...c, id]))} />
      <div style={{ display: 'flex', gap: 8 }}>
        <button type="button" className="btn btn--primary btn--small" disabled={chosen.length === 0 || adding} data-testid="character-ref-library-add" onClick={() => void add()}>
          {t('character.refs.addChosen', { count: chosen.length })}
        </button>
        <button type="button" className="btn btn--ghost btn--small" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
