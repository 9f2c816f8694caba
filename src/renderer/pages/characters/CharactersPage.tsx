import { useEffect } from 'react';
import { api } from '../../api/index.js';
import { EmptyState } from '../../components/EmptyState.js';
import { ErrorText } from '../../components/ErrorText.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useT } from '../../i18n/index.js';
import { useCharacterStore } from '../../stores/characterStore.js';
import { CharacterDetail } from './CharacterDetail.js';
import { PromptBoard } from './PromptBoard.js';

/**
 * Characters (issue 16): the list, the Prompt-Board that turns keywords into
 * three concepts to pick from, and a character's own page with its profile,
 * references, locked style, variants and 3D models.
 */
export function CharactersPage() {
  const t = useT();
  const screen = useCharacterStore((s) => s.screen);
  const error = useCharacterStore((s) => s.error);
  const show = useCharacterStore((s) => s.show);
  useEffect(() => {
    void useCharacterStore.getState().load();
  }, []);
  return (
    <div className="page" data-testid="characters-page">
      <PageHeader
        title={t('character.nav')}
        subtitle={t('character.subtitle')}
        actions={
          screen.kind === 'list' ? (
            <button type="button" className="btn btn--primary" data-testid="character-new" onClick={() => show({ kind: 'board' })}>
              {t('character.new')}
            </button>
          ) : (
            <button type="button" className="btn btn--ghost" data-testid="character-back" onClick={() => show({ kind: 'list' })}>
              {t('character.back')}
            </button>
          )
        }
      />
      {error ? (
        <div className="error-panel" role="alert" data-testid="character-error">
          <ErrorText error={error} messageTestId="character-error-message" />
        </div>
      ) : null}
      {screen.kind === 'list' ? <CharacterList /> : screen.kind === 'board' ? <PromptBoard /> : <CharacterDetail />}
    </div>
  );
}

function CharacterList() {
  const t = useT();
  const list = useCharacterStore((s) => s.list);
  const show = useCharacterStore((s) => s.show);
  if (list === null) return null;
  if (list.length === 0) return <EmptyState icon="account" title={t('character.list.empty')} testId="character-list-empty" />;
  return (
    <ul className="card-grid" data-testid="character-list" style={{ listStyle: 'none', padding: 0, display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(220px, 1fr))' }}>
      {list.map((c) => (
        <li key={c.id}>
          <button type="button" className="card" style={{ width: '100%', textAlign: 'start' }} data-testid="character-card" data-id={c.id} onClick={() => show({ kind: 'character', id: c.id })}>
            {c.cover ? <img src={api().mediaUrl(c.cover)} alt="" style={{ width: '100%', aspectRatio: '3 / 4', objectFit: 'cover' }} /> : null}
            <strong>{c.name}</strong>
            <span className="muted"> {c.keywords.join('、')}</span>
            <span className="badge">{t('character.list.variants', { count: c.variants })}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
