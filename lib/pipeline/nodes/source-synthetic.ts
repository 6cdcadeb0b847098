// PLACEHOLDER created by the lead only so that registry imports resolve while the real kind is
// being written. The helper that owns this file replaces it entirely.
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';

export const sourceSynthetic = defineNodeKind({
  kind: 'source.synthetic',
  title: 'source-synthetic (placeholder)',
  category: 'source',
  description: 'placeholder',
  params: z.object({}),
  inputs: {},
  outputs: {},
  compile: () => [],
});
