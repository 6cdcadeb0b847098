'use client';
/** The model's jobs with live progress and a Cancel button while one waits or runs; a job without progress reports shows "running…". */
import { useState } from 'react';
import { isActive, jobOutcome, type JobView } from './job-view';

function Progress({ job }: { job: JobView }) {
  if (job.status === 'queued') return <span className="lab-progress"><span className="text">waiting for the jobs before it…</span></span>;
  if (job.status !== 'running') return null;
  const p = job.progress;
  const share = p && p.total > 0 ? Math.min(1, p.done / p.total) : null;
  return (
    <span className="lab-progress" role="progressbar" aria-valuemin={0} aria-valuemax={p?.total ?? undefined} aria-valuenow={p?.done ?? undefined}>
      <span className="track"><span className="fill" style={{ width: `${share === null ? 100 : share * 100}%`, opacity: share === null ? 0.3 : 1 }} /></span>
      <span className="text">{p ? `${p.phase} ${p.done}/${p.total}` : 'running…'}</span>
    </span>
  );
}

const when = (d: string | Date | null) => (d ? new Date(d).toLocaleTimeString() : '');
const seconds = (job: JobView) => (job.startedAt && job.finishedAt ? `${((new Date(job.finishedAt).getTime() - new Date(job.startedAt).getTime()) / 1000).toFixed(1)} s` : '');

/** Stops the job; resolves with why it could not, or null. */
type Cancel = (id: string) => Promise<string | null>;

function CancelButton({ job, cancel }: { job: JobView; cancel: Cancel }) {
  const [state, setState] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  const click = async () => {
    setState({ busy: true, error: null });
    setState({ busy: false, error: await cancel(job.id) });
  };
  return (
    <>
      <button type="button" className="lab-cancel" disabled={state.busy} onClick={click} aria-label={`Cancel the ${job.kind} job`}>
        {state.busy ? 'Cancelling…' : 'Cancel'}
      </button>
      {state.error && <div className="lab-error">{state.error}</div>}
    </>
  );
}

export function JobsList({ jobs, cancel }: { jobs: JobView[]; cancel?: Cancel }) {
  if (!jobs.length) return <p className="hint">No jobs yet for this model.</p>;
  return (
    <table className="lab-jobs">
      <thead>
        <tr><th>Job</th><th>Status</th><th>Progress</th><th>Queued</th><th>Took</th><th>Outcome and log</th></tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} data-job={job.id} data-kind={job.kind} data-status={job.status}>
            <td className="mono">{job.kind}</td>
            <td><span className={`lab-status ${job.status}`}>{job.status}</span></td>
            <td>
              {isActive(job) ? <Progress job={job} /> : job.progress ? <span className="text">{job.progress.phase} {job.progress.done}/{job.progress.total}</span> : null}
              {isActive(job) && cancel && <CancelButton job={job} cancel={cancel} />}
            </td>
            <td className="num">{when(job.createdAt)}</td>
            <td className="num">{seconds(job)}</td>
            <td>
              <div className={job.status === 'failed' ? 'lab-error' : undefined}>{jobOutcome(job)}</div>
              {job.logTail && (
                <details>
                  <summary>log</summary>
                  <pre className="lab-log">{job.logTail}</pre>
                </details>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
