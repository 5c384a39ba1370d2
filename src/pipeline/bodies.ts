import type { Edition } from '../model/edition.js';
import type { Fragment, FragmentFormat } from '../render/fragment.js';
import { Cache, hash } from './cache.js';
import { doneOutsideHeap } from './heap.js';

const formats: readonly FragmentFormat[] = ['html', 'markdown'];

/**
 * Where a build keeps the text of its records' rendered bodies: in the cache when there is one,
 * read back while each page is written, so that only the pages being written hold any text;
 * else in memory. A body's text is the same from build to build while its record is, so it is
 * keyed by the body's name, its record's revision, the edition and the format.
 */
export class BodyTexts {
  private readonly held = new Map<string, string>();

  /**
   * `readHere`: false for a worker's, which nobody reads from: a body it cannot store is
   * dropped, and made again on the thread that asks for it (see preparedBodies).
   */
  constructor(
    private readonly cache: Cache | undefined,
    private readonly edition: Edition,
    private readonly readHere = true,
  ) {}

  /**
   * Stores a body's text, or holds it when there is no cache or the cache could not take it.
   * Both formats are encoded before anything is awaited, so that the texts are garbage as soon
   * as the file is done: held until their writes end, a check worker's young collections
   * between files took them for alive and moved them to the old generation (see Workers in
   * docs/speed.md).
   */
  keep(name: string, revision: string, fragment: Fragment): Promise<void> {
    const { cache } = this;
    const texts = formats.map((format) => [this.key(name, revision, format), fragment[format]] as const);
    if (!cache) {
      if (this.readHere) for (const [key, text] of texts) this.held.set(key, text);
      return Promise.resolve();
    }
    return this.store(cache, texts.map(([key, text]) => [key, Cache.encode(key, text)]));
  }

  private async store(cache: Cache, entries: Array<[string, Uint8Array]>): Promise<void> {
    for (const [key, entry] of entries) {
      const stored = await cache.setEncoded('bodies', key, entry);
      // Rare (see setEncoded): the text is decoded back rather than kept for the case.
      if (!stored && this.readHere) this.held.set(key, Cache.take<string>(key, entry)!);
      else doneOutsideHeap(entry);
    }
  }

  /** Undefined when the cache has lost it, or holds something else under its name. */
  get(name: string, revision: string, format: FragmentFormat): string | undefined {
    const key = this.key(name, revision, format);
    return this.held.get(key) ?? this.cache?.getSync<string>('bodies', key);
  }

  private key(name: string, revision: string, format: FragmentFormat): string {
    return hash('body', name, revision, this.edition, format);
  }
}
