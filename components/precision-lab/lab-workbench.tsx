'use client';
/** Image sets, input spec and job forms of one model, with its live jobs list. */
import { useState } from 'react';
import type { InputSpec } from '@/lib/precision/input-spec';
import type { LabModel } from '@/lib/precision-lab/list-models';
import { ImageSetPicker } from './image-set-picker';
import { JobForms, postJob } from './job-forms';
import type { JobView } from './job-view';
import { JobsList } from './jobs-list';
import { SpecFields, specDraft, specOf } from './spec-fields';
import { useLiveJobs } from './use-live-jobs';

export function LabWorkbench({ model, spec, specSource, initialJobs }: { model: Omit<LabModel, 'absolute'>; spec: InputSpec | null; specSource: string; initialJobs: JobView[] }) {
  const { jobs, reload } = useLiveJobs(model.id, initialJobs);
  const [calib, setCalib] = useState('');
  const [val, setVal] = useState('');
  const [draft, setDraft] = useState(specDraft(spec));
  const submit = async (request: Record<string, unknown>) => {
    // Each kind takes only its own fields (the server's schemas are strict).
    const needs = { fp16: [], int8: ['calib', 'input'], search: ['calib', 'val', 'input'], eval: ['val', 'input'] }[request.kind as 'fp16'];
    const shared: Record<string, unknown> = { calib, val, input: specOf(draft) };
    const body = { ...request, model: model.id, ...Object.fromEntries((needs as string[]).map((k) => [k, shared[k]])) };
    const error = await postJob(body);
    if (!error) await reload();
    return error;
  };
  const cancel = async (id: string) => {
    const res = await fetch(`/api/precision/jobs/${encodeURIComponent(id)}/cancel`, { method: 'POST' }).catch(() => null);
    await reload();
    if (res && !res.ok) {
      const body = (await res.json().catch(() => null)) as { problems?: { message: string }[] } | null;
      return body?.problems?.map((p) => p.message).join('; ') ?? `the server answered ${res.status}`;
    }
    return res ? null : 'the server could not be reached';
  };
  return (
    <>
      <section className="lab-section">
        <h2>Run</h2>
        <div className="body">
          <div className="lab-sets">
            <ImageSetPicker label="Calibration images" name="calib" value={calib} onChange={setCalib} />
            <ImageSetPicker label="Validation images (labelled)" name="val" value={val} onChange={setVal} />
            <SpecFields draft={draft} onChange={setDraft} source={specSource} />
          </div>
          <JobForms submit={submit} />
        </div>
      </section>
      <section className="lab-section">
        <h2>Jobs</h2>
        <div className="body">
          <JobsList jobs={jobs} cancel={cancel} />
        </div>
      </section>
    </>
  );
}
