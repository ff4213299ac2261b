/**
 * A run's samples over REST on a real server: a run of an exercise whose supply temperature transmitter reads
 * 8 K high from its start, played to its end; its samples of any tags, one per simulated minute at most, between
 * two times; the main plant's outlet in them as the transmitter reads it, never the truth; the same for its
 * instructor and its trainee; who else may not read them (as for the run's trend), and errors naming the field.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sleep, type ApiError } from '../server/helpers';
import { api, PASSWORD, smallExercise, startTrainingServer } from './trainingHarness';
import type {
  CreatedRun,
  JoinedRun,
  LoginAnswer,
  RunDetail,
  RunSamplesAnswer,
  RunTrendAnswer,
} from '../../shared/protocol/runs';
import { MAX_TREND_TAGS, SUPPLY_TX_TAG, WORST_DP_TX_TAG } from '../../shared/training/trendTags';

type Server = Awaited<ReturnType<typeof startTrainingServer>>;

const EXERCISE = 'small-bias';
const BIAS_K = 8;
const DURATION_MIN = 20;
const START_S = Date.UTC(2025, 0, 3, 6, 0) / 1000;

const biasExercise = {
  ...smallExercise,
  id: EXERCISE,
  title: 'The supply transmitter reads high',
  durationMin: DURATION_MIN,
  malfunctions: [
    {
      atMin: 0,
      malfunction: { kind: 'sensorFault', sensor: 'supplyTemperature', fault: 'bias', value: BIAS_K },
      response: { anyOf: [{ type: 'supplySetpoint' }], withinMin: 10 },
    },
  ],
};

describe('a run\'s samples of its tags', () => {
  let server: Server;
  let ann: string;
  let bob: string;
  let run: CreatedRun;
  let tina: JoinedRun;
  let otto: JoinedRun;

  const login = async (name: string) =>
    (await api<LoginAnswer>(server.url, 'POST', '/api/login', { name, password: PASSWORD })).body.token;
  const samples = <T = RunSamplesAnswer>(query: string, token?: string, runId = run.runId) =>
    api<T>(server.url, 'GET', `/api/runs/${runId}/samples?${query}`, undefined, token);

  beforeAll(async () => {
    server = await startTrainingServer(['ann', 'bob']);
    writeFileSync(join(server.exerciseDir, `${EXERCISE}.json`), JSON.stringify(biasExercise));
    [ann, bob] = [await login('ann'), await login('bob')];
    // Five simulated minutes per wall second: ten frames a second give a sample every simulated minute.
    run = (await api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE, speed: 300 }, ann)).body;
    tina = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: run.joinCode, name: 'tina' })).body;
    const other = (await api<CreatedRun>(server.url, 'POST', '/api/runs', { exerciseId: EXERCISE, paused: true }, ann))
      .body;
    otto = (await api<JoinedRun>(server.url, 'POST', '/api/runs/join', { code: other.joinCode, name: 'otto' })).body;
    for (let i = 0; i < 300; i++) {
      const d = await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann);
      if (d.body.status === 'finished') break;
      await sleep(100);
    }
  }, 60_000);
  afterAll(() => server?.close());

  it('has finished the run', async () => {
    expect((await api<RunDetail>(server.url, 'GET', `/api/runs/${run.runId}`, undefined, ann)).body.status).toBe(
      'finished',
    );
  });

  it('gives the tags asked for, one sample per simulated minute at most, over the whole run', async () => {
    const tags = [SUPPLY_TX_TAG, 'plant:main:returnC', 'unit:dc-hp2:heatMW', 'unit:tank:socPct', 'kpi:outdoorC'];
    const answer = await samples(`tags=${tags.join(',')}`, ann);
    expect(answer.status).toBe(200);
    const { times, columns } = answer.body;
    expect(Object.keys(columns)).toEqual(tags);
    expect(times.length).toBeGreaterThanOrEqual(DURATION_MIN - 2);
    const minutes = times.map((t) => Math.floor(t / 60));
    expect(new Set(minutes).size).toBe(minutes.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(START_S);
    for (const tag of tags) expect(columns[tag], tag).toHaveLength(times.length);
    for (const c of columns['plant:main:returnC']) expect(c).toBeGreaterThan(20);
    for (const soc of columns['unit:tank:socPct']) expect(soc).toBeGreaterThanOrEqual(0);
    for (const soc of columns['unit:tank:socPct']) expect(soc).toBeLessThanOrEqual(100);
    expect(columns['kpi:outdoorC'].filter((v) => v !== null).length).toBeGreaterThan(times.length / 2);
  });

  it('holds the main plant\'s outlet as the biased transmitter reads it, not the truth behind it', async () => {
    const fromS = START_S + 3 * 60;
    const { times, columns } = (await samples(`tags=plant:main:supplyC,${SUPPLY_TX_TAG}&fromS=${fromS}`, ann)).body;
    expect(times.length).toBeGreaterThan(10);
    const truth = new Map(
      (await api<RunTrendAnswer>(server.url, 'GET', `/api/runs/${run.runId}/trend`, undefined, ann)).body.points.map(
        (p) => [Math.floor(p.simTimeS / 60), p.supplyTruthC],
      ),
    );
    let compared = 0;
    times.forEach((t, i) => {
      const outlet = columns['plant:main:supplyC'][i]!;
      expect(Math.abs(outlet - columns[SUPPLY_TX_TAG][i]!), `at ${t}`).toBeLessThan(1.5);
      const trueC = truth.get(Math.floor(t / 60));
      if (trueC == null) return;
      expect(outlet - trueC, `at ${t}`).toBeGreaterThan(BIAS_K - 1.5);
      compared++;
    });
    expect(compared).toBeGreaterThan(5);
  });

  it('gives the run\'s trainee the same as its instructor, between two times', async () => {
    const query = `tags=${WORST_DP_TX_TAG},unit:dc-hp1:cop&fromS=${START_S + 300}&toS=${START_S + 600}`;
    const asAnn = await samples(query, ann);
    const asTina = await samples(query, tina.token);
    expect(asTina.status).toBe(200);
    expect(asTina.body).toEqual(asAnn.body);
    expect(asAnn.body.times.length).toBeGreaterThanOrEqual(4);
    for (const t of asAnn.body.times) {
      expect(t).toBeGreaterThanOrEqual(START_S + 300);
      expect(t).toBeLessThanOrEqual(START_S + 600);
    }
  });

  it('answers 401 without a token, 403 to another instructor and another run\'s trainee, 404 for no run', async () => {
    const query = `tags=${SUPPLY_TX_TAG}`;
    const none = await samples<ApiError>(query);
    expect(none.status).toBe(401);
    expect(none.body.error).toMatch(/^authorization: /);
    expect((await samples<ApiError>(query, bob)).status).toBe(403);
    const stranger = await samples<ApiError>(query, otto.token);
    expect(stranger.status).toBe(403);
    expect(stranger.body.error).toMatch(/^authorization: /);
    const unknown = await samples<ApiError>(query, ann, 'no-such-run');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('id: no run "no-such-run"');
  });

  it('answers 400 naming the field for a bad query', async () => {
    const tooMany = Array.from({ length: MAX_TREND_TAGS + 1 }, (_, i) => `kpi:x${i}`).join(',');
    for (const [query, error] of [
      ['', /^tags: /],
      ['tags=', /^tags\[0\]: /],
      [`tags=${tooMany}`, new RegExp(`^tags: at most ${MAX_TREND_TAGS} tags`)],
      [`tags=${SUPPLY_TX_TAG},${SUPPLY_TX_TAG}`, /^tags: a tag named twice/],
      [`tags=${SUPPLY_TX_TAG}&fromS=soon`, /^fromS: /],
      [`tags=${SUPPLY_TX_TAG}&fromS=`, /^fromS: /],
      [`tags=${SUPPLY_TX_TAG}&fromS=600&toS=60`, /^toS: before fromS/],
      [`tags=${SUPPLY_TX_TAG}&from=3`, /unknown key "from"/],
      ['tags=unit:no-such-unit:heatMW', /^tags: no tag "unit:no-such-unit:heatMW" in this run/],
    ] as const) {
      const bad = await samples<ApiError>(query, ann);
      expect(bad.status, query).toBe(400);
      expect(bad.body.error, query).toMatch(error);
    }
  });
});
