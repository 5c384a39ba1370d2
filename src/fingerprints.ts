/**
 * A set of strings that keeps two 31-bit hashes of each instead of the string: the headings
 * and slugs a page has taken, all kept to make each one unique, are a few numbers each rather
 * than their text. The comprehensive report's, as strings, were 25 MB of the 133 MB live while
 * 10,000 records were written. Two strings are taken for one only when both hashes agree, once
 * in about 2^62 pairs: a page of 10^5 headings makes 5·10^9 pairs, so about one such page in
 * 10^9 would see a heading or slug numbered that need not be.
 */
export class FingerprintSet {
  /** By first hash, the second of each string added (several, in the rare case they share the first). */
  private readonly seconds = new Map<number, number | number[]>();

  has(text: string): boolean {
    const [first, second] = fingerprint(text);
    const known = this.seconds.get(first);
    return known === second || (Array.isArray(known) && known.includes(second));
  }

  /** Adds the string; false when it was in the set already. One hashing for a look and an add. */
  add(text: string): boolean {
    const [first, second] = fingerprint(text);
    const known = this.seconds.get(first);
    if (known === undefined) this.seconds.set(first, second);
    else if (typeof known === 'number') {
      if (known === second) return false;
      this.seconds.set(first, [known, second]);
    } else if (known.includes(second)) return false;
    else known.push(second);
    return true;
  }
}

/**
 * Two 31-bit hashes of a string's UTF-16 units, of different make (FNV-1a, and a
 * multiplicative hash with another seed, multiplier and mixing), each a small integer that
 * 64-bit Node keeps unboxed. Each drops its lowest bit: FNV-1a's is only the parity of the
 * units' lowest bits.
 */
export function fingerprint(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x2545f491;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    a = Math.imul(a ^ unit, 0x01000193);
    b = Math.imul(b ^ unit, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return [a >>> 1, (b ^ (b >>> 13)) >>> 1];
}
