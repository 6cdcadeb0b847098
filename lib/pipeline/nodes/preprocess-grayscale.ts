// PLACEHOLDER created by the lead only so that registry imports resolve while the real kind is
// being written. The helper that owns this file replaces it entirely.
import { z } from 'zod';
import { defineNodeKind } from '../node-kind';

export const preprocessGrayscale = defineNodeKind({
  kind: 'preprocess.grayscale',
  title: 'preprocess-grayscale (placeholder)',
  category: 'preprocess',
  description: 'placeholder',
  params: z.object({}),
  inputs: {},
  outputs: {},
  compile: () => [],
});
