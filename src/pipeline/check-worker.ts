import { parentPort, workerData } from 'node:worker_threads';
import type { SchemaSet } from '../content/schemas.js';
import type { Edition } from '../model/edition.js';
import { BodyTexts } from './bodies.js';
import { Cache } from './cache.js';
import { checkJobs, type CheckJob, type CheckJobResult } from './check-file.js';
import { youngCollection } from './heap.js';

// A worker of the check's pool: runs the jobs it is sent (see checkJobs) and hands back their
// entries' bytes, moved rather than copied, so that the main thread can store each as it is and
// read it once. With a cache, a build's bodies go straight there instead of back.

export interface CheckWorkerData {
  schemas: SchemaSet;
  cacheDir?: string;
  /** For a build: prepare each file for this edition. */
  edition?: Edition;
}

const { schemas, cacheDir, edition } = workerData as CheckWorkerData;
const cache = cacheDir ? new Cache(cacheDir) : undefined;
const collectYoung = youngCollection();
const run = await checkJobs(schemas, cache, edition ? { edition, texts: cache && new BodyTexts(cache, edition, false) } : undefined);

parentPort!.on('message', (jobs: CheckJob[]) => {
  runAll(jobs).then(
    (results) => parentPort!.postMessage(results, results.map((r) => r.entry.buffer as ArrayBuffer)),
    // Thrown outside any promise, so that the worker fails and the pool with it whatever
    // --unhandled-rejections says: a job that failed must never leave the pool waiting.
    (error: unknown) =>
      setImmediate(() => {
        throw error;
      }),
  );
});

async function runAll(jobs: CheckJob[]): Promise<CheckJobResult[]> {
  const done: Array<ReturnType<typeof run>> = [];
  for (const job of jobs) {
    done.push(run(job));
    // Done with the file's tree, before its writes go on: see youngCollection.
    collectYoung();
    // A turn of the event loop lets the writes just begun go on while the next file is parsed.
    await new Promise(setImmediate);
  }
  await Promise.all(done.map((r) => r.saved));
  return done.map(({ entry, fragments }) => ({ entry, fragments }));
}
