/**
 * Peak memory of running a model, measured honestly in a separate process: a fresh Node child
 * loads ONNX Runtime, opens and runs a one-node session (paying ORT's own start-up), notes its
 * resident-set high-water mark (getrusage maxRSS), creates the model's session, runs it `runs`
 * times at batch 1, and notes the high-water mark again. The difference is what the model costs on
 * top of a started runtime: weights after ORT's optimisation, arena and activation buffers. In-process numbers would be polluted by the other variants and the test
 * runner, hence the child. Input values are zeros: memory does not depend on them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { problem, ProblemError } from '@/lib/pipeline/problems';
import { OnnxGraphBuilder } from '../onnx/builder';
import { onnx } from '../onnx/proto';

const CHILD = `
const [ortPath, modelPath, name, dimsJson, type, provider, threads, runs, idleModel] = process.argv.slice(1);
const ort = require(ortPath);
(async () => {
  const opts = { executionProviders: [provider], intraOpNumThreads: Number(threads), graphOptimizationLevel: 'all', logSeverityLevel: 3 };
  // A one-node session first pays ORT's own start-up (environment, thread pool, allocators), and stays open.
  const idle = await ort.InferenceSession.create(idleModel, opts);
  await idle.run({ x: new ort.Tensor('float32', new Float32Array(1), [1]) });
  const before = process.resourceUsage().maxRSS;
  const s = await ort.InferenceSession.create(modelPath, opts);
  const dims = JSON.parse(dimsJson);
  const n = dims.reduce((a, b) => a * b, 1);
  const data = type === 'float16' ? new Uint16Array(n) : new Float32Array(n);
  for (let i = 0; i < Number(runs); i++) await s.run({ [name]: new ort.Tensor(type, data, dims) });
  const after = process.resourceUsage().maxRSS;
  process.stdout.write(JSON.stringify({ before, after }));
})().catch((e) => { process.stderr.write(String(e && e.message || e)); process.exit(1); });
`;

export interface PeakMemoryInput {
  modelPath: string;
  inputName: string;
  inputType: 'float32' | 'float16';
  dims: number[];
  provider?: 'cpu' | 'cuda';
  threads?: number;
  runs?: number;
}

export interface PeakMemory {
  /** High-water RSS growth from creating the session and running it, in MiB. */
  peakMemoryMb: number;
  /** The child's whole high-water RSS (Node + ORT + model), in MiB. */
  processPeakMb: number;
}

export async function measurePeakMemory(input: PeakMemoryInput): Promise<PeakMemory> {
  const ortPath = createRequire(import.meta.url).resolve('onnxruntime-node');
  const args = ['-e', CHILD, ortPath, input.modelPath, input.inputName, JSON.stringify(input.dims), input.inputType, input.provider ?? 'cpu', String(input.threads ?? 1), String(input.runs ?? 5), await idleModelFile()];
  const out = await new Promise<string>((resolve, reject) => {
    execFile(process.execPath, args, { timeout: 300_000, maxBuffer: 1 << 20 }, (err, stdout, stderr) => (err ? reject(new Error(stderr.trim() || err.message)) : resolve(stdout)));
  }).catch((err: Error) => {
    throw new ProblemError([problem('model.unsupported', `Measuring peak memory of ${input.modelPath} failed in a child process: ${err.message}`, { path: [input.modelPath] })]);
  });
  const { before, after } = JSON.parse(out) as { before: number; after: number };
  // maxRSS is in KiB on Linux and macOS.
  return { peakMemoryMb: Math.max(0, after - before) / 1024, processPeakMb: after / 1024 };
}

/** y = Identity(x), written once per machine to the temp folder. */
async function idleModelFile(): Promise<string> {
  const file = join(tmpdir(), 'loupe-idle-identity-v1.onnx');
  if (existsSync(file)) return file;
  const b = new OnnxGraphBuilder({ name: 'idle' });
  b.op('Identity', [b.input('x', [1])], {}, 'y');
  b.output('y', [1]);
  const tmp = `${file}.${process.pid}`;
  await writeFile(tmp, onnx.ModelProto.encode(b.build()).finish());
  await rename(tmp, file);
  return file;
}
