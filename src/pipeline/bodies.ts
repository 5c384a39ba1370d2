import type { Edition } from '../model/edition.js';
import type { Fragment, FragmentFormat } from '../render/fragment.js';
import { hash, type Cache } from './cache.js';

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

  /** Stores a body's text, or holds it when there is no cache or the cache could not take it. */
  async keep(name: string, revision: string, fragment: Fragment): Promise<void> {
    for (const format of formats) {
      const key = this.key(name, revision, format);
      const stored = await this.cache?.set('bodies', key, fragment[format]);
      if (!stored && this.readHere) this.held.set(key, fragment[format]);
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
