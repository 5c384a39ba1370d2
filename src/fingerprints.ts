/**
 * A set of strings that keeps two 31-bit hashes of each instead of the string: the headings
 * and slugs a page has taken, all kept to make each one unique, are a few bytes each rather
 * than their text. The comprehensive report's, as strings, were 25 MB of the 133 MB live while
 * 10,000 records were written. Two strings are taken for one only when both hashes agree, once
 * in about 2^62 pairs: a page of 10^5 headings makes 5·10^9 pairs, so about one such page in
 * 10^9 would see a heading or slug numbered that need not be.
 *
 * The pairs are kept in one typed array, by open addressing: kept in a `Map` of numbers, two
 * sets of 150,000 strings took 14 MB of V8's heap, there in large tables copied whole each time
 * they grew, where the array takes 8 bytes a slot: kept at most three quarters full, at least
 * four slots for three strings, up to eight just after it grows.
 */
export class FingerprintSet {
  /** Slot i holds a string's first hash plus one (0: an empty slot) at 2i, its second at 2i + 1. */
  // Small at first: every page makes two sets, most of a few dozen headings.
  private slots = new Uint32Array(2 * 64);
  private size = 0;

  has(text: string): boolean {
    const [first, second] = fingerprint(text);
    return this.slots[this.slotOf(first + 1, second)] !== 0;
  }

  /** Adds the string; false when it was in the set already. One hashing for a look and an add. */
  add(text: string): boolean {
    const [first, second] = fingerprint(text);
    if (!this.put(first + 1, second)) return false;
    // Kept at most three quarters full, where linear probing stays short.
    if (++this.size * 4 > (this.slots.length / 2) * 3) this.grow();
    return true;
  }

  /** Puts the pair in its slot; false when it was there already. */
  private put(first: number, second: number): boolean {
    const at = this.slotOf(first, second);
    if (this.slots[at] !== 0) return false;
    this.slots[at] = first;
    this.slots[at + 1] = second;
    return true;
  }

  /** Where the pair is, or the empty slot where it would go: from a slot the first hash picks, the next ones in turn. */
  private slotOf(first: number, second: number): number {
    const count = this.slots.length / 2;
    // Fibonacci hashing: the product's top bits, which every bit of the hash shapes.
    for (let i = Math.imul(first, 0x9e3779b1) >>> (Math.clz32(count) + 1); ; i = (i + 1) & (count - 1)) {
      const at = 2 * i;
      if (this.slots[at] === 0 || (this.slots[at] === first && this.slots[at + 1] === second)) return at;
    }
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(2 * old.length);
    for (let at = 0; at < old.length; at += 2) if (old[at] !== 0) this.put(old[at]!, old[at + 1]!);
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
