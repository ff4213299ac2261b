/**
 * Once before any test file: the browser tests serve the built client, and test files run in parallel, so the
 * build happens here, once, rather than in two files at the same moment writing the same client/dist.
 */
import { ensureClientBuilt } from '../server/buildClientIfStale';

export default function setup(): void {
  ensureClientBuilt();
}
