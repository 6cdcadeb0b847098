import { pipelineJsonSchema } from '@/lib/pipeline/json-schema';

// Built once per server: the schema only changes when the registry does, i.e. with a new build.
let cached: Record<string, unknown> | undefined;

export function GET(): Response {
  cached ??= pipelineJsonSchema();
  return Response.json(cached, { headers: { 'content-type': 'application/schema+json', 'cache-control': 'public, max-age=300' } });
}
