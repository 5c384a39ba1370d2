import { parentPort } from 'node:worker_threads';
import { runText, type TextJob } from '../render/page-text.js';

// A worker of the pages' pool: serialises the runs of pages' own text it is sent (see
// page-text.ts) while the main thread writes. A run that fails to serialise fails the worker,
// and the pool with it.
parentPort!.on('message', (job: TextJob) => parentPort!.postMessage(runText(job)));
