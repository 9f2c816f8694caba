import { useEffect, useState } from 'react';
import type { CharacterView } from '../../../shared/api/character-contract.js';
import type { StyleProfileView } from '../../../shared/style/profile.js';
import { api } from '../../api/index.js';
import { useT } from '../../i18n/index.js';
import { useNavigationStore } from '../../stores/navigationStore.js';
import { useStyleStore } from '../../stores/styleStore.js';

/** Palette colours shown beside the linked style's name: enough to recognise it, the Style-Locker page shows all. */
const SWATCHES = 6;

/** Why a style cannot be linked now, or null when it can (only a locked, extracted style is applied to a generation). */
export function blockedReason(s: StyleProfileView): 'extracting' | 'failed' | 'unlocked' | null {
  if (s.status === 'extracting') return 'extracting';
  if (s.status === 'failed') return 'failed';
  return s.locked ? null : 'unlocked';
}

/**
 * The character's locked style on its own page: every style profile in a
 * picker (the ones that cannot be linked yet are listed disabled with the
 * reason), "none", saved as soon as it is chosen. The linked style shows
 * its name and palette, and what is wrong with it since it was linked
 * (unlocked, deleted). The Style-Locker's store is kept live by
 * `style.updated`, so a lock, unlock, rename or delete shows here at once.
 */
export function StyleLink({ character, onLinked, onError }: { character: CharacterView; onLinked: (view: CharacterView) => void; onError: (err: unknown) => void }) {
  const t = useT();
  const styles = useStyleStore((s) => s.styles);
  const load = useStyleStore((s) => s.load);
  const go = useNavigationStore((s) => s.go);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    // The store may not be loaded yet when the Style-Locker page was never opened; after that events keep it live.
    if (useStyleStore.getState().styles === null) void load();
  }, [load]);

  const linkedId = character.styleId;
  const linked = linkedId ? (styles?.find((s) => s.id === linkedId) ?? null) : null;
  const gone = linkedId !== null && styles !== null && linked === null;
  const problem = gone ? 'deleted' : linked ? blockedReason(linked) : null;
  const choosable = (styles ?? []).filter((s) => blockedReason(s) === null);

  async function link(styleId: string | null) {
    setSaving(true);
    try {
      onLinked(await api().call('character.update', { id: character.id, styleId }));
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  }

  return (
    <div data-testid="character-style-link" data-linked={linkedId ?? ''} data-problem={problem ?? ''}>
      <h3>{t('character.field.style')}</h3>
      <div style={{ display: 'flex', alignItems: 'center', gap: 12, flexWrap: 'wrap' }}>
        <strong data-testid="character-style">{linkedId ? (linked?.name ?? (gone ? t('character.style.deletedName') : '…')) : t('character.style.none')}</strong>
        {linked?.features ? (
          <ul data-testid="character-style-palette" aria-label={t('style.palette')} style={{ display: 'flex', gap: 4, listStyle: 'none', padding: 0, margin: 0 }}>
            {linked.features.palette.slice(0, SWATCHES).map((c) => (
              <li key={c.hex} data-testid="character-style-swatch" data-hex={c.hex} title={`${c.hex} · ${Math.round(c.weight * 100)}%`}>
                <span style={{ display: 'block', width: 24, height: 24, borderRadius: 4, background: c.hex, border: '1px solid rgba(0,0,0,.15)' }} />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {problem ? (
        <p className="muted" role="status" data-testid="character-style-problem">
          {t(`character.style.problem.${problem}`)}
        </p>
      ) : null}
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap', marginTop: 8 }}>
        <label htmlFor="character-style-select" className="field__label">
          {t('character.style.choose')}
        </label>
        <select id="character-style-select" className="select" value={linkedId ?? ''} disabled={saving || styles === null} data-testid="character-style-select" onChange={(e) => void link(e.target.value || null)}>
          <option value="">{t('character.style.noneOption')}</option>
          {(styles ?? []).map((s) => {
            const why = blockedReason(s);
            return (
              // The linked style stays selectable even when it no longer can be linked, so the picker shows what is saved.
              <option key={s.id} value={s.id} disabled={why !== null && s.id !== linkedId} data-blocked={why ?? ''}>
                {why ? t('character.style.blockedOption', { name: s.name, why: t(`character.style.why.${why}`) }) : s.name}
              </option>
            );
          })}
          {gone ? <option value={linkedId}>{t('character.style.deletedName')}</option> : null}
        </select>
      </div>
      {styles !== null && choosable.length === 0 ? (
        <p className="muted" data-testid="character-style-hint">
          {t(styles.length === 0 ? 'character.style.hint.noStyles' : 'character.style.hint.noneLocked')}{' '}
          <button type="button" className="btn btn--ghost btn--small" data-testid="character-style-open-locker" onClick={() => go('styles')}>
            {t('character.style.openLocker')}
          </button>
        </p>
      ) : null}
    </div>
  );
}
