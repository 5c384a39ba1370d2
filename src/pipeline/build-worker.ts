import { parentPort, workerData } from 'node:worker_threads';
import { failureOf, type BuildMessage } from './build-thread.js';
import { build, type BuildOptions } from './index.js';

// The thread a build runs on (see buildOnThread): it runs the one build it is given, telling
// its progress as it goes, and ends.

const send = (message: BuildMessage) => parentPort!.postMessage(message);
const options = workerData as Omit<BuildOptions, 'onProgress'>;
try {
  send({ result: await build({ ...options, onProgress: (...progress) => send({ progress }) }) });
} catch (error) {
  send({ failure: failureOf(error) });
}
