/**
 * The headless CLI as a user runs it: a real child process, its exit code, stdout and stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { smallCity } from './fixtures/smallCity';
import { parseScenario } from '../shared/scenario/validate';
import { compileScenario } from '../server/sim/compile';
import { createOperatorInputs, createSimulation, stepSimulation, summarizeSimulation } from '../server/sim';
import type { solveDesignCase } from '../server/sim/designCase';
import type { LedgerSummary } from '../server/sim/ledger';
import { dateToS, DAY_S } from '../server/sim/calendar';

const run = promisify(execFile);
/** What `--json` prints for a run, and for `--steady`. */
type RunJson = LedgerSummary & { seed: number; steps: number; nonConvergedSteps: number };
type SteadyJson = ReturnType<typeof solveDesignCase>;
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const CLI = join(process.cwd(), 'server', 'cli', 'simulate.ts');
const dir = mkdtempSync(join(tmpdir(), 'heattwin-cli-'));
const scenarioFile = join(dir, 'small-city.json');
writeFileSync(scenarioFile, JSON.stringify(smallCity()));

async function simulate(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(TSX, [CLI, ...args], { timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('npm run simulate', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints the promised JSON summary, byte-identical for the same scenario and seed (runtime aside)', async () => {
    const args = ['--scenario', scenarioFile, '--days', '2', '--seed', '5', '--json'];
    const [a, b] = await Promise.all([simulate(...args), simulate(...args)]);
    expect(a.code).toBe(0);
    const strip = (s: string) => s.replace(/"runtimeSeconds":[0-9.e+-]+/, '"runtimeSeconds":0');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
    const summary = JSON.parse(a.stdout) as RunJson;
    for (const key of [
      'heatDemandMWh',
      'heatDeliveredMWh',
      'unmetHeatMWh',
      'heatBySourceMWh',
      'networkLossesMWh',
      'storageChangeMWh',
      'electricityMWh',
      'co2Tonnes',
      'baselineCo2Tonnes',
      'co2AvoidedTonnes',
      'wasteHeatSharePct',
      'seasonalCop',
      'balanceErrorPct',
      'peakDemandMW',
      'runtimeSeconds',
      'nonConvergedSteps',
    ]) {
      expect(summary).toHaveProperty(key);
    }
    expect(summary.steps).toBe(2 * 1440);
    expect(summary.nonConvergedSteps).toBe(0);
    expect(summary.heatBySourceMWh.datacentre).toBeGreaterThan(0);
    expect(summary.seed).toBe(5);
  }, 120_000);

  it('steps 300 s in runs of a week or more unless told otherwise, the scenario\'s step in shorter ones', async () => {
    const [week, weekAt60] = await Promise.all([
      simulate('--scenario', scenarioFile, '--days', '7', '--json'),
      simulate('--scenario', scenarioFile, '--days', '7', '--step', '60', '--json'),
    ]);
    expect(JSON.parse(week.stdout)).toMatchObject({ stepS: 300, steps: (7 * DAY_S) / 300 });
    expect(JSON.parse(weekAt60.stdout)).toMatchObject({ stepS: 60, steps: (7 * DAY_S) / 60 });
  }, 120_000);

  it('runs the engine with the seed it is given and prints that seed', async () => {
    const scenario = parseScenario(smallCity());
    expect(scenario.simulation.seed).not.toBe(5);
    const [five, six, text] = await Promise.all([
      simulate('--scenario', scenarioFile, '--days', '1', '--seed', '5', '--json'),
      simulate('--scenario', scenarioFile, '--days', '1', '--seed', '6', '--json'),
      simulate('--scenario', scenarioFile, '--days', '1', '--seed', '5', '--quiet'),
    ]);
    const model = compileScenario(scenario, { seed: 5 });
    const sim = createSimulation(model, { startS: dateToS(scenario.simulation.start) });
    const inputs = createOperatorInputs(model);
    for (let i = 0; i < DAY_S / scenario.simulation.stepS; i++) stepSimulation(sim, inputs, scenario.simulation.stepS);
    const expected = JSON.parse(JSON.stringify(summarizeSimulation(sim))) as LedgerSummary;
    const withFive = JSON.parse(five.stdout) as RunJson;
    expect(withFive).toMatchObject({ seed: 5, ...expected });
    const withSix = JSON.parse(six.stdout) as RunJson;
    expect(withSix.seed).toBe(6);
    expect(withSix.heatDemandMWh).not.toBe(withFive.heatDemandMWh);
    expect(text.code).toBe(0);
    expect(text.stdout.split('\n')[0]).toMatch(/, seed 5$/);
  }, 120_000);

  it('writes hourly CSV with a column per KPI and per plant', async () => {
    const csv = join(dir, 'out.csv');
    const r = await simulate('--scenario', scenarioFile, '--days', '1', '--csv', csv, '--quiet');
    expect(r.code).toBe(0);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(25); // header + 24 hours
    const header = lines[0].split(',');
    expect(header).toContain('heatDemandMW');
    expect(header).toContain('plant:main:heatMW');
    expect(header).toContain('unit:dc-hp1:heatMW');
    expect(lines[1].split(',')).toHaveLength(header.length);
    expect(lines[1].startsWith('2025-01-01 00:00,')).toBe(true);
  }, 120_000);

  it('solves the design case with --steady and lists every pipe and node', async () => {
    const r = await simulate('--scenario', scenarioFile, '--steady', '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout) as SteadyJson;
    expect(result.pipes).toHaveLength(smallCity().network.pipes.length);
    expect(result.nodes).toHaveLength(smallCity().network.nodes.length);
    expect(result.converged).toBe(true);
    // Energy: plant heat = consumer heat + pipe losses (independent sums of the printed figures).
    expect(result.plantHeatMW).toBeCloseTo(result.consumerHeatMW + result.heatLossMW, 3);
    for (const p of result.pipes) expect(Number.isFinite(p.massFlowKgS) && Number.isFinite(p.supplyOutletC)).toBe(true);
  }, 120_000);

  it('takes negative numbers after a flag, spaced or joined (--outdoor -20, --outdoor=-20)', async () => {
    const [spaced, joined, tooCold, badSeed] = await Promise.all([
      simulate('--scenario', scenarioFile, '--steady', '--outdoor', '-20', '--supply', '110', '--json'),
      simulate('--scenario', scenarioFile, '--steady', '--outdoor=-20', '--supply=110', '--json'),
      simulate('--scenario', scenarioFile, '--steady', '--outdoor', '-60'),
      simulate('--scenario', scenarioFile, '--days', '1', '--seed', '-3'),
    ]);
    expect(spaced.stderr).toBe('');
    expect(spaced.code).toBe(0);
    const result = JSON.parse(spaced.stdout) as SteadyJson;
    expect(result.outdoorC).toBe(-20);
    expect(result.supplyC).toBe(110);
    expect(joined.stdout).toBe(spaced.stdout);
    // Out of range, a negative value is refused by the flag's own rule, not as a flag in disguise.
    expect(tooCold.code).toBe(1);
    expect(tooCold.stderr).toMatch(/^simulate: --outdoor: .*-50/);
    expect(badSeed.code).toBe(1);
    expect(badSeed.stderr).toMatch(/^simulate: --seed: /);
  }, 120_000);

  it('exits non-zero with a one-line reason on bad flags, unknown scenarios and broken files', async () => {
    const badFlag = await simulate('--scenario', scenarioFile, '--days', 'many');
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.stderr).toMatch(/^simulate: --days: /);

    const unknownFlag = await simulate('--scenario', scenarioFile, '--fast');
    expect(unknownFlag.code).not.toBe(0);

    const unknown = await simulate('--scenario', 'atlantis');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown scenario "atlantis"');

    const notJson = join(dir, 'broken.json');
    writeFileSync(notJson, '{ "id": ');
    const broken = await simulate('--scenario', notJson);
    expect(broken.code).not.toBe(0);
    expect(broken.stderr).toContain('not valid JSON');

    const badRef = smallCity();
    badRef.network.pipes[12] = { ...badRef.network.pipes[12], to: 'J99' };
    const badFile = join(dir, 'bad-ref.json');
    writeFileSync(badFile, JSON.stringify(badRef));
    const bad = await simulate('--scenario', badFile);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('network.pipes[12].to: no node "J99"');
    for (const r of [badFlag, unknown, broken, bad]) {
      expect(r.stderr.trim().split('\n').length).toBeLessThanOrEqual(2); // the reason (and usage for flags)
      expect(r.stderr).not.toMatch(/\n\s+at /); // never a stack trace
    }
  }, 120_000);
});
