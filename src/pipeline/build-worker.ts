import { parentPort, workerData } from 'node:worker_threads';
import { failureOf, type BuildMessage, type BuildThreadData } from './build-thread.js';
import { build } from './index.js';

// The thread a build runs on (see buildOnThread): it runs the one build it is given, telling
// its progress as it goes, and ends.

const send = (message: BuildMessage) => parentPort!.postMessage(message);
const { build: options, model } = workerData as BuildThreadData;
try {
  const result = await build({ ...options, onProgress: (...progress) => send({ progress }) });
  send({ result: model || !result.model ? result : { ...result, model: undefined, modelLeft: true } });
} catch (error) {
  send({ failure: failureOf(error) });
}
