/**
 * The code of the thread that owns one ONNX Runtime session. onnxruntime-node's session.run is
 * synchronous on the calling thread (its binding is a "simple synchronized" wrap), so a session on
 * the JS thread stops everything else for the whole inference. Here it runs in a worker thread, and
 * the JS thread can preprocess the next batch meanwhile.
 *
 * Plain JavaScript, evaluated (`eval: true`): it runs the same under tsx, vitest and built code,
 * with no TypeScript loader needed inside the thread. Protocol: {id, op: 'load' | 'run' | 'release'}
 * in, handled one at a time in order; {id, ok: true, ...} or {id, ok: false, message} out. A run's
 * reply also hands back its input buffers. A run with `items` > 1 holds that many inputs stacked
 * along the batch dimension for a model whose batch is fixed at 1: the thread runs them one after
 * another and joins the outputs (see joinOutputs), so N frames cost one message each way, not N.
 * A run may carry `spare`: output buffers the caller has finished with (see ModelSession.recycle),
 * which the thread fills with later outputs of the same size instead of allocating new ones.
 */
export const ORT_THREAD_SOURCE = String.raw`
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const ort = require(workerData.ortPath);
let session;
// Output buffers handed back by the caller, reused for outputs of their size. A model's outputs
// come in a few sizes; the cap drops buffers of a size no longer asked for.
const spare = [];
const SPARE_OUTPUTS = 16;
const reply = (message, transfer) => {
  try {
    parentPort.postMessage(message, transfer);
  } catch (err) {
    // Output memory ORT owns cannot always be transferred: send a copy instead.
    parentPort.postMessage(message);
  }
};
// One message at a time, in arrival order: a release never overtakes a run sent before it. A run
// that ends takes the next message straight off the port (receiveMessageOnPort) rather than
// waiting for the event loop to deliver it, so the next inference starts sooner: the gap between
// two runs fell from about 0.11 to 0.07 ms.
const backlog = [];
let draining = false;
parentPort.on('message', (msg) => {
  backlog.push(msg);
  if (!draining) drain();
});
async function drain() {
  draining = true;
  try {
    for (;;) {
      let msg = backlog.shift();
      if (msg === undefined) msg = receiveMessageOnPort(parentPort)?.message;
      if (msg === undefined) return;
      await handle(msg);
    }
  } finally {
    draining = false;
  }
}
async function handle(msg) {
  try {
    if (msg.op === 'load') {
      session = await ort.InferenceSession.create(msg.bytes, msg.options);
      const inputTypes = session.inputMetadata.map((m) => [m.name, m.isTensor ? String(m.type) : 'non-tensor']);
      const batchOfOne = session.inputMetadata.length > 0 && session.inputMetadata.every((m) => m.isTensor && m.shape.length > 0 && m.shape[0] === 1);
      reply({ id: msg.id, ok: true, inputNames: session.inputNames, outputNames: session.outputNames, inputTypes, batchOfOne });
    } else if (msg.op === 'run') {
      for (const buffer of msg.spare || []) {
        spare.push(buffer);
        if (spare.length > SPARE_OUTPUTS) spare.shift();
      }
      const items = msg.items > 1 ? msg.items : 1;
      const runs = [];
      for (let k = 0; k < items; k++) {
        const feeds = {};
        for (const [name, t] of Object.entries(msg.feeds)) {
          if (items === 1) feeds[name] = new ort.Tensor(t.type, t.data, t.dims);
          else {
            const per = t.data.length / items;
            feeds[name] = new ort.Tensor(t.type, t.data.subarray(k * per, (k + 1) * per), [1, ...t.dims.slice(1)]);
          }
        }
        runs.push(await session.run(feeds));
      }
      const outputs = joinOutputs(runs);
      const transfer = [];
      for (const [, value] of outputs) {
        const buffer = value.data && value.data.buffer;
        if (buffer instanceof ArrayBuffer && !transfer.includes(buffer)) transfer.push(buffer);
      }
      // The input arrays go back too, for the caller to fill again (see inputArray): a whole
      // buffer only, and never one an output shares.
      const inputs = [];
      for (const t of Object.values(msg.feeds)) {
        const buffer = t.data && t.data.buffer;
        if (buffer instanceof ArrayBuffer && t.data.byteOffset === 0 && t.data.byteLength === buffer.byteLength && !transfer.includes(buffer)) {
          inputs.push(buffer);
          transfer.push(buffer);
        }
      }
      reply({ id: msg.id, ok: true, outputs, inputs }, transfer);
    } else if (msg.op === 'release') {
      if (session) await session.release();
      session = undefined;
      reply({ id: msg.id, ok: true });
    } else {
      reply({ id: msg.id, ok: false, message: 'unknown op ' + msg.op });
    }
  } catch (err) {
    reply({ id: msg.id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
}
// The outputs of N one-item runs as one batch's, as [name, value] pairs (names are often numbers,
// and an object keyed by "758" keeps a sparse array that long): concatenated along the batch
// dimension where it is 1 (what a model with a batch dimension would have given), otherwise
// stacked under a new one, so that item i of the joined output is always run i's output, batch
// dimension removed. One run (N = 1) keeps its dims. Each output is written into a spare buffer of its size where there is
// one: the arrays ONNX Runtime returned then die here, in this thread's small heap, and the caller
// receives, and hands back, the same few buffers again and again rather than one new buffer per
// output per run (an object its heap must find dead, which cost the JS thread major collections).
function joinOutputs(runs) {
  const outputs = [];
  // In the model's order: an object's own keys list number-like names first, whatever the model says.
  for (const name of session.outputNames.filter((n) => n in runs[0])) {
    const parts = runs.map((r) => r[name]);
    const dims = parts[0].dims.map(Number);
    const joined = runs.length === 1 ? dims : dims.length > 0 && dims[0] === 1 ? [parts.length, ...dims.slice(1)] : [parts.length, ...dims];
    const size = parts[0].data.length;
    const data = outputArray(parts[0].data, size * parts.length);
    if (runs.length === 1 && data === parts[0].data) {
      outputs.push([name, { type: parts[0].type, dims: joined, data }]);
      continue;
    }
    parts.forEach((p, k) => {
      if (p.data.length !== size) throw new Error('output "' + name + '" changed size between items of one batch');
      if (typeof data.set === 'function') data.set(p.data, k * size);
      else for (let i = 0; i < size; i++) data[k * size + i] = p.data[i];
    });
    outputs.push([name, { type: parts[0].type, dims: joined, data }]);
  }
  return outputs;
}
// An array of the element type of 'like', 'length' long: over a spare buffer of the exact size when
// there is one; else, for one run, ONNX Runtime's own array; else a new one.
function outputArray(like, length) {
  const Type = like.constructor;
  if (ArrayBuffer.isView(like) && Type.BYTES_PER_ELEMENT) {
    const at = spare.findIndex((b) => b.byteLength === length * Type.BYTES_PER_ELEMENT);
    if (at >= 0) return new Type(spare.splice(at, 1)[0]);
  }
  return like.length === length ? like : new Type(length);
}
`;
