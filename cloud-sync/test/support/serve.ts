// Runs the real CLI (as `kingjam-cloud` does from dist) straight from the TypeScript sources.
import { main } from '../../src/cli.js';

process.exitCode = await main(process.argv.slice(2));
