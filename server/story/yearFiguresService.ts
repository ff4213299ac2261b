/**
 * Year figures of the story scenarios (shared/story/yearFigures.ts), computed once per scenario and code
 * version and kept: a year run takes seconds to tens of seconds, so it runs in a worker thread
 * (yearWorker.ts) while the server goes on, one run at a time whoever asks, so no client can make the server
 * run more than one year at once or twice for the same scenario. The cache key is a hash of the engine's source
 * (codeVersion.ts), the scenario file and its weather file. With a cache directory the figures are also written
 * there (a temporary file renamed into place, so a crash leaves no half file) and read back after a restart,
 * validated like any file from outside.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { yearFiguresSchema, type YearFigures, type YearFiguresReply } from '../../shared/story/yearFigures';
import { loadScenario } from '../scenarios/load';
import { engineCodeVersion } from './codeVersion';

export interface YearRunRequest {
  scenarioId: string;
  scenarioDir: string;
}
export type YearRunReply = { ok: true; figures: YearFigures } | { ok: false; error: string };

/** Runs one year; the default is a worker thread, tests may run it in-process. */
export type YearRunner = (request: YearRunRequest, signal: AbortSignal) => Promise<YearRunReply>;

const WORKER_URL = new URL('./yearWorker-entry.mjs', import.meta.url);

export const runYearInWorker: YearRunner = (request, signal) =>
  new Promise((resolve) => {
    const worker = new Worker(WORKER_URL, { workerData: request });
    signal.addEventListener('abort', () => settle({ ok: false, error: 'the server is stopping' }), { once: true });
    let settled = false;
    const settle = (reply: YearRunReply) => {
      if (settled) return;
      settled = true;
      resolve(reply);
      void worker.terminate();
    };
    worker.once('message', (m: YearRunReply) => settle(m));
    worker.once('error', (err) => settle({ ok: false, error: err.message }));
    worker.once('exit', (code) => settle({ ok: false, error: `the year run stopped (exit code ${code})` }));
  });

export interface YearFiguresServiceOptions {
  scenarioDir: string;
  /** Where computed figures are kept across restarts; null: in memory only. */
  cacheDir: string | null;
  logger: Logger;
  run?: YearRunner;
}

type Entry = { status: 'computing'; done: Promise<void> } | { status: 'ready'; year: YearFigures } | { status: 'failed'; error: string };

export class YearFiguresService {
  private readonly entries = new Map<string, Entry>();
  /** Scenario files are read once per process, as sessions read them. */
  private readonly keys = new Map<string, string>();
  private queue: Promise<void> = Promise.resolve();
  private readonly run: YearRunner;
  private readonly stopping = new AbortController();

  constructor(private readonly opts: YearFiguresServiceOptions) {
    this.run = opts.run ?? runYearInWorker;
  }

  /** The figures of a known scenario if computed; otherwise starts (or keeps) computing them. */
  get(scenarioId: string): YearFiguresReply {
    const key = this.keyOf(scenarioId);
    const entry = this.entries.get(key) ?? this.start(scenarioId, key);
    return entry.status === 'computing' ? { status: 'computing' } : entry;
  }

  /** Resolves when the scenario's figures are ready or have failed. */
  async settled(scenarioId: string): Promise<YearFiguresReply> {
    const key = this.keyOf(scenarioId);
    const entry = this.entries.get(key) ?? this.start(scenarioId, key);
    if (entry.status === 'computing') await entry.done;
    return this.get(scenarioId);
  }

  /** Computes every listed scenario's figures in the background, one after the other. */
  warm(scenarioIds: readonly string[]): void {
    for (const id of scenarioIds) {
      try {
        this.get(id);
      } catch (err) {
        this.opts.logger.warn({ scenario: id, err: (err as Error).message }, 'no year figures for a story whose scenario does not load');
      }
    }
  }

  /** Stops the run under way and starts no more. */
  close(): void {
    this.stopping.abort();
  }

  private keyOf(scenarioId: string): string {
    const known = this.keys.get(scenarioId);
    if (known) return known;
    const loaded = loadScenario(scenarioId, this.opts.scenarioDir);
    const key = createHash('sha256')
      .update(engineCodeVersion())
      .update('\0')
      .update(readFileSync(loaded.file))
      .update('\0')
      .update(loaded.epwText ?? '')
      .digest('hex')
      .slice(0, 32);
    this.keys.set(scenarioId, key);
    return key;
  }

  private cacheFile(scenarioId: string, key: string): string | null {
    return this.opts.cacheDir ? join(this.opts.cacheDir, 'year-figures', `${scenarioId}-${key}.json`) : null;
  }

  private start(scenarioId: string, key: string): Entry {
    const cached = this.readCache(scenarioId, key);
    if (cached) {
      const entry: Entry = { status: 'ready', year: cached };
      this.entries.set(key, entry);
      return entry;
    }
    const done = (this.queue = this.queue.then(async () => {
      const t0 = performance.now();
      if (this.stopping.signal.aborted) return;
      const reply = await this.run({ scenarioId, scenarioDir: this.opts.scenarioDir }, this.stopping.signal);
      if (this.stopping.signal.aborted) return;
      if (reply.ok) {
        this.entries.set(key, { status: 'ready', year: reply.figures });
        this.writeCache(scenarioId, key, reply.figures);
        this.opts.logger.info({ scenario: scenarioId, seconds: (performance.now() - t0) / 1000 }, 'year figures computed');
      } else {
        this.entries.set(key, { status: 'failed', error: reply.error });
        this.opts.logger.error({ scenario: scenarioId, error: reply.error }, 'year run failed');
      }
    }));
    const entry: Entry = { status: 'computing', done };
    this.entries.set(key, entry);
    return entry;
  }

  private readCache(scenarioId: string, key: string): YearFigures | null {
    const file = this.cacheFile(scenarioId, key);
    if (!file || !existsSync(file)) return null;
    try {
      const parsed = yearFiguresSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (parsed.success && parsed.data.scenario === scenarioId) return parsed.data;
    } catch {
      // Unreadable: computed again below and written over.
    }
    this.opts.logger.warn({ file }, 'cached year figures unreadable; computing them again');
    return null;
  }

  private writeCache(scenarioId: string, key: string, figures: YearFigures): void {
    const file = this.cacheFile(scenarioId, key);
    if (!file) return;
    try {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(`${file}.tmp`, JSON.stringify(figures));
      renameSync(`${file}.tmp`, file);
    } catch (err) {
      this.opts.logger.warn({ file, err: (err as Error).message }, 'could not keep the year figures on disk');
    }
  }
}
