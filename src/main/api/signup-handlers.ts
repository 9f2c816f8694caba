import type { SignupCallName } from '../../shared/api/signup-contract.js';
import type { Studio } from '../studio.js';
import type { Handlers } from './handlers.js';

/** Handlers of the sign-up, verification, password-reset and device-id calls; spread into createHandlers. */
export function signupHandlers(studio: Studio): Pick<Handlers, SignupCallName> {
  const flow = studio.signup;
  return {
    'account.register': (input) => flow.register(input),
    'account.verifyEmail': (input) => flow.verifyEmail(input),
    'account.resendVerification': (input) => flow.resendVerification(input),
    'account.requestPasswordReset': (input) => flow.requestPasswordReset(input),
    'account.confirmPasswordReset': (input) => flow.confirmPasswordReset(input),
    'account.pendingReferral': () => flow.takeReferral(),
    'device.salt': () => ({ salt: studio.sync.device.salt() }),
    'device.report': ({ id }) => {
      studio.sync.device.report(id);
      return { ok: true };
    },
  };
}
