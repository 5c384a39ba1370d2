import { execFile } from 'node:child_process';

/** What git writes when run in `dir` with `args`; rejects when it fails or is not installed. */
export function gitOutput(dir: string, args: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    execFile('git', ['-C', dir, ...args], { encoding: 'buffer', maxBuffer: 1 << 30 }, (error, stdout) => (error ? reject(error) : resolve(stdout))),
  );
}
