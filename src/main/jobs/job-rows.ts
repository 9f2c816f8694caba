import os from 'node:os';
import { StudioError } from '../../shared/errors.js';
import { isJobKind, jobKinds } from '../../shared/jobs/kinds.js';
import { say } from '../../shared/messages.js';
import type { JobRow, JobStore } from './store.js';

type KindSpec = (typeof jobKinds)[keyof typeof jobKinds];

/** A job's kind and payload as the queue accepts them: a known kind, the payload checked by its schema (defaults filled in). */
export function validJobPayload(kind: string, payload: unknown): { spec: KindSpec; payload: unknown } {
  if (!isJobKind(kind)) throw new StudioError({ code: 'UNKNOWN_JOB_KIND', message: `Unknown job kind "${kind}".`, ...say('job.unknownKind', { kind }) });
  const spec: KindSpec = jobKinds[kind];
  const parsed = spec.payload.safeParse(payload);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || '(root)';
    throw new StudioError({
      code: 'BAD_INPUT',
      message: `Invalid ${kind} job: ${field}: ${issue?.message ?? 'invalid'}.`,
      field: issue?.path.join('.'),
      ...say('job.invalidPayload', { field }),
    });
  }
  return { spec, payload: parsed.data };
}

/**
 * Jobs left running by a process of ours that is gone (killed, crashed): on
 * this host, not `owner`, and its pid no longer alive. Jobs of a live process
 * elsewhere are left to their lease.
 */
export function orphanedRuns(jobs: JobStore, owner: string): JobRow[] {
  const host = os.hostname();
  return jobs.runningNotOwnedBy(owner).filter((row) => {
    const [ownerHost, ownerPid] = (row.lease_owner ?? '').split(':');
    return ownerHost === host && !!ownerPid && !isAlive(Number(ownerPid));
  });
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
