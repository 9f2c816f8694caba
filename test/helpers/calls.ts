import { dispatchCall } from '../../src/main/api/dispatch.js';
import type { Handlers } from '../../src/main/api/handlers.js';
import type { CallName, CallOutput } from '../../src/shared/api/contract.js';
import type { ErrorInfo } from '../../src/shared/errors.js';

/**
 * Contract calls through the real handlers, as the renderer makes them: `call`
 * returns the value or throws with the error's info; `refused` returns the
 * error and throws when the call succeeds. `handlers` is read on each call, so
 * a test may build them in beforeAll.
 */
export function contractCalls(handlers: () => Handlers) {
  return {
    async call<N extends CallName>(name: N, input: unknown): Promise<CallOutput<N>> {
      const r = await dispatchCall(handlers(), name, input);
      if (!r.ok) throw Object.assign(new Error(r.error.message), { info: r.error });
      return r.value as CallOutput<N>;
    },
    async refused(name: CallName, input: unknown): Promise<ErrorInfo> {
      const r = await dispatchCall(handlers(), name, input);
      if (r.ok) throw new Error(`${name} succeeded: ${JSON.stringify(r.value)}`);
      return r.error;
    },
  };
}
