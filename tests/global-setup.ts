import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * Gives the run a temporary folder of its own, removed when it ends: the folders the tests make
 * under `os.tmpdir()`, and those of the processes they start, go there instead of piling up in
 * the machine's (a full run left a hundred-odd there, most test files removing none).
 */
export default async function setup(): Promise<() => Promise<void>> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'ecap-tests-'));
  // Open as /tmp is: the permission tests run commands as another user in folders made here.
  await chmod(root, 0o1777);
  // Read by os.tmpdir() in every test file's worker, started after this.
  process.env.TMPDIR = root;
  return () => rm(root, { recursive: true, force: true });
}
