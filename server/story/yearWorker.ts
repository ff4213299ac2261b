/** Worker thread of one year run: loads the scenario named in workerData, runs its year, posts the figures. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadScenario } from '../scenarios/load';
import { simulateYear } from './yearRun';
import type { YearRunRequest, YearRunReply } from './yearFiguresService';

const { scenarioId, scenarioDir } = workerData as YearRunRequest;
let reply: YearRunReply;
try {
  reply = { ok: true, figures: simulateYear(loadScenario(scenarioId, scenarioDir)) };
} catch (err) {
  reply = { ok: false, error: (err as Error).message };
}
parentPort!.postMessage(reply);
