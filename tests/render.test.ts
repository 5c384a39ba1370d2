import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { check, renderContext } from '../src/pipeline/index.js';
import { plan, render, renderPlan, type PageStore, type RenderOptions } from '../src/pipeline/render.js';
import { runText, type Runs } from '../src/render/page-text.js';
import { runsAhead } from '../src/pipeline/page-stream.js';
import { dataPaths } from '../src/report/data.js';
import { languagesUsed } from '../src/render/fonts.js';
import { bodyMark } from '../src/render/marks.js';
import type { Model } from '../src/model/model.js';

// Counted, to see how far ahead of its reader a page's text is made; it runs as it is.
vi.mock('../src/render/page-text.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/render/page-text.js')>();
  return { ...original, runText: vi.fn(original.runText) };
});
const runTextAsIs = vi.mocked(runText).getMockImplementation()!;

/** A page store in `kept`, which holds a key only where `holds` says, and tells `stored` of each key stored. */
function memoryStore(kept: Map<string, Runs>, holds: (key: string) => boolean, stored: (key: string) => void = () => undefined): PageStore {
  // Each text stored run by run, as far as it is.
  const partial = new Map<string, string[]>();
  const set = async (key: string, text: Runs) => {
    stored(key);
    kept.set(key, text);
  };
  return {
    get: async (key) => (holds(key) ? kept.get(key) : undefined),
    set,
    runs: (key) => {
      const runs: string[] = [];
      partial.set(key, runs);
      return async (run, last) => {
        runs.push(run);
        if (last) await set(key, runs);
        return true;
      };
    },
    run: async (key, n) => partial.get(key)?.[n],
  };
}

/** The model with its practices `times` over; the first copy keeps its ids, which the recommendations cite. */
function withPracticesCopied(model: Model, times: number): Model {
  const copy = (i: number, p: Model['practices'][number]) => (i ? { ...p, id: `${p.id}-${i}`, file: p.file.replace(/\.md$/, `-${i}.md`) } : p);
  return { ...model, practices: Array.from({ length: times }, (_, i) => model.practices.map((p) => copy(i, p))).flat() };
}

const golden = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'golden');

describe('render', () => {
  it('gives two data files of the same text each their text', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    // No practice and no recommendation: both lists are `[]`, one text for two files.
    const bare = { ...model!, practices: [], recommendations: [] };
    const context = await renderContext(languagesUsed(bare), { contentDir: 'content', cwd: golden, provenance: {} });
    const files = new Map((await render(bare, context)).map((f) => [f.path, f.content]));
    expect(files.get(dataPaths.practices)).toBe('[]\n');
    expect(files.get(dataPaths.recommendations)).toBe('[]\n');
  });

  it('stores a long data file in runs that join to its text, descriptions as marks', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    // Enough practices for their file's text to be stored in more than one run.
    const many = withPracticesCopied(model!, 200);
    const practices = many.practices;
    const context = await renderContext(languagesUsed(many), { contentDir: 'content', cwd: golden, provenance: {} });
    const kept = new Map<string, Runs>();
    let written = '';
    for await (const file of (await renderPlan(plan(many, context), context, { store: memoryStore(kept, () => true), code: 'c' })).files) {
      if (file.path !== dataPaths.practices) continue;
      for await (const piece of file.content as AsyncIterable<string>) written += piece;
    }
    const listed = JSON.parse(written) as Array<{ id: string; description: string }>;
    expect(listed.map((p) => p.id)).toEqual(practices.map((p) => p.id));
    expect(written).toBe(JSON.stringify(listed, null, 2) + '\n');
    expect(listed.every((p) => p.description.length > 0 && !p.description.includes('\uE000'))).toBe(true);
    // The practices come first in the data files, so their descriptions are bodies 0, 1, ….
    const marked = JSON.stringify(listed.map((p, i) => ({ ...p, description: bodyMark(i) })), null, 2) + '\n';
    const stored = [...kept.values()].find((text) => [text].flat().join('') === marked);
    expect(Array.isArray(stored) && stored.length).toBeGreaterThan(1);
  });

  it('makes runs ahead of the one read only when another thread serialises them', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    // Enough practices for the comprehensive report to be made in several runs.
    const many = withPracticesCopied(model!, 200);
    const context = await renderContext(languagesUsed(many), { contentDir: 'content', cwd: golden, provenance: {} });
    // How many runs were ever being serialised at once, beyond those the store had taken: each
    // run is kept in both formats.
    const mostAhead = async (serialise?: RenderOptions['serialise']) => {
      let started = 0;
      let kept = 0;
      let most = 0;
      vi.mocked(runText).mockImplementation((job) => {
        most = Math.max(most, ++started - Math.floor(kept / 2));
        return runTextAsIs(job);
      });
      const store = memoryStore(new Map(), () => false);
      const runs = store.runs;
      store.runs = (key) => {
        const sink = runs(key);
        return (run, last) => (kept++, sink(run, last));
      };
      for await (const file of (await renderPlan(plan(many, context), context, { store, code: 'c', ...(serialise ? { serialise } : {}) })).files) for await (const piece of file.content as AsyncIterable<string>) void piece;
      return most;
    };
    // Two pages are made at once: here each is at most one run ahead of its store, elsewhere
    // up to `runsAhead` more (fewer here, as the pages' runs and the data files' interleave).
    expect(runsAhead).toBeGreaterThan(2);
    expect(await mostAhead()).toBeLessThanOrEqual(2);
    expect(await mostAhead(async (job) => runText(job))).toBeGreaterThan(2);
  });

  it('reads the bodies\' shapes back from where keepShapes puts them, or holds them', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    const context = await renderContext(languagesUsed(model!), { contentDir: 'content', cwd: golden, provenance: {} });
    const whole = new Map((await render(model!, context)).map((f) => [f.path, f.content]));
    const texts = async (keepShapes: RenderOptions['keepShapes']) => {
      const out = new Map<string, string | Uint8Array>();
      for await (const file of (await renderPlan(plan(model!, context), context, { keepShapes })).files) {
        let text = '';
        if (typeof file.content === 'string' || file.content instanceof Uint8Array) out.set(file.path, file.content);
        else {
          for await (const piece of file.content) text += piece;
          out.set(file.path, text);
        }
      }
      return out;
    };
    // A copy of each table, the one given emptied: the files can only read the copy.
    let asked = 0;
    const elsewhere = await texts(async (tables) => {
      const kept = tables.map((table) => table.splice(0));
      return async (table, body) => (asked++, kept[table]![body]!);
    });
    expect(elsewhere).toEqual(whole);
    expect(asked).toBeGreaterThan(0);
    expect(await texts(async () => undefined)).toEqual(whole);
  });

  it('writes a page whose text the store holds in one format only', async () => {
    const { model } = await check({ contentDir: 'content', cwd: golden });
    const context = await renderContext(languagesUsed(model!), { contentDir: 'content', cwd: golden, provenance: {} });
    const whole = new Map((await render(model!, context)).map((f) => [f.path, f.content]));
    // A first render fills the store; then every HTML text is lost from it.
    const kept = new Map<string, Runs>();
    const made: string[] = [];
    const store = memoryStore(kept, () => true);
    const texts = async (s: PageStore) => {
      const out = new Map<string, string>();
      for await (const file of (await renderPlan(plan(model!, context), context, { store: s, code: 'c' })).files) {
        let text = '';
        if (typeof file.content === 'string') text = file.content;
        else if (!(file.content instanceof Uint8Array)) for await (const piece of file.content) text += piece;
        if (!(file.content instanceof Uint8Array)) out.set(file.path, text);
      }
      return out;
    };
    await texts(store);
    const htmlKeys = new Set<string>();
    const recording = memoryStore(kept, (key) => !htmlKeys.has(key), (key) => made.push(key));
    for (const [key, text] of kept) if ([text].flat().join('').includes('<h1')) htmlKeys.add(key);
    expect(htmlKeys.size).toBeGreaterThan(0);
    const again = await texts(recording);
    for (const [file, text] of again) if (file.endsWith('.html') || file.endsWith('.md')) expect(text, file).toBe(whole.get(file));
    // Each lost HTML text was made again, and kept.
    for (const key of htmlKeys) expect(made).toContain(key);
  });
});
