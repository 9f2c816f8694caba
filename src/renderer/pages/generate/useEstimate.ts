import { useEffect, useState } from 'react';
import type { CallInput } from '../../../shared/api/contract.js';
import type { ErrorInfo } from '../../../shared/errors.js';
import type { Estimate } from '../../../shared/pricing.js';
import { api, errorInfoOf } from '../../api/index.js';

export type EstimateInput = CallInput<'generate.estimate'>;

export interface EstimateState {
  estimate: Estimate | null;
  error: ErrorInfo | null;
  loading: boolean;
}

/** What a request would cost, asked again (debounced) whenever the request changes. */
export function useEstimate(input: EstimateInput | null): EstimateState {
  const key = input ? JSON.stringify(input) : '';
  const [state, setState] = useState<EstimateState>({ estimate: null, error: null, loading: input !== null });
  useEffect(() => {
    if (!key) {
      setState({ estimate: null, error: null, loading: false });
      return;
    }
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api()
        .call('generate.estimate', JSON.parse(key) as EstimateInput)
        .then((estimate) => live && setState({ estimate, error: null, loading: false }))
        .catch((err: unknown) => live && setState({ estimate: null, error: errorInfoOf(err), loading: false }));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [key]);
  return state;
}
