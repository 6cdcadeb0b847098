/**
 * The worker <-> server contract over real HTTP against the running app: bad bodies are answered
 * with problems (never a crash or a stack trace), and a re-sent batch is counted once.
 */
import { expect, test, type APIRequestContext } from '@playwright/test';

interface LinesBody {
  lines: { id: string; name: string; deployment: { deploymentId: string; versionId: string } | null }[];
}

async function demoLine(request: APIRequestContext) {
  const res = await request.get('/api/lines');
  expect(res.status()).toBe(200);
  const line = ((await res.json()) as LinesBody).lines.find((l) => l.name === 'Demo line');
  expect(line?.deployment, 'the demo line is seeded with a deployment').toBeTruthy();
  return { lineId: line!.id, deploymentId: line!.deployment!.deploymentId, versionId: line!.deployment!.versionId };
}

function result(runId: string, seq: number, verdict: 'pass' | 'fail' | 'error') {
  return {
    resultKey: `${runId}:${seq}`,
    frameId: `${runId}-frame-${seq}`,
    seq,
    origin: 'e2e',
    inspectedAt: Date.now(),
    verdict,
    defects: [],
    reasons: verdict === 'fail' ? ['score above threshold'] : [],
    latencyMs: 12.5,
  };
}

test('given a body that is not JSON, when it is posted to /api/results, then the answer is 400 with a request.invalid problem', async ({ request }) => {
  const res = await request.post('/api/results', { headers: { 'content-type': 'application/json' }, data: '{"workerId": "w", "results": [' });
  expect(res.status()).toBe(400);
  const body = await res.json();
  expect(body.problems[0].code).toBe('request.invalid');
  expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/);
});

test('given JSON of the wrong shape, when it is posted to /api/results, then every bad field is named in a 400 answer', async ({ request }) => {
  const res = await request.post('/api/results', { data: { workerId: 'w', results: 'none' } });
  expect(res.status()).toBe(400);
  const { problems } = await res.json();
  expect(problems.length).toBeGreaterThan(0);
  expect(problems.every((p: { code: string }) => p.code === 'request.invalid')).toBe(true);
  expect(problems.map((p: { path?: unknown[] }) => p.path?.[0])).toContain('results');
});

test('given a batch of results, when the same batch is posted twice, then it is counted once', async ({ request }) => {
  const { lineId, deploymentId, versionId } = await demoLine(request);
  const runId = `e2e-${Date.now()}`;
  const batch = { workerId: 'e2e-api', lineId, deploymentId, versionId, batchKey: `${runId}:0-2`, results: [result(runId, 0, 'pass'), result(runId, 1, 'fail'), result(runId, 2, 'error')] };

  const first = await request.post('/api/results', { data: batch });
  expect(first.status()).toBe(200);
  expect(await first.json()).toMatchObject({ accepted: 3, duplicates: 0 });

  const again = await request.post('/api/results', { data: batch });
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ accepted: 0, duplicates: 3 });

  const overlapping = { ...batch, batchKey: `${runId}:2-3`, results: [result(runId, 2, 'error'), result(runId, 3, 'pass')] };
  const third = await request.post('/api/results', { data: overlapping });
  expect(await third.json()).toMatchObject({ accepted: 1, duplicates: 1 });
});

test('given a line that does not exist, when its deployment is asked for, then the answer is 404 request.not-found', async ({ request }) => {
  const res = await request.get('/api/lines/no-such-line/deployment');
  expect(res.status()).toBe(404);
  expect((await res.json()).problems[0].code).toBe('request.not-found');
});

test('given the demo line, when its deployment is asked for, then the graph deployed on it comes back', async ({ request }) => {
  const { lineId, deploymentId, versionId } = await demoLine(request);
  const res = await request.get(`/api/lines/${lineId}/deployment`);
  expect(res.status()).toBe(200);
  const body = await res.json();
  expect(body).toMatchObject({ deploymentId, versionId });
  expect(Array.isArray(body.graph.nodes)).toBe(true);
});

test('given a heartbeat for an unknown line, when it is posted, then the answer is 404 and the server keeps serving', async ({ request }) => {
  const res = await request.post('/api/workers/heartbeat', {
    data: { workerId: 'e2e-ghost', lineId: 'no-such-line', status: { state: 'running', frames: 0, fps: 0, errors: 0, dropped: 0, spooled: 0 } },
  });
  expect(res.status()).toBe(404);
  expect((await request.get('/api/health')).status()).toBe(200);
});
