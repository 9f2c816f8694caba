import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import type { BatchRequest, BatchView } from '../../src/shared/kol/batch.js';
import { personaInputSchema, type PersonaInput } from '../../src/shared/kol/persona.js';
import { TRIGGERS_ALLOW_PRIVATE_ENV } from '../../src/shared/kol/triggers.js';
import type { BatchStarter } from '../../src/main/kol/ports.js';
import { KolStore } from '../../src/main/kol/store.js';
import { KolTriggerService } from '../../src/main/kol-trig/service.js';
import { aesGcmCipher, sealedFileStore } from '../../src/main/secrets/store.js';
import { openStore, type Store } from '../../src/main/store/db.js';
import { tempHome } from '../helpers/studio.js';

/** A clock the test moves by hand. */
export class TestClock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/**
 * The batch engine's seam as a recorder: it keeps every BatchRequest it is
 * handed (what a schedule asked to write), and can be told to refuse.
 */
export class RecordingStarter implements BatchStarter {
  readonly requests: BatchRequest[] = [];
  failWith: Error | null = null;

  start(request: BatchRequest): Promise<BatchView> {
    if (this.failWith) return Promise.reject(this.failWith);
    this.requests.push(request);
    const now = Date.now();
    return Promise.resolve({
      id: `batch-${this.requests.length}`,
      title: request.title,
      state: 'running',
      concurrency: request.concurrency ?? 2,
      totals: { items: request.items.length, succeeded: 0, failed: 0, remaining: request.items.length, percent: 0 },
      creditsHeld: 0,
      creditsSpent: 0,
      createdAt: now,
      finishedAt: null,
    });
  }
}

export interface TriggerHarness {
  store: Store;
  kol: KolStore;
  clock: TestClock;
  starter: RecordingStarter;
  service: KolTriggerService;
  persona(nickname: string, extra?: Partial<PersonaInput>): string;
}

export function openTriggerHarness(options: { allowPrivate?: boolean; start?: number } = {}): TriggerHarness {
  const home = tempHome('kingjam-trig-');
  const store = openStore(path.join(home, 'studio.db'));
  const kol = new KolStore(store);
  const clock = new TestClock(options.start ?? Date.parse('2027-03-01T00:00:00Z'));
  const starter = new RecordingStarter();
  const secrets = sealedFileStore(path.join(home, 'secrets'), aesGcmCipher(randomBytes(32)), 'encrypted-file');
  const env = options.allowPrivate === false ? {} : { [TRIGGERS_ALLOW_PRIVATE_ENV]: '1' };
  const service = new KolTriggerService({ store, starter, secrets, clock, env });
  return {
    store,
    kol,
    clock,
    starter,
    service,
    persona(nickname, extra = {}) {
      const id = randomUUID();
      kol.insertPersona(id, personaInputSchema.parse({ nickname, persona: `${nickname} writes about markets.`, ...extra }), clock.now());
      return id;
    },
  };
}
