import { Readable } from 'node:stream';
import { UnusableInput } from '../errors.js';
import type { FragmentFormat } from '../render/fragment.js';
import type { PageText, TextJob } from '../render/page-text.js';

// A page's own text goes to its two files, and to the store for later builds, as its runs are
// serialised, and is never held whole: the comprehensive report's is 35 MB of Markdown at
// 10,000 records, and held whole in both formats until its files were written, it was the
// largest thing a build kept while it wrote.

/**
 * How many runs may be serialising while the oldest is awaited when other threads serialise
 * them: enough to keep the threads busy. On the build's own thread (two cores), a run is
 * serialised when it is asked for, and making runs ahead of the one awaited only holds their
 * text: there a page makes none ahead (see `streamPageText`).
 */
export const runsAhead = 8;

/**
 * How many runs a reader may fall behind before the next are left in the store, for it to read
 * back when it gets there. A file takes longer to write than its page's text to make (each of
 * its bodies is read from the cache): a snapshot at the peak of writing 10,000 records found the
 * comprehensive report's two files 74 and 71 runs behind, holding 20 MB. The runs of the second
 * benchmark corpus's country reports are about 250 KB each in each format; writing its 10,000
 * records from a checked cache on two cores peaked at 309 MB in 46 s with none made ahead and
 * two behind, against 322 MB in 55 s with eight and eight (one build each: the two settings
 * were changed together, and the page workers' path, three cores or more, was not measured).
 */
const runsBehind = 2;

/**
 * Takes a page's runs in one format, in order, `last` with the final one; true when the run was
 * stored where its store's `recall` finds it (a cache that cannot be written to loses it).
 */
export type RunSink = (run: string, last: boolean) => Promise<boolean>;

/** Where a page's text in one format is stored run by run, and read back from. */
export interface RunStore {
  keep: RunSink;
  /** Run `n` as `keep` took it; undefined if it is gone. */
  recall: (n: number) => Promise<string | undefined>;
}

/** A page's own text being made. */
export interface StreamedText {
  /** The text in one format, run by run as they are made; each format is read once. */
  read(format: FragmentFormat): AsyncIterable<string>;
  /**
   * Settles once every run is made, stored and handed on, or the making failed (the readers
   * are told why): from then on the store holds the whole text, and what no file has read of
   * it can go.
   */
  done: Promise<void>;
}

/**
 * A page's own text in both formats, run by run as `serialise` makes them. Nothing is
 * serialised before `gate` lets the work start; a run is made only `ahead` runs ahead of the
 * oldest being serialised (see `runsAhead`), so that the page is made as it is serialised.
 * `store` keeps each run, and a reader `runsBehind` runs behind reads the next back from it.
 */
export function streamPageText(jobs: Iterable<TextJob>, serialise: (job: TextJob) => Promise<PageText>, store: Record<FragmentFormat, RunStore> | undefined, gate: (work: () => Promise<void>) => Promise<void>, ahead: number): StreamedText {
  // Each holds the runs its reader has yet to read: a run's text, or its number in the store.
  const readers = { markdown: runReader(), html: runReader() };
  let handed = 0;
  const handOn = async ({ text, more }: { text: Promise<PageText>; more: boolean }) => {
    const texts = await text;
    for (const format of ['markdown', 'html'] as const) {
      // Stored before it is read: a reader that reaches the end knows the store has it all. A
      // run the store could not keep is held for its reader, however far behind.
      const stored = (await store?.[format].keep(texts[format], !more)) ?? false;
      readers[format].push(stored && readers[format].readableLength >= runsBehind ? handed : texts[format]);
    }
    handed++;
  };
  const produce = async () => {
    const waiting: Array<{ text: Promise<PageText>; more: boolean }> = [];
    for (const job of jobs) {
      const text = serialise(job);
      // A failure is handed on when its run's turn comes; until then it must not count as unhandled.
      text.catch(() => undefined);
      waiting.push({ text, more: job.more });
      if (waiting.length > ahead) await handOn(waiting.shift()!);
    }
    for (const run of waiting) await handOn(run);
    readers.markdown.push(null);
    readers.html.push(null);
  };
  const done = gate(produce).catch((error: unknown) => {
    readers.markdown.destroy(error as Error);
    readers.html.destroy(error as Error);
  });
  const read = new Set<FragmentFormat>();
  return {
    read: (format) => {
      // A second reader would find the runs gone and write a file cut short.
      if (read.has(format)) throw new Error(`ecap bug: a page's ${format} text was read twice`);
      read.add(format);
      return store ? recalling(readers[format], store[format].recall) : readers[format];
    },
    done,
  };
}

/** A reader's runs, those left in the store read back from it. */
async function* recalling(runs: Readable, recall: RunStore['recall']): AsyncGenerator<string> {
  for await (const run of runs as AsyncIterable<string | number>) {
    if (typeof run === 'string') yield run;
    else yield (await recall(run)) ?? lost();
  }
}

function lost(): never {
  throw new UnusableInput('Part of a page’s text left in the cache while its file was written is gone from there (was the cache emptied meanwhile?): build again.');
}

/** A queue of runs that its reader iterates. */
function runReader(): Readable {
  const reader = new Readable({ objectMode: true, read() {} });
  // A failure reaches the reader through its iteration; one that is never read must not crash the process.
  reader.on('error', () => undefined);
  return reader;
}
