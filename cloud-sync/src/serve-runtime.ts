/**
 * The Node flags `kingjam-cloud serve` runs under. V8 fixes its heap's sizes when the process
 * starts, so the `kingjam-cloud` command starts the server in a child process with these flags
 * when it was not started with them (bin/kingjam-cloud.js); a flag of the same name the operator
 * gave, on the command line or in NODE_OPTIONS, is left as it is.
 *
 * `--max-semi-space-size=2` (MB): a streamed generation call allocates about 110 KB, and with
 * V8's default young generation (growing to 16 MB) a scavenge came about once a second and
 * stopped the event loop 4–10 ms (p50 5 ms), long enough to show in the gateway's p99. With
 * 2 MB it comes every ~50 ms and stops it 1.5 ms (p90 3 ms). bench:gateway, 20-s runs
 * alternated in one sitting: added p99 4.5 / 5.5 / 5.9 / 5.7 / 6.4 ms against the default's
 * 4.9 / 5.8 / 7.8 / 6.4 / 7.5 ms, for about 5 % more CPU per call; 1 MB was worse (9.0, 11.7).
 *
 * `--heap-growing-percent=400`: after a full (mark-compact) GC the old generation may grow to 5×
 * what survived it before the next one, instead of V8's dynamic factor (1.3–1.8× in traced runs). With
 * the small young generation some of every call's objects are promoted (about 2.4 MB a second at
 * 200 streamed calls/s), so a full GC came every 4–10 s of such load and stopped the event loop
 * 4–14 ms, plus incremental marking steps of up to 6 ms: in traced bench:gateway runs, the rounds
 * holding one carried most of the calls past 5 ms added. With 5× it comes about once a minute
 * of that load (one in a 40-s run, a 3 ms pause); the cost is memory: the old generation reaches
 * about 5× the live heap (~35 MB live here) before it is collected.
 */
export const SERVE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2', '--heap-growing-percent=400'];

/** A flag's name: V8 reads `--max_semi_space_size` as `--max-semi-space-size`. */
const nameOf = (flag: string): string => (flag.split('=')[0] ?? flag).replace(/_/g, '-');

/** Those of SERVE_NODE_FLAGS not among the process's own flags (`process.execArgv`) nor in NODE_OPTIONS. */
export function missingServeFlags(execArgv: readonly string[], nodeOptions = ''): string[] {
  const given = new Set([...execArgv, ...nodeOptions.split(/\s+/)].filter(Boolean).map(nameOf));
  return SERVE_NODE_FLAGS.filter((flag) => !given.has(nameOf(flag)));
}
