import { useEffect, useState } from 'react';
import type { DirectorScript } from '../../../shared/generate/requests.js';
import type { VideoProject } from '../../../shared/generate/projects.js';
import { api, errorInfoOf } from '../../api/index.js';
import { Icon } from '../../components/Icon.js';
import { useLanguage, useT } from '../../i18n/index.js';
import { formatSeconds } from '../../lib/format.js';
import { useGenerateStore } from '../../stores/generateStore.js';
import { toastError, toastSuccess } from '../../stores/toastStore.js';
import { RenderBar } from './RenderBar.js';
import { SceneEditor } from './SceneEditor.js';
import { blankScene, isValidDraft, moveScene } from './scriptDraft.js';

/** The editable scene list of a written script, saved with video.updateScript, and the Render bar. */
export function ScriptEditor({ project, script }: { project: VideoProject; script: DirectorScript }) {
  const t = useT();
  const language = useLanguage();
  const live = useGenerateStore((s) => s.live);
  const [draft, setDraft] = useState<DirectorScript>(script);
  const [base, setBase] = useState<DirectorScript>(script);
  const [saving, setSaving] = useState(false);
  const dirty = JSON.stringify(draft) !== JSON.stringify(base);
  const busy = project.status === 'rendering' || project.status === 'composing';

  // Follow the saved script (a save, another window) unless the user is mid-edit.
  useEffect(() => {
    setBase((previous) => {
      if (JSON.stringify(previous) === JSON.stringify(script)) return previous;
      setDraft((current) => (JSON.stringify(current) === JSON.stringify(previous) ? script : current));
      return script;
    });
  }, [script]);

  async function save() {
    setSaving(true);
    try {
      const saved = await api().call('video.updateScript', { id: project.id, script: draft });
      useGenerateStore.getState().received(saved);
      if (saved.script) {
        setBase(saved.script);
        setDraft(saved.script);
      }
      toastSuccess(t('director.saved'));
    } catch (err) {
      toastError(errorInfoOf(err));
    } finally {
      setSaving(false);
    }
  }

  const total = draft.scenes.reduce((sum, s) => sum + s.duration, 0);
  const valid = isValidDraft(draft);
  return (
    <>
      <section className="card" data-testid="director-script">
        <div className="field">
          <label className="field__label" htmlFor="director-video-title">
            {t('director.videoTitle')}
          </label>
          <input id="director-video-title" className="input" maxLength={80} value={draft.title} disabled={busy} data-testid="director-video-title" onChange={(e) => setDraft({ ...draft, title: e.target.value })} />
        </div>
        <h2 className="gen-subtitle">
          {t('director.scenes')} · <span data-testid="director-total">{t('director.total', { seconds: formatSeconds(total, language) })}</span>
        </h2>
        <ol className="scene-list">
          {draft.scenes.map((scene, i) => {
            const state = project.scenes[i] ?? null;
            return (
              <SceneEditor
                key={i}
                scene={scene}
                index={i}
                count={draft.scenes.length}
                state={state}
                live={state?.jobId ? (live[state.jobId] ?? null) : null}
                locked={busy}
                onChange={(next) => setDraft({ ...draft, scenes: draft.scenes.map((s, j) => (j === i ? next : s)) })}
                onMove={(delta) => setDraft({ ...draft, scenes: moveScene(draft.scenes, i, delta) })}
                onDelete={() => setDraft({ ...draft, scenes: draft.scenes.filter((_, j) => j !== i) })}
              />
            );
          })}
        </ol>
        <div className="director-bar">
          <button type="button" className="btn btn--ghost" disabled={busy || draft.scenes.length >= 12} data-testid="director-add" onClick={() => setDraft({ ...draft, scenes: [...draft.scenes, blankScene(draft.scenes.at(-1))] })}>
            <Icon name="plus" />
            {t('director.add')}
          </button>
          <div className="director-bar__actions">
            {dirty ? <span className="muted" data-testid="director-unsaved">{valid ? t('director.unsaved') : t('director.invalid')}</span> : null}
            <button type="button" className="btn btn--ghost" disabled={!dirty || saving} data-testid="director-discard" onClick={() => setDraft(base)}>
              {t('settings.discard')}
            </button>
            <button type="button" className="btn btn--primary" disabled={!dirty || !valid || saving || busy} data-testid="director-save" onClick={() => void save()}>
              {saving ? t('common.saving') : t('director.save')}
            </button>
          </div>
        </div>
      </section>
      <RenderBar project={project} dirty={dirty} />
    </>
  );
}
