/**
 * What the lab's forms send to queue a job, one zod schema per kind. Everything a command needs
 * is here, so a job can be re-run from its row; folders are server paths (an uploaded image set
 * is one too, under <data>/datasets/).
 */
import { z } from 'zod';
import { InputSpec } from '@/lib/precision/input-spec';

const model = z.string().trim().min(1, 'Pick a model');
const folder = (what: string) => z.string().trim().min(1, `Pick a ${what} image set (a server folder or an upload)`).max(4096);
const names = z.array(z.string().trim().regex(/^[A-Za-z0-9_./:-]+$/, 'op types and node names are letters, digits and _ . / : -').max(200)).max(500);

export const Fp16Request = z
  .object({ kind: z.literal('fp16'), model, keepIoTypes: z.boolean().default(true), blockOps: names.optional(), blockNodes: names.optional() })
  .strict();

export const Int8Request = z
  .object({
    kind: z.literal('int8'),
    model,
    calib: folder('calibration'),
    input: InputSpec,
    method: z.enum(['minmax', 'percentile', 'entropy']).default('minmax'),
    percentile: z.number().gt(50).max(100).optional(),
    perChannel: z.boolean().default(false),
    smoothquant: z.union([z.number().min(0).max(1), z.literal('auto')]).optional(),
  })
  .strict();

export const SearchRequest = z
  .object({
    kind: z.literal('search'),
    model,
    calib: folder('calibration'),
    val: folder('validation'),
    input: InputSpec,
    /** At most this many points of accuracy (or missed defects per 1,000) lost. */
    budget: z.number().min(0).max(100),
  })
  .strict();

export const EvalRequest = z.object({ kind: z.literal('eval'), model, val: folder('validation'), input: InputSpec }).strict();

export const JobRequest = z.discriminatedUnion('kind', [Fp16Request, Int8Request, SearchRequest, EvalRequest]);
export type JobRequest = z.output<typeof JobRequest>;
