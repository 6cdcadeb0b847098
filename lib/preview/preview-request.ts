/** The body of POST /api/pipelines/preview: the graph as edited, how many frames, or one uploaded picture. */
import { z } from 'zod';

/** ~12 MB of base64: a large camera frame as PNG or JPEG, not more. */
const MAX_IMAGE_CHARS = 16_000_000;

export const previewRequestSchema = z
  .object({
    // The graph is checked by the compiler, which gives per-node problems rather than one schema error.
    graph: z.unknown().refine((g) => typeof g === 'object' && g !== null, 'graph must be a pipeline graph object'),
    frames: z.number().int().min(1, 'frames must be 1 to 8').max(8, 'frames must be 1 to 8').default(3),
    /** PNG or JPEG, base64, with or without a data: URL prefix; replaces the source's frames. */
    image: z.string().min(1).max(MAX_IMAGE_CHARS, 'image is too large for a preview (max ~12 MB)').optional(),
  })
  .strict();

export type PreviewRequest = z.output<typeof previewRequestSchema>;

/** The bytes of a base64 image, with the data URL prefix removed. */
export function imageBytes(image: string): Uint8Array {
  const base64 = image.replace(/^data:[^;,]*;base64,/, '');
  return new Uint8Array(Buffer.from(base64, 'base64'));
}
