import { hash, type Cache } from './cache.js';
import type { PageStore } from './render.js';

/**
 * Each file's own text between builds, under a key that includes ecap's code. A text stored
 * run by run is an entry per run and, once every run is stored, one that counts them: a text
 * missing any run is not in the store.
 */
export function pageStore(cache: Cache, code: string): PageStore {
  const entry = (key: string) => hash(code, key);
  const runEntry = (key: string, n: number) => hash(code, key, 'run', String(n));
  return {
    get: async (key) => {
      const text = await cache.get<string | { runs: number }>('pages', entry(key));
      if (text === undefined || typeof text === 'string') return text;
      if (typeof text.runs !== 'number') return undefined;
      const runs = await Promise.all(Array.from({ length: text.runs }, (_, n) => cache.get<string>('pages', runEntry(key, n))));
      return runs.every((run) => typeof run === 'string') ? (runs as string[]) : undefined;
    },
    set: async (key, text) => void (await cache.set('pages', entry(key), text)),
    run: async (key, n) => {
      const run = await cache.get<string>('pages', runEntry(key, n));
      return typeof run === 'string' ? run : undefined;
    },
    runs: (key) => {
      let n = 0;
      return async (run, last) => {
        // A text of one run, most pages', is one entry, which `run` does not read.
        if (n === 0 && last) {
          await cache.set('pages', entry(key), run);
          return false;
        }
        const stored = await cache.set('pages', runEntry(key, n++), run);
        if (last) await cache.set('pages', entry(key), { runs: n });
        return stored;
      };
    },
  };
}
