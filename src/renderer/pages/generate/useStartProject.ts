import { useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { Project, ProjectKind } from '../../../shared/generate/projects.js';
import { errorInfoOf } from '../../api/index.js';
import { useGenerateStore } from '../../stores/generateStore.js';

/** Starting a generation from a form: the call, then the new project shown; a refusal (credits, keys) kept as the form's error. */
export function useStartProject(kind: ProjectKind, call: () => Promise<Project>) {
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  async function start() {
    setStarting(true);
    setError(null);
    try {
      const project = await call();
      const store = useGenerateStore.getState();
      store.received(project);
      store.select(kind, project.id);
    } catch (err) {
      setError(errorInfoOf(err));
    } finally {
      setStarting(false);
    }
  }
  return { starting, error, start };
}
