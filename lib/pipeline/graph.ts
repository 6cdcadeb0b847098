import { z } from 'zod';

export const GRAPH_VERSION = 1;

const id = z.string().min(1).max(128).regex(/^[A-Za-z0-9_.:-]+$/, 'ids use letters, digits and _ . : -');

export const endpointSchema = z.object({ node: id, port: z.string().min(1).max(64) }).strict();

export const graphNodeSchema = z
  .object({
    id,
    kind: z.string().min(1).max(128),
    params: z.record(z.string(), z.unknown()).default({}),
    position: z.object({ x: z.number(), y: z.number() }).strict().default({ x: 0, y: 0 }),
    label: z.string().max(200).optional(),
  })
  .strict();

export const graphEdgeSchema = z.object({ id, from: endpointSchema, to: endpointSchema }).strict();

export const graphSchema = z
  .object({
    version: z.literal(GRAPH_VERSION),
    name: z.string().max(200).optional(),
    nodes: z.array(graphNodeSchema).max(5000),
    edges: z.array(graphEdgeSchema).max(20000),
  })
  .strict();

export type Graph = z.infer<typeof graphSchema>;
export type GraphNode = z.infer<typeof graphNodeSchema>;
export type GraphEdge = z.infer<typeof graphEdgeSchema>;
export type Endpoint = z.infer<typeof endpointSchema>;
