/**
 * `npm run bench [-- --seconds 3 --threads 1,2 --batch 8 --rounds 3 --db-results 50000 --quick --no-db --only-db --no-precision --only-precision --no-editor --only-editor]`
 *
 * 1. Pipeline throughput over raw ONNX Runtime throughput, same model, same threads, same batch,
 *    measured side by side in this one run (goal ≥ 0.95). Two pipeline figures: "live" is the
 *    pipeline as a user runs it (the synthetic camera makes every part, overlapping inference);
 *    "replay" swaps the camera for frames made beforehand, leaving only the runtime's own cost.
 *    Where threads > 1, a second row runs throughput mode (--streams = threads), against raw ORT
 *    with as many one-thread sessions running at once.
 * 2. Results written per second to SQLite and PostgreSQL through the batching writer (goal ≥ 20,000).
 * 3. FP32 / FP16 / INT8 images/s of the NEU steel classifier at batch 1 and 8 (goal INT8 ≥ 2.5× FP32).
 * 4. The pipeline editor with a 200-node graph in Chromium: time to load, time per drag frame.
 *
 * Prints a table and writes bench/results.json. Benchmarks are not tests: nothing here asserts.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { compileGraphFile } from '@/lib/compile-graph';
import type { Graph } from '@/lib/pipeline/graph';
import type { Plan } from '@/lib/pipeline/plan';
import { generatePart } from '@/lib/synthetic/generate-part';
import type { SyntheticOptions } from '@/lib/synthetic/options';
import { table } from '@/workers/commands/format-summary';
import { demoBenchGraph, fastestDetBenchGraph } from './bench-graphs';
import { benchPrecisionSpeed, INT8_SPEEDUP_GOAL, precisionSpeedTable, type PrecisionSpeedRow } from './precision-speed';
import { benchResultWritesEverywhere, type DbWriteRates } from './db-write';
import { benchEditorLoad, formatEditorLoad, type EditorLoadResult } from './editor-load';
import { median, quantile } from './quantile';
import { ReplayGate, replayKind, withReplaySource } from './replay-source';
import { effectiveBatch, measurePipeline, measureSideBySide, modelStageOf } from './throughput';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SHARED_MODELS = join(root, '..', 'shared', 'models');
const GOALS = { pipelineOverRaw: 0.95, dbResultsPerSecond: 20_000 };

const optionsSchema = z.object({
  seconds: z.number().positive().default(3),
  warmup: z.number().nonnegative().default(1.5),
  threads: z.array(z.number().int().min(1)).min(1).default([...new Set([1, cpus().length])]),
  batch: z.number().int().min(1).max(256).default(8),
  rounds: z.number().int().min(1).default(3),
  dbResults: z.number().int().min(1000).default(50_000),
  db: z.boolean().default(true),
  pipeline: z.boolean().default(true),
  precision: z.boolean().default(true),
  editor: z.boolean().default(true),
});
type Options = z.output<typeof optionsSchema>;

interface ThroughputRow {
  pipeline: string;
  model: string;
  threads: number;
  /** Inference sessions side by side (throughput mode); raw runs as many one-thread sessions. */
  streams: number;
  batch: number;
  rawPerSec: number;
  livePerSec: number;
  liveRatio: number;
  replayPerSec: number;
  /** Median of replay/raw over every slice pair of every round. */
  replayRatio: number;
  /** The middle half of those pair ratios (25th and 75th percentiles): how much the machine moved them. */
  replayRatioSpread: [number, number];
  /** What the camera costs per part on the main thread (generation), for reading the live ratio. */
  sourceMsPerFrame: number;
  /** CPU time of the JS thread per replayed frame (median over rounds); null where it cannot be read. */
  jsMsPerFrame: number | null;
  /**
   * Raw ORT beside a thread as busy as the pipeline's JS thread, over raw ORT alone (median over
   * rounds): the best replay ratio that much JS work allows on these cores. Null where unmeasured.
   */
  replayCeiling: number | null;
  stagesP50Ms: Record<string, number>;
  /** For a streams row: replay over raw ORT as one session on the same threads (the row above). */
  replayOverOneSession: number | null;
}

function parseArgs(argv: string[]): Options {
  const raw: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    const value = () => inline ?? argv[++i];
    if (flag === '--quick') Object.assign(raw, { seconds: 1.5, warmup: 0.5, rounds: 1, dbResults: 20_000 });
    else if (flag === '--seconds') raw.seconds = Number(value());
    else if (flag === '--warmup') raw.warmup = Number(value());
    else if (flag === '--threads') raw.threads = value().split(',').map(Number);
    else if (flag === '--batch') raw.batch = Number(value());
    else if (flag === '--rounds') raw.rounds = Number(value());
    else if (flag === '--db-results') raw.dbResults = Number(value());
    else if (flag === '--no-db') raw.db = false;
    else if (flag === '--only-db') Object.assign(raw, { pipeline: false, precision: false, editor: false });
    else if (flag === '--no-precision') raw.precision = false;
    else if (flag === '--only-precision') Object.assign(raw, { pipeline: false, db: false, editor: false });
    else if (flag === '--no-editor') raw.editor = false;
    else if (flag === '--only-editor') Object.assign(raw, { pipeline: false, db: false, precision: false });
    else throw new Error(`unknown option ${argv[i]}`);
  }
  return optionsSchema.parse(raw);
}

async function compile(graph: Graph): Promise<Plan> {
  const compiled = await compileGraphFile(graph, { baseDir: root });
  if (!compiled.plan) throw new Error(`bench pipeline "${graph.name}" does not compile: ${JSON.stringify(compiled.problems)}`);
  return compiled.plan;
}

async function benchPipeline(name: string, graph: Graph, options: Options): Promise<ThroughputRow[]> {
  const plan = await compile(graph);
  const source = plan.stages.find((s) => s.role === 'source')!;
  const camera = source.config as SyntheticOptions;
  const started = performance.now();
  const parts = Array.from({ length: 32 }, (_, i) => generatePart(camera, i));
  const sourceMsPerFrame = (performance.now() - started) / parts.length;
  const gate = new ReplayGate();
  const replay = { gate, frames: parts.map((p) => p.frame), ...withReplaySource(plan, replayKind(parts.map((p, i) => ({ info: { id: `r${i}`, seq: i, origin: p.origin, capturedAt: 0, truth: p.truth }, values: { frame: p.frame } })), gate)) };
  const window = { warmupMs: options.warmup * 1000, measureMs: options.seconds * 1000 };
  const rows: ThroughputRow[] = [];
  const configs = options.threads.flatMap((threads) => (threads > 1 ? [{ threads, streams: 1 }, { threads, streams: threads }] : [{ threads, streams: 1 }]));
  for (const { threads, streams } of configs) {
    const seen = { raw: [] as number[], live: [] as number[], replay: [] as number[], pairRatios: [] as number[], jsMs: [] as number[], bound: [] as number[] };
    let stages: Record<string, number> = {};
    for (let round = 0; round < options.rounds; round++) {
      // Each round measures all three back to back, so a round's ratios compare like with like
      // even when other load on the machine comes and goes; medians over rounds damp the rest.
      // Raw and replay alternate in short slices inside one measurement (see measureSideBySide).
      const sideBySide = await measureSideBySide(plan, replay, { ...window, threads, streams, batch: options.batch });
      seen.raw.push(sideBySide.raw);
      const live = await measurePipeline(plan, { ...window, threads, streams, batch: options.batch });
      seen.live.push(live.perSec);
      stages = Object.fromEntries(live.summary.stages.map((s) => [s.id, round3(s.p50Ms)]));
      seen.replay.push(sideBySide.replay);
      seen.pairRatios.push(...sideBySide.pairRatios);
      if (sideBySide.jsMsPerFrame !== undefined) seen.jsMs.push(sideBySide.jsMsPerFrame);
      if (sideBySide.jsLoadBound !== undefined) seen.bound.push(sideBySide.jsLoadBound);
      log(`  ${name} threads=${threads} streams=${streams} round ${round + 1}: raw ${seen.raw[round].toFixed(1)}/s, live ${seen.live[round].toFixed(1)}/s, replay ${seen.replay[round].toFixed(1)}/s`);
    }
    const ratios = (of: number[]) => median(of.map((v, i) => v / seen.raw[i]));
    const jsMs = seen.jsMs.length ? median(seen.jsMs) : null;
    rows.push({
      pipeline: name,
      model: modelStageOf(plan).model.info.path.replace(`${root}/`, ''),
      threads,
      streams,
      batch: effectiveBatch(plan, options.batch),
      rawPerSec: round1(median(seen.raw)),
      livePerSec: round1(median(seen.live)),
      liveRatio: round3(ratios(seen.live)),
      replayPerSec: round1(median(seen.replay)),
      replayRatio: round3(median(seen.pairRatios)),
      replayRatioSpread: [round3(quantile(seen.pairRatios, 0.25)), round3(quantile(seen.pairRatios, 0.75))],
      sourceMsPerFrame: round3(sourceMsPerFrame),
      jsMsPerFrame: jsMs === null ? null : round3(jsMs),
      replayCeiling: seen.bound.length ? round3(median(seen.bound)) : null,
      stagesP50Ms: stages,
      replayOverOneSession: null,
    });
  }
  for (const row of rows) {
    const oneSession = rows.find((r) => r.threads === row.threads && r.streams === 1);
    if (row.streams > 1 && oneSession) row.replayOverOneSession = round3(row.replayPerSec / oneSession.rawPerSec);
  }
  return rows;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const rows: ThroughputRow[] = [];
  const notes: string[] = [];
  if (options.pipeline) {
    log('pipeline vs raw ONNX Runtime …');
    rows.push(...(await benchPipeline('demo (surface anomaly)', demoBenchGraph(root), options)));
    const fastestdet = join(SHARED_MODELS, 'fastestdet', 'FastestDet.onnx');
    if (existsSync(fastestdet)) {
      const labels = readFileSync(join(SHARED_MODELS, 'fastestdet', 'coco.names'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
      rows.push(...(await benchPipeline('FastestDet (detector)', fastestDetBenchGraph(fastestdet, labels), options)));
    } else notes.push(`FastestDet skipped: ${fastestdet} is absent`);
    notes.push(`pipeline runs ONNX Runtime in a worker thread per session (its run() blocks the calling thread), model batches in flight per session: 2, or more where runs are short, enough to cover a 10 ms stall of the JS thread (at most 8); a model whose batch is fixed at 1 still gets batches, run item by item on its thread; where preprocessing only picks pixels and normalizes (both bench pipelines), the pipeline feeds the model 8-bit pixels and ONNX Runtime scales them: FastestDet (RGB) reads the camera's interleaved pixels through its first convolution, rewritten with the channel order and scale folded into its weights (one inference about 6 % cheaper than on float planes here), the demo model (gray) takes its plane through a DequantizeLinear; raw runs the model file as it is on float planes; output buffers go back to the session's thread for reuse; raw (one session) runs on the JS thread; raw and replay run on the replayed frames preprocessed beforehand (distinct inputs, as a camera gives, not one cache-hot tensor); 1-min load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores after this part`);
  }
  let db: (DbWriteRates & { results: number }) | undefined;
  if (options.db) {
    log(`database writes (${options.dbResults} results each) …`);
    db = { results: options.dbResults, ...(await benchResultWritesEverywhere(options.dbResults)) };
    if (db.postgresqlSkipped) notes.push(db.postgresqlSkipped);
  }
  let precisionSpeed: PrecisionSpeedRow[] = [];
  if (options.precision) {
    const batches = [...new Set([1, options.batch])];
    const speed = await benchPrecisionSpeed(root, { threads: options.threads, batches, warmupMs: options.warmup * 1000, measureMs: options.seconds * 1000, rounds: options.rounds }, log);
    precisionSpeed = speed.rows;
    if (speed.note) notes.push(speed.note);
  }
  let editorLoad: EditorLoadResult | undefined;
  if (options.editor) {
    // 4. The pipeline editor with a 200-node graph in Chromium: load time and drag frame time.
    editorLoad = await benchEditorLoad(root, {}, log).catch((err: unknown) => void notes.push(`editor benchmark failed: ${err instanceof Error ? err.message : String(err)}`));
  }
  const report = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${process.platform}-${process.arch}` },
    options,
    goals: GOALS,
    throughput: rows,
    dbWrites: db,
    precisionSpeed,
    editorLoad,
    notes,
  };
  writeFileSync(join(root, 'bench', 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(render(report.throughput, db, notes, report.machine, precisionSpeed));
  if (editorLoad) process.stdout.write(formatEditorLoad(editorLoad));
}

function render(rows: ThroughputRow[], db: (DbWriteRates & { results: number }) | undefined, notes: string[], machine: { cpus: number; cpu: string }, precision: PrecisionSpeedRow[] = []): string {
  const out = [`Loupe bench — ${machine.cpus} × ${machine.cpu}`, ''];
  if (rows.length) {
    const mark = (ratio: number) => `${ratio.toFixed(3)}${ratio >= GOALS.pipelineOverRaw ? '' : ' *'}`;
    out.push(
      `Pipeline over raw ONNX Runtime, images/s (goal ≥ ${GOALS.pipelineOverRaw}; * = below)`,
      table(
        ['pipeline', 'threads', 'streams', 'batch', 'raw ORT', 'pipeline', 'ratio', 'replay', 'ratio', 'pairs p25-p75', 'vs 1 session', 'JS ms/frame', 'ceiling', 'camera ms/part'],
        rows.map((r) => [
          r.pipeline,
          String(r.threads),
          String(r.streams),
          String(r.batch),
          r.rawPerSec.toFixed(1),
          r.livePerSec.toFixed(1),
          mark(r.liveRatio),
          r.replayPerSec.toFixed(1),
          mark(r.replayRatio),
          r.replayRatioSpread.map((v) => v.toFixed(2)).join('-'),
          r.replayOverOneSession?.toFixed(3) ?? '-',
          r.jsMsPerFrame?.toFixed(3) ?? '-',
          r.replayCeiling?.toFixed(3) ?? '-',
          r.sourceMsPerFrame.toFixed(2),
        ]),
      ),
      'pipeline = as a user runs it (synthetic camera makes each part); replay = frames made beforehand (runtime cost only)',
      'images/s are medians over rounds; live ratio: each round\'s live/raw; replay ratio: raw and replay alternate in 0.5 s slices, median of the slice pairs\' replay/raw over all rounds; pairs p25-p75: the middle half of those pair ratios',
      'the goal is for replay (the runtime); live is also bounded by the synthetic camera, which makes each part on the JS thread',
      'streams > 1: throughput mode (--streams), that many sessions side by side with one thread each; raw ORT then runs as many one-thread sessions at once, each in its own thread; vs 1 session: replay over raw ORT as one session on the same threads (the row above)',
      'JS ms/frame: CPU time of the JS thread per replayed frame (preprocessing, decoding, the runtime); ceiling: raw ORT beside a thread that burns that much CPU per frame at the replay\'s frame rate, over raw ORT alone: the best replay ratio that JS work allows on these cores for the model as raw runs it (a pipeline that feeds the model bytes runs a cheaper model, so its replay can pass this)',
      '',
    );
  }
  if (db) {
    const rate = (n: number | null) => (n === null ? 'skipped' : `${Math.round(n)}${n >= GOALS.dbResultsPerSecond ? '' : ' *'}`);
    out.push(`Results written per second (goal ≥ ${GOALS.dbResultsPerSecond}; * = below), ${db.results} results`, table(['database', 'results/s'], [['SQLite', rate(db.sqlite)], ['PostgreSQL', rate(db.postgresql)]]), '');
  }
  if (precision.length) {
    out.push(`NEU classifier images/s by precision (goal INT8 ≥ ${INT8_SPEEDUP_GOAL}× FP32; * = below)`, table(['threads', 'batch', 'FP32', 'FP16', 'INT8', 'INT8/FP32'], precisionSpeedTable(precision)), '');
  }
  if (notes.length) out.push('Notes:', ...notes.map((n) => `  - ${n}`), '');
  out.push('Written to bench/results.json', '');
  return out.join('\n');
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const round3 = (n: number) => Math.round(n * 1000) / 1000;
const log = (message: string) => process.stderr.write(`${message}\n`);

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
