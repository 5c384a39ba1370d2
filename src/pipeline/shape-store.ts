import { hash, type Cache } from './cache.js';
import { concurrently } from './concurrently.js';
import type { Shape, Shapes } from './layout.js';

/**
 * How many bodies' shapes the cache keeps in one entry. A build that keeps the layout reads the
 * shapes only of the bodies it makes, often one: the comprehensive report's, whole, were 0.9 MB
 * at 1,000 records and 10 MB at 10,000, and took 20 and 194 ms to decode.
 */
const shapesPerEntry = 64;

/**
 * How many runs of shapes `keptShapes` keeps at hand: 1,024 bodies'. 64 runs of the
 * comprehensive report's were 2.9 MB at 10,000 records (a heap snapshot while it was written).
 */
const runsAtHand = 16;

/**
 * How many runs of shapes are stored at once. They are stored in a burst, as soon as the pages
 * are laid out (the second benchmark corpus's 10,000 records: 470 runs of about 145 KB, each
 * encoded in a buffer up to twice that), and the allocator keeps the space its busiest moment
 * took. heaptrack, laying out and writing that corpus from a checked cache: V8's serialiser
 * held 22.7 MB at the allocator's peak with 32 at once (as any other store), 12.7 MB with 4.
 */
const storedAtOnce = 4;

/**
 * Keeps a layout's shapes, by table, in the cache; false if any could not be stored. A run is
 * encoded only as its turn to be stored comes: encoded all at once before any was written, the
 * second benchmark corpus's 10,000 records held 69 MB of encoded shapes at the start of writing,
 * the build's highest memory, and the allocator kept the space after.
 */
export async function storeShapes(cache: Cache, layout: string, tables: readonly (readonly Shape[])[]): Promise<boolean> {
  let stored = true;
  await concurrently(shapeRuns(layout, tables), async ({ key, run }) => {
    if (!(await cache.set('shapes', key, run))) stored = false;
  }, storedAtOnce);
  return stored;
}

/**
 * The shapes of a layout's tables from the cache, each run read when first needed and the last
 * `runsAtHand` read kept: a page's two files read its bodies' shapes in order, one perhaps far
 * ahead of the other. A shape the cache has lost throws `missing()`.
 */
export function keptShapes(cache: Cache, layout: string, missing: () => Error): Shapes {
  // By table and run: the entry's key is hashed only when the run is first read, not for every body.
  const read = new Map<string, Promise<readonly Shape[] | undefined>>();
  return async (table, body) => {
    const run = Math.floor(body / shapesPerEntry);
    const at = `${table} ${run}`;
    let shapes = read.get(at);
    if (!shapes) {
      read.set(at, (shapes = cache.get<Shape[]>('shapes', shapesKey(layout, table, run))));
      // A map gives its keys in the order they were set: the first is the oldest.
      if (read.size > runsAtHand) read.delete(read.keys().next().value!);
    }
    const shape = (await shapes)?.[body % shapesPerEntry];
    if (!shape) throw missing();
    return shape;
  };
}

/** A layout's shapes, in the runs that the cache keeps apart, each cut from its table as it is taken. */
function* shapeRuns(layout: string, tables: readonly (readonly Shape[])[]): Generator<{ key: string; run: Shape[] }> {
  for (const [t, table] of tables.entries()) {
    for (let r = 0; r * shapesPerEntry < table.length; r++) yield { key: shapesKey(layout, t, r), run: table.slice(r * shapesPerEntry, (r + 1) * shapesPerEntry) };
  }
}

/** Where the cache keeps one run of the shapes of a layout's table of bodies, apart: a build reads only those of the bodies it makes. */
function shapesKey(layout: string, table: number, run: number): string {
  return hash(layout, 'shapes', String(table), String(run));
}
