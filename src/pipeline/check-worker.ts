import { parentPort, workerData } from 'node:worker_threads';
import type { SchemaSet } from '../content/schemas.js';
import type { Edition } from '../model/edition.js';
import type { Fragment } from '../render/fragment.js';
import { Cache } from './cache.js';
import { fileChecker } from './check-file.js';
import type { SourceFile } from './load.js';

// A worker of the check's pool: parse → validate → structure for each file it is sent, and,
// for a build, its body's fragments while the tree is at hand. Each result goes back as the
// bytes of its cache entry, moved rather than copied, so that the main thread can store it as
// it is and read it once.

export interface CheckWorkerData {
  schemas: SchemaSet;
  /** Render bodies ahead for this edition. */
  prerender?: Edition;
}
export type CheckTask = Array<{ key: string; file: SourceFile }>;
/** Per file of the task, in order: its cache entry, and its bodies' fragments by name. */
export interface CheckTaskResult {
  entries: Uint8Array[];
  fragments: Array<Array<[string, Fragment]>>;
}

const { schemas, prerender } = workerData as CheckWorkerData;
const checkFile = fileChecker(schemas);
const renderBodiesOf = prerender ? (await import('./render.js')).renderBodiesOf : undefined;

parentPort!.on('message', (task: CheckTask) => {
  const fragments: CheckTaskResult['fragments'] = [];
  const entries = task.map(({ key, file }) => {
    const result = checkFile(file);
    fragments.push(renderBodiesOf && result.checked ? [...renderBodiesOf(result.checked, prerender!)] : []);
    return Cache.encode(key, result);
  });
  parentPort!.postMessage({ entries, fragments } satisfies CheckTaskResult, entries.map((e) => e.buffer as ArrayBuffer));
});
