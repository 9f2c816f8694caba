import { useEffect, useState } from 'react';
import type { CallInput } from '../../../shared/api/contract.js';
import { api, errorInfoOf } from '../../api/index.js';
import type { EstimateState } from '../generate/useEstimate.js';

export type PhotoEstimateInput = CallInput<'photo.estimate'>;

/** What a photo run would cost, asked again (debounced) whenever the request changes; null input: nothing to price yet. */
export function usePhotoEstimate(input: PhotoEstimateInput | null): EstimateState {
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
        .call('photo.estimate', JSON.parse(key) as PhotoEstimateInput)
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
