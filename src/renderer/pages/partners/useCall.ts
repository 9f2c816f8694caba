import { useCallback, useEffect, useRef, useState } from 'react';
import type { ErrorInfo } from '../../../shared/errors.js';
import { errorInfoOf } from '../../api/index.js';

export interface Loaded<T> {
  data: T | null;
  error: ErrorInfo | null;
  loading: boolean;
  reload(): Promise<void>;
  set(data: T): void;
}

/** Loads once on mount (and on reload); keeps the last data while reloading; ignores answers that arrive after a newer request. */
export function useLoad<T>(load: () => Promise<T>, enabled = true): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [loading, setLoading] = useState(enabled);
  const ticket = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++ticket.current;
    setLoading(true);
    try {
      const value = await loadRef.current();
      if (mine === ticket.current) {
        setData(value);
        setError(null);
      }
    } catch (err) {
      if (mine === ticket.current) setError(errorInfoOf(err));
    } finally {
      if (mine === ticket.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    if (enabled) void reload();
  }, [enabled, reload]);

  return { data, error, loading, reload, set: setData };
}

/** Runs an action with a busy flag and keeps its error for the form to show. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const run = useCallback(async <T,>(action: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    try {
      return await action();
    } catch (err) {
      setError(errorInfoOf(err));
      return null;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run, clear: () => setError(null) };
}
