// PLACEHOLDER created by the lead only so that registry imports resolve while the real kind is
// being written. The helper that owns this file replaces it entirely.
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';

export const triggerHttp = defineNodeKind({
  kind: 'trigger.http',
  title: 'trigger-http (placeholder)',
  category: 'trigger',
  description: 'placeholder',
  params: z.object({}),
  inputs: {},
  outputs: {},
  compile: () => [],
});
