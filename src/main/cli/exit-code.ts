import { StudioError, toErrorInfo, type ErrorInfo } from '../../shared/errors.js';
import { say } from '../../shared/messages.js';

/**
 * `kingjam` exits 2 for a usage error — a flag, argument or request the
 * command line got wrong — and 1 for every other failure. A service that
 * answers 400 (a bad request, filtered content) also says BAD_INPUT, but the
 * command line was fine: that, and anything a job reports, is exit 1.
 */

/** Work that ran and failed (a job, a project): exit 1 whatever its code. */
export class WorkFailed extends StudioError {}

export function exitCode(err: unknown): 1 | 2 {
  if (err instanceof WorkFailed) return 1;
  const info = toErrorInfo(err);
  return info.code === 'BAD_INPUT' && !info.key?.startsWith('provider.') ? 2 : 1;
}

/**
 * Why a job, run or project that did not succeed and brought no error of its
 * own ended: canceled (someone stopped it) is said in the user's language;
 * any other end was not expected, and prints as an internal error.
 */
export function endedWithout(status: string, what: string): ErrorInfo {
  if (status === 'canceled') return { code: 'CANCELED', message: `The ${what} was canceled.`, ...say('cli.canceled') };
  return { code: 'INTERNAL', message: `The ${what} ended ${status} without an error.` };
}
