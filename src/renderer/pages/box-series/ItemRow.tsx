import { useEffect, useState } from 'react';
import type { CharacterSummary, ReferenceView } from '../../../shared/api/character-contract.js';
import type { MeshModelView } from '../../../shared/api/mesh-contract.js';
import { TIERS } from '../../../shared/boxes/fair.js';
import { api } from '../../api/index.js';
import { LibraryImagePicker } from '../../components/LibraryImagePicker.js';
import { useT } from '../../i18n/index.js';
import type { ItemForm } from './draft.js';
import { TierSelect } from './TierSelect.js';

/** What a character brings to an item: its reference pictures and its 3D models (with their packs). */
interface CharacterParts {
  references: ReferenceView[];
  models: MeshModelView[];
}

function useCharacterParts(characterId: string | null): CharacterParts {
  const [parts, setParts] = useState<CharacterParts>({ references: [], models: [] });
  useEffect(() => {
    if (!characterId) {
      setParts({ references: [], models: [] });
      return;
    }
    let live = true;
    void (async () => {
      try {
        const [character, summaries] = await Promise.all([api().call('character.get', { id: characterId }), api().call('mesh.models', { characterId, limit: 20 })]);
        const models = await Promise.all(summaries.map((m) => api().call('mesh.model', { id: m.id })));
        if (live) setParts({ references: character.references, models });
      } catch {
        // A character deleted meanwhile: the item keeps its name and odds, without pictures to pick.
        if (live) setParts({ references: [], models: [] });
      }
    })();
    return () => {
      live = false;
    };
  }, [characterId]);
  return parts;
}

const hasPack = (m: MeshModelView) => m.packs.some((p) => p.status === 'succeeded' && p.file);

/** One item of the series: from a character (its picture from its references or the library, an optional 3D figure), name, tier, odds, stock. */
export function ItemRow({ item, index, characters, error, onChange, onRemove }: {
  item: ItemForm;
  index: number;
  characters: CharacterSummary[];
  error: 'name' | 'stock' | undefined;
  onChange(patch: Partial<ItemForm>): void;
  onRemove(): void;
}) {
  const t = useT();
  const parts = useCharacterParts(item.characterId);
  const [library, setLibrary] = useState(false);
  const id = `series-item-${item.key}`;

  function pickCharacter(characterId: string) {
    const c = characters.find((x) => x.id === characterId);
    onChange({ characterId: c?.id ?? null, name: item.name || c?.name || '', imageAssetId: null, meshModelId: null });
  }

  return (
    <li className="card" data-testid="series-item-row" data-index={index} style={{ display: 'grid', gap: 8 }}>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'end' }}>
        <label className="field">
          <span className="field__label">{t('boxstudio.item.character')}</span>
          <select className="input" data-testid="item-character" value={item.characterId ?? ''} onChange={(e) => pickCharacter(e.target.value)}>
            <option value="">{t('boxstudio.item.noCharacter')}</option>
            {characters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('boxstudio.item.name')}</span>
          <input
            id={`${id}-name`}
            className={error === 'name' ? 'input input--invalid' : 'input'}
            data-testid="item-name"
            maxLength={80}
            value={item.name}
            aria-invalid={error === 'name' ? true : undefined}
            onChange={(e) => onChange({ name: e.target.value })}
          />
          {error === 'name' ? <span className="field__error">{t('boxstudio.err.itemName')}</span> : null}
        </label>
        <TierSelect label={t('boxstudio.item.tier')} tiers={TIERS} value={item.tier} testId="item-tier" onChange={(tier) => onChange({ tier })} />
        <label className="field">
          <span className="field__label">{t('boxstudio.item.odds')}</span>
          <input className="input" data-testid="item-odds" inputMode="decimal" style={{ width: 110 }} value={item.odds} onChange={(e) => onChange({ odds: e.target.value })} />
        </label>
        <label className="field" style={{ flexDirection: 'row', alignItems: 'center', gap: 6 }}>
          <input type="checkbox" data-testid="item-unlimited" checked={item.unlimited} onChange={(e) => onChange({ unlimited: e.target.checked })} />
          <span>{t('boxstudio.item.unlimited')}</span>
        </label>
        {item.unlimited ? null : (
          <label className="field">
            <span className="field__label">{t('boxstudio.item.stock')}</span>
            <input
              className={error === 'stock' ? 'input input--invalid' : 'input'}
              data-testid="item-stock"
              inputMode="numeric"
              style={{ width: 110 }}
              value={item.stock}
              aria-invalid={error === 'stock' ? true : undefined}
              onChange={(e) => onChange({ stock: e.target.value })}
            />
            {error === 'stock' ? <span className="field__error">{t('boxstudio.err.stock')}</span> : null}
          </label>
        )}
        <button type="button" className="btn btn--ghost" data-testid="item-remove" onClick={onRemove}>
          {t('boxstudio.item.remove')}
        </button>
      </div>
      <div className="field">
        <span className="field__label">{t('boxstudio.item.image')}</span>
        {parts.references.length > 0 ? (
          <ul className="media-picker__grid" style={{ maxWidth: 480 }}>
            {parts.references.map((r) => (
              <li key={r.assetId}>
                <button
                  type="button"
                  className={item.imageAssetId === r.assetId ? 'media-picker__item media-picker__item--chosen' : 'media-picker__item'}
                  aria-pressed={item.imageAssetId === r.assetId}
                  data-testid="item-image-ref"
                  data-asset-id={r.assetId}
                  onClick={() => onChange({ imageAssetId: r.assetId })}
                >
                  <img className="thumb" src={api().mediaUrl(r.thumb ?? r.file)} alt="" />
                  <span className="media-picker__name">{r.name}</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
          <button type="button" className="btn btn--ghost" data-testid="item-image-library" aria-expanded={library} onClick={() => setLibrary((o) => !o)}>
            {t('boxstudio.item.imageFromLibrary')}
          </button>
          <span className="muted" data-testid="item-image-chosen" data-asset-id={item.imageAssetId ?? ''}>
            {item.imageAssetId ? null : t('boxstudio.item.noImage')}
          </span>
        </div>
        {library ? (
          <LibraryImagePicker
            chosen={item.imageAssetId ? [item.imageAssetId] : []}
            max={1}
            testId="item-image-pick"
            onToggle={(assetId) => {
              onChange({ imageAssetId: item.imageAssetId === assetId ? null : assetId });
              setLibrary(false);
            }}
          />
        ) : null}
      </div>
      {parts.models.length > 0 ? (
        <label className="field">
          <span className="field__label">{t('boxstudio.item.model')}</span>
          <select className="input" data-testid="item-model" value={item.meshModelId ?? ''} onChange={(e) => onChange({ meshModelId: e.target.value || null })}>
            <option value="">{t('boxstudio.item.noModel')}</option>
            {parts.models.map((m) => (
              <option key={m.id} value={m.id} disabled={!hasPack(m)}>
                {hasPack(m) ? m.name : t('boxstudio.item.modelNoPack', { name: m.name })}
              </option>
            ))}
          </select>
        </label>
      ) : null}
    </li>
  );
}
