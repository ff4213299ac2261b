// Plain-JS entry of a year-run worker: registers tsx's TypeScript loader in this thread, then loads yearWorker.ts
// (as server/session/worker-entry.mjs does for simulation workers, and for the same reason).
import { register } from 'tsx/esm/api';

register();
await import('./yearWorker.ts');
