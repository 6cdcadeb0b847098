/**
 * The worker's software-trigger endpoint: POST /trigger/:name fires every trigger.http node
 * listening under that name (a PLC, a light barrier's gateway, or curl). Answers 202 with how many
 * pipelines took the fire, 404 when none listens under that name.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FiringTriggerHub } from '@/lib/runtime-node/trigger-hub';
import { problem } from '@/lib/pipeline/problems';

export interface TriggerServer {
  port: number;
  close(): Promise<void>;
}

export async function startTriggerServer(hub: FiringTriggerHub, options: { port: number; host?: string }): Promise<TriggerServer> {
  const server: Server = createServer((req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    // Drain any body: a trigger carries no payload, but a client may send one.
    req.resume();
    const match = /^\/trigger\/([A-Za-z0-9._-]{1,64})\/?$/.exec(new URL(req.url ?? '/', 'http://x').pathname);
    if (!match) return reply(404, { problems: [problem('request.not-found', 'Use POST /trigger/<name>')] });
    if (req.method !== 'POST') return reply(405, { problems: [problem('request.invalid', 'Triggers are fired with POST')] });
    const fired = hub.fire(match[1]);
    if (fired === 0) return reply(404, { problems: [problem('request.not-found', `No running pipeline has a software trigger named "${match[1]}"`)] });
    reply(202, { fired });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
