import { afterEach, describe, expect, it, vi } from 'vitest';
import { BodyTexts } from '../src/pipeline/bodies.js';
import type { Fragment } from '../src/render/fragment.js';
import { cacheAnswering } from './helpers.js';

const fragment: Fragment = { html: '<p>Text ’quoted’.</p>', markdown: 'Text ’quoted’.', headings: [], first: '', last: '' };

describe("a build's body texts", () => {
  afterEach(() => vi.restoreAllMocks());

  it('holds the texts in memory without a cache', async () => {
    const texts = new BodyTexts(undefined, 'public');
    await texts.keep('body', 'r1', fragment);
    expect([texts.get('body', 'r1', 'html'), texts.get('body', 'r1', 'markdown')]).toEqual([fragment.html, fragment.markdown]);
    expect(texts.get('body', 'r2', 'html')).toBeUndefined();
  });

  it('holds a text the cache could not take where it is read, and drops it in a worker', async () => {
    const cache = cacheAnswering(Promise.resolve(false));
    const here = new BodyTexts(cache, 'public');
    const worker = new BodyTexts(cache, 'public', false);
    await Promise.all([here.keep('body', 'r1', fragment), worker.keep('body', 'r1', fragment)]);
    expect([here.get('body', 'r1', 'html'), here.get('body', 'r1', 'markdown')]).toEqual([fragment.html, fragment.markdown]);
    expect(worker.get('body', 'r1', 'html')).toBeUndefined();
  });

  it('lets go of every entry it offered the cache, stored or not, read back or not', async () => {
    for (const stored of [true, false]) {
      const cache = cacheAnswering(Promise.resolve(stored));
      await Promise.all([new BodyTexts(cache, 'public').keep('body', 'r1', fragment), new BodyTexts(cache, 'public', false).keep('body', 'r1', fragment)]);
      const offered = vi.mocked(cache.setEncoded).mock.calls.map(([, , entry]) => entry.byteLength);
      expect(offered).toEqual([0, 0, 0, 0]);
    }
  });
});
