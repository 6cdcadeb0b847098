/**
 * Editor benchmark: a 200-node pipeline opened in Debian's Chromium. Starts the product the way
 * the e2e tests do (`tsx scripts/start.ts --no-worker` on a temp SQLite file and a free port,
 * building the app first if it is stale), saves the generated graph through the API, then
 * measures in the page: time from navigation until every node is rendered, and the time between
 * animation frames while a node is dragged across the canvas. Prints numbers; asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { editorBenchGraph } from './editor-graph';

// The same Chromium and flags as playwright.config.ts.
const CHROMIUM = { executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'] };

export interface EditorLoadResult {
  nodes: number;
  edges: number;
  /** Navigation start → every node rendered with a size (ms), per round. */
  loadMs: number[];
  /** Intervals between animation frames while dragging (ms). */
  dragFrameMs: { p50: number; p95: number; max: number; frames: number; moves: number; movedPx: number };
}

export async function benchEditorLoad(root: string, options: { nodes?: number; rounds?: number } = {}, log: (m: string) => void = () => undefined): Promise<EditorLoadResult> {
  const nodes = options.nodes ?? 200;
  const graph = editorBenchGraph(nodes);
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'loupe-bench-editor-'));
  log(`editor: starting the app on port ${port} (builds first if stale: minutes) …`);
  const server = spawn(join(root, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts', '--no-worker'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATABASE_URL: `file:${join(dir, 'loupe.db')}`, LOUPE_SPOOL_DIR: join(dir, 'spool'), NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
    // Its own process group, so that stopping it reaches next-server too (as Playwright's webServer does).
    detached: true,
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${base}/api/health`, server);
    const { pipeline } = await post(`${base}/api/pipelines`, { name: graph.name });
    await post(`${base}/api/pipelines/${pipeline.id}/versions`, { graph, author: 'bench', message: `${nodes} nodes` });
    // Loaded only here: with @playwright/test merely imported, the pipeline rows measured before
    // this one ran slower (FastestDet on 1 thread: replay/raw 0.88-0.92 against 0.95-0.99).
    const { chromium } = await import('@playwright/test');
    const browser = await chromium.launch(CHROMIUM);
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const loadMs: number[] = [];
      for (let round = 0; round < (options.rounds ?? 3); round++) {
        await page.goto(`${base}/pipelines/${pipeline.id}`, { waitUntil: 'commit' });
        await page.waitForFunction(ALL_RENDERED, nodes, { polling: 'raf', timeout: 180_000 });
        loadMs.push(await page.evaluate(() => performance.now()));
        log(`editor: load round ${round + 1}: ${loadMs.at(-1)!.toFixed(0)} ms`);
      }
      const dragFrameMs = await measureDrag(page, graph.nodes[Math.floor(nodes / 2)].id);
      return { nodes, edges: graph.edges.length, loadMs, dragFrameMs };
    } finally {
      await browser.close();
    }
  } finally {
    await stopServer(server);
  }
}

/** Runs in the page: every node is in the DOM and React Flow has measured it (visible, with a size). */
const ALL_RENDERED = `(n) => {
  const els = document.querySelectorAll('.react-flow__node');
  return els.length >= n && [...els].every((e) => e.offsetWidth > 0 && getComputedStyle(e).visibility !== 'hidden');
}`;

/** Drags one node 600 px across the canvas in 60 mouse moves, recording every animation frame meanwhile. */
async function measureDrag(page: Page, nodeId: string): Promise<EditorLoadResult['dragFrameMs']> {
  const node = page.locator(`.react-flow__node[data-id="${nodeId}"]`);
  const box = (await node.boundingBox())!;
  const canvas = (await page.locator('.canvas').boundingBox())!;
  const [x, y] = [box.x + box.width / 2, box.y + Math.min(8, box.height / 2)];
  const [dx, dy] = [Math.min(600, canvas.x + canvas.width - x - 20), Math.min(200, canvas.y + canvas.height - y - 20)];
  await page.mouse.move(x, y);
  await page.mouse.down();
  // A string, not a function: tsx would wrap a function's inner closures in a helper the page lacks.
  await page.evaluate(`(() => {
    window.__frames = [];
    window.__stop = false;
    const loop = (t) => { window.__frames.push(t); if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  })()`);
  const moves = 60;
  for (let i = 1; i <= moves; i++) await page.mouse.move(x + (dx * i) / moves, y + (dy * i) / moves);
  await page.mouse.up();
  const frames = (await page.evaluate('(() => { window.__stop = true; return window.__frames; })()')) as number[];
  // How far the node really went on screen: a drag that missed the node would measure nothing.
  const after = (await node.boundingBox())!;
  const movedPx = Math.round(Math.hypot(after.x - box.x, after.y - box.y));
  const gaps = frames.slice(1).map((t, i) => t - frames[i]).sort((a, b) => a - b);
  const at = (q: number) => round1(gaps[Math.min(gaps.length - 1, Math.floor(q * gaps.length))] ?? NaN);
  return { p50: at(0.5), p95: at(0.95), max: round1(gaps.at(-1) ?? NaN), frames: gaps.length, moves, movedPx };
}

export function formatEditorLoad(r: EditorLoadResult): string {
  const med = [...r.loadMs].sort((a, b) => a - b)[Math.floor(r.loadMs.length / 2)];
  return [
    `Editor with ${r.nodes} nodes / ${r.edges} edges in Chromium (1280×800)`,
    `  load until every node is rendered: median ${med.toFixed(0)} ms (rounds: ${r.loadMs.map((v) => v.toFixed(0)).join(', ')})`,
    `  dragging a node ${r.dragFrameMs.movedPx} px (${r.dragFrameMs.moves} moves, ${r.dragFrameMs.frames} frames): frame time p50 ${r.dragFrameMs.p50} ms, p95 ${r.dragFrameMs.p95} ms, max ${r.dragFrameMs.max} ms`,
    '',
  ].join('\n');
}

const round1 = (n: number) => Math.round(n * 10) / 10;

async function post(url: string, body: unknown): Promise<{ pipeline: { id: string } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<{ pipeline: { id: string } }>;
}

async function waitForHealth(url: string, server: ChildProcess): Promise<void> {
  const deadline = Date.now() + 15 * 60_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the app exited (code ${server.exitCode}) before it answered ${url}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`the app did not answer ${url} within 15 minutes`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  const group = (signal: NodeJS.Signals) => {
    try {
      process.kill(-server.pid!, signal);
    } catch {
      // The group is already gone.
    }
  };
  if (server.exitCode === null && server.signalCode === null) {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    group('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 20_000))]);
  }
  // Whatever of the group outlived a graceful stop (a next-server whose parent went first).
  group('SIGKILL');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}
