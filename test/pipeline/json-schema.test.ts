import { describe, expect, it } from 'vitest';
import { pipelineJsonSchema } from '@/lib/pipeline/json-schema';
import { listNodeKinds } from '@/lib/pipeline/registry';

describe('pipelineJsonSchema', () => {
  it('given the registry, when the schema is generated, then every node kind has a branch with its parameters', () => {
    const schema = pipelineJsonSchema() as { properties: { nodes: { items: { anyOf: { properties: { kind: { const: string } } }[] } } } };
    const kinds = schema.properties.nodes.items.anyOf.map((b) => b.properties.kind.const);
    expect(kinds.sort()).toEqual(listNodeKinds().map((k) => k.kind).sort());
    expect(kinds).toContain('model.anomaly');
  });
});
