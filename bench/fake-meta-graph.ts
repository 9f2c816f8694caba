/**
 * bench:publish's Facebook, in a process of its own as the real platform is: the loopback Graph
 * API fake the outbox tests use, with the Pages given in BENCH_FAKE_PAGES (JSON). It tells its
 * parent its address and user token over IPC, answers `{ type: 'publishes' }` with how many posts
 * went live, and goes when the parent does. Left in the bench's process, the platform's own work
 * took turns on main's event loop with the outbox's, and on the bare exchange's with the client's.
 */
import { startFakeMetaGraph, type FakePage } from '../test/publish/fakes/meta-graph.js';

export interface FakeGraphHello {
  url: string;
  userToken: string;
}

const pages = JSON.parse(process.env.BENCH_FAKE_PAGES ?? '[]') as FakePage[];
const graph = await startFakeMetaGraph({ accountsPageSize: 10, pages });
process.on('message', (m: { type?: string }) => {
  if (m.type === 'publishes') process.send!({ publishes: graph.publishes });
});
process.on('disconnect', () => process.exit(0));
process.send!({ url: graph.url, userToken: graph.userToken } satisfies FakeGraphHello);
