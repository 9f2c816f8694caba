// `kingjam-cloud` straight from the TypeScript sources (tsx), for benchmarks and tests.
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
