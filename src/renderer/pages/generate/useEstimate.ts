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

/** The contract calls that price a request before it runs. */
type EstimateCall = 'generate.estimate' | 'photo.estimate';

/** What a request would cost, asked again (debounced) whenever the request changes; null input: nothing to price yet. */
export function useEstimateCall<K extends EstimateCall>(call: K, input: CallInput<K> | null): EstimateState {
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
        .call(call, JSON.parse(key) as CallInput<K>)
        .then((estimate) => live && setState({ estimate: estimate as Estimate, error: null, loading: false }))
        .catch((err: unknown) => live && setState({ estimate: null, error: errorInfoOf(err), loading: false }));
    }, 200);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [call, key]);
  return state;
}

/** What a generator's request would cost. */
export function useEstimate(input: EstimateInput | null): EstimateState {
  return useEstimateCall('generate.estimate', input);
}
