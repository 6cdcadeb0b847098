/**
 * The web server's one job runner, started on the first Precision Lab request (each route and
 * page of the lab goes through here), kept on globalThis like serverDb(). Starting it marks the
 * jobs an earlier server process left `running` as `interrupted`. One web server per database
 * runs the lab: a second one would mark the first one's running jobs interrupted.
 */
import { serverDb } from '@/lib/db/server-db';
import { createJobRunner, type JobRunner } from './job-runner';
import { labPaths } from './lab-paths';

const holder = globalThis as unknown as { __loupeLabRunner?: Promise<JobRunner> };

export function labRunner(): Promise<JobRunner> {
  if (!holder.__loupeLabRunner) {
    const starting = (async () => {
      const runner = createJobRunner({ db: await serverDb(), paths: labPaths() });
      await runner.start();
      return runner;
    })();
    starting.catch(() => {
      if (holder.__loupeLabRunner === starting) holder.__loupeLabRunner = undefined;
    });
    holder.__loupeLabRunner = starting;
  }
  return holder.__loupeLabRunner;
}
