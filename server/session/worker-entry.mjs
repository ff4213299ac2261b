// Plain-JS entry of a simulation worker: registers tsx's TypeScript loader in this thread, then loads worker.ts.
// (Node 20 does not apply `--import tsx` from a Worker's execArgv to the worker's own entry module, so a .ts entry
// fails with "Unknown file extension"; registering from a JS entry works under tsx, vitest and plain node.)
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
