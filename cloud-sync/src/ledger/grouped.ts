import type { GroupTx } from './hot-path-rules.js';
import { canonicalId } from './ids.js';
import { captureRequest, holdRequest } from './plan.js';
import type { CaptureInput, CaptureResult, HoldInput, HoldResult, ReleaseResult } from './types.js';
import { requestHash } from './types.js';

/**
 * The ledger's writes inside a group commit (Ledger.grouped), as the ledger's own calls take them:
 * ids made canonical and the idempotency hashes computed here, so an operation written this way
 * leaves the same journal as Ledger.hold / capture / release would.
 */
export interface LedgerGroupTx {
  readonly now: number;
  hold(userId: string, raw: HoldInput): HoldResult;
  capture(userId: string, rawHoldId: string, raw: CaptureInput): CaptureResult;
  release(userId: string, rawHoldId: string, rawId: string): ReleaseResult;
}

export function ledgerGroupTx(g: GroupTx): LedgerGroupTx {
  return {
    now: g.now,
    hold: (userId, raw) => {
      const input = { ...raw, id: canonicalId(raw.id) };
      return g.hold(userId, input, requestHash('hold', holdRequest(input)));
    },
    capture: (userId, rawHoldId, raw) => {
      const holdId = canonicalId(rawHoldId);
      const input = { ...raw, id: canonicalId(raw.id) };
      return g.capture(userId, holdId, input, requestHash('capture', captureRequest(holdId, input)));
    },
    release: (userId, rawHoldId, rawId) => {
      const holdId = canonicalId(rawHoldId);
      return g.release(userId, holdId, canonicalId(rawId), requestHash('release', { hold_id: holdId }));
    },
  };
}
