import type { CallInput } from '../../../shared/api/contract.js';
import { useEstimateCall, type EstimateState } from '../generate/useEstimate.js';

export type PhotoEstimateInput = CallInput<'photo.estimate'>;

/** What a photo run would cost, asked again (debounced) whenever the request changes; null input: nothing to price yet. */
export function usePhotoEstimate(input: PhotoEstimateInput | null): EstimateState {
  return useEstimateCall('photo.estimate', input);
}
