import type { Root } from 'mdast';
import { describe, expect, it } from 'vitest';
import { limited } from '../src/pipeline/concurrently.js';
import { runsAhead, streamPageText, type RunSink, type RunStore } from '../src/pipeline/page-stream.js';
import type { PageText, TextJob } from '../src/render/page-text.js';

/** `n` runs of a page, each knowing its number by its root's first child's value. */
function jobs(n: number): TextJob[] {
  return Array.from({ length: n }, (_, i) => ({ from: 'p', root: { type: 'root', children: [{ type: 'html', value: String(i) }] } as Root, anchors: new Map(), more: i < n - 1 }));
}

const number = (job: TextJob) => (job.root.children[0] as { value: string }).value;

/** Serialises run `i` as `md i` and `<p>i</p>`, the later ones sooner: they finish out of order. */
const backwards = (n: number) => async (job: TextJob): Promise<PageText> => {
  await new Promise((resolve) => setTimeout(resolve, (n - Number(number(job))) * 3));
  return { markdown: `md ${number(job)}|`, html: `<p>${number(job)}</p>` };
};

async function all(runs: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const run of runs) out.push(run);
  return out;
}

/** A store that records what it is given, and gives it back. */
function recorder(): { store: RunStore; got: Array<[string, boolean]> } {
  const got: Array<[string, boolean]> = [];
  const keep: RunSink = async (run, last) => (got.push([run, last]), true);
  return { store: { keep, recall: async (n) => got[n]?.[0] }, got };
}

describe('streaming a page text', () => {
  it('hands every run on in order to both formats and the store, the last marked, and starts only when let', async () => {
    const stored = { markdown: recorder(), html: recorder() };
    let open = () => undefined as void;
    const gate = (work: () => Promise<void>) => new Promise<void>((resolve) => (open = resolve)).then(work);
    let asked = 0;
    const serialise = backwards(12);
    const text = streamPageText(jobs(12), (job) => (asked++, serialise(job)), { markdown: stored.markdown.store, html: stored.html.store }, gate, runsAhead);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(asked).toBe(0);
    open();
    const [markdown, html] = await Promise.all([all(text.read('markdown')), all(text.read('html'))]);
    await text.done;
    expect(markdown).toEqual(Array.from({ length: 12 }, (_, i) => `md ${i}|`));
    expect(html).toEqual(Array.from({ length: 12 }, (_, i) => `<p>${i}</p>`));
    expect(stored.markdown.got.map(([run]) => run)).toEqual(markdown);
    expect(stored.html.got.filter(([, last]) => last)).toEqual([['<p>11</p>', true]]);
  });

  it('makes a few runs ahead of the oldest still being serialised, not the whole page', async () => {
    let running = 0;
    let most = 0;
    const text = streamPageText(
      jobs(40),
      async (job) => {
        most = Math.max(most, ++running);
        await new Promise((resolve) => setTimeout(resolve, 1));
        running--;
        return { markdown: number(job), html: number(job) };
      },
      undefined,
      limited(1),
      runsAhead,
    );
    expect(await all(text.read('markdown'))).toHaveLength(40);
    expect(most).toBe(runsAhead + 1);
  });

  it('makes no run ahead of the one awaited when runs are serialised on this thread', async () => {
    // Each run is handed on (kept, then queued for the readers) before the next is made.
    const stored = { markdown: recorder(), html: recorder() };
    let made = 0;
    let most = 0;
    const text = streamPageText(
      jobs(20),
      async (job) => {
        most = Math.max(most, ++made - stored.markdown.got.length);
        return { markdown: number(job), html: number(job) };
      },
      { markdown: stored.markdown.store, html: stored.html.store },
      (work) => work(),
      0,
    );
    expect(await all(text.read('markdown'))).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    expect(most).toBe(1);
  });

  it('tells each reader of a failure, one reading and one that starts late, and crashes nothing when a format is never read', async () => {
    const failing = async (job: TextJob): Promise<PageText> => {
      if (number(job) === '3') throw new Error('serialising failed');
      return { markdown: number(job), html: number(job) };
    };
    const text = streamPageText(jobs(6), failing, undefined, (work) => work(), runsAhead);
    await expect(all(text.read('markdown'))).rejects.toThrow('serialising failed');
    await text.done;
    await expect(all(text.read('html'))).rejects.toThrow('serialising failed');
    // Never read: its failure must not surface as an unhandled error, which fails the run.
    const unread = streamPageText(jobs(6), failing, undefined, (work) => work(), runsAhead);
    await unread.done;
    await new Promise((resolve) => setTimeout(resolve, 10));
  });

  it('leaves the runs a reader is too far behind to read in the store, and reads them back from there in order', async () => {
    const stored = { markdown: recorder(), html: recorder() };
    const recalled: number[] = [];
    const markdown: RunStore = { ...stored.markdown.store, recall: (n) => (recalled.push(n), stored.markdown.store.recall(n)) };
    const text = streamPageText(jobs(40), backwards(40), { markdown, html: stored.html.store }, (work) => work(), runsAhead);
    // The HTML is read as it comes (runs that come at once may still leave it behind); the
    // Markdown only once the whole text is made.
    const html = await all(text.read('html'));
    await text.done;
    expect(await all(text.read('markdown'))).toEqual(Array.from({ length: 40 }, (_, i) => `md ${i}|`));
    expect(html).toEqual(Array.from({ length: 40 }, (_, i) => `<p>${i}</p>`));
    // The first two were held for the Markdown, the rest read back from the store.
    expect(recalled).toEqual(Array.from({ length: 38 }, (_, i) => i + 2));
  });

  it('holds for its reader, however far behind, a run the store could not keep', async () => {
    // As a cache folder ecap may read but not write: every store fails, and nothing can be read back.
    let recalled = 0;
    const unwritable: RunStore = { keep: async () => false, recall: async () => (recalled++, undefined) };
    const text = streamPageText(jobs(40), backwards(40), { markdown: unwritable, html: unwritable }, (work) => work(), runsAhead);
    await text.done;
    expect(await all(text.read('markdown'))).toEqual(Array.from({ length: 40 }, (_, i) => `md ${i}|`));
    expect(recalled).toBe(0);
  });

  it('says to build again when a run left in the store is gone from there', async () => {
    const gone = async () => undefined;
    const text = streamPageText(jobs(12), backwards(12), { markdown: { ...recorder().store, recall: gone }, html: { ...recorder().store, recall: gone } }, (work) => work(), runsAhead);
    await text.done;
    await expect(all(text.read('markdown'))).rejects.toThrow('build again');
  });

  it('refuses to give a format to a second reader, which would write a file cut short', async () => {
    const text = streamPageText(jobs(2), backwards(2), undefined, (work) => work(), runsAhead);
    expect(await all(text.read('markdown'))).toEqual(['md 0|', 'md 1|']);
    expect(() => text.read('markdown')).toThrow('read twice');
  });
});
