/**
 * Runs once when a Next.js server starts. The Precision Lab's job runner starts here: jobs an
 * earlier server left `running` are marked `interrupted` and queued ones resume, without waiting
 * for someone to open the lab.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs' || process.env.NEXT_PHASE === 'phase-production-build') return;
  const { labRunner } = await import('./lib/precision-lab/lab-server');
  // Not awaited: a database that is down must not keep the web server from starting; the lab's
  // first request tries again.
  labRunner().catch((err) => console.error(`[precision-lab] the job runner did not start: ${err instanceof Error ? err.message : String(err)}`));
}
