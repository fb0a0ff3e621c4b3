/**
 * Incident id → row of the fact table, for the 100,000s of incidents a briefing table
 * holds. A Map of strings costs about 70 bytes an id (the string object and the entry);
 * here ids are kept as bytes in one buffer, found through an open-addressing table of row
 * numbers: about 48 bytes a UUID, and exact (each probe compares the stored bytes). Ids
 * with characters past Latin-1, which no id maker here produces, go to a plain Map.
 */

const EMPTY = -1;

export class IdIndex {
  private bytes = new Uint8Array(1 << 16);
  private used = 0;
  /** Row r's id is bytes[start[r] .. start[r + 1]). */
  private start = new Uint32Array(1025);
  private rows = 0;
  private slots = new Int32Array(2048).fill(EMPTY);
  private readonly other = new Map<string, number>();

  get size(): number {
    return this.rows;
  }

  /** The row of `id`, or −1. */
  get(id: string): number {
    if (!latin1(id)) return this.other.get(id) ?? EMPTY;
    const mask = this.slots.length - 1;
    for (let s = hashString(id) & mask; ; s = (s + 1) & mask) {
      const row = this.slots[s]!;
      if (row === EMPTY || this.equals(row, id)) return row;
    }
  }

  /** Gives `id` (not yet present) the next row, and answers it. */
  add(id: string): number {
    const row = this.rows++;
    if (row + 2 > this.start.length) this.start = grow(this.start, this.start.length * 1.5);
    if (!latin1(id)) {
      this.other.set(id, row);
      this.start[row + 1] = this.used;
      return row;
    }
    if (this.used + id.length > this.bytes.length) {
      this.bytes = grow(this.bytes, Math.max(this.used + id.length, this.bytes.length * 1.5));
    }
    for (let i = 0; i < id.length; i++) this.bytes[this.used++] = id.charCodeAt(i);
    this.start[row + 1] = this.used;
    // At most half full, so probes stay short.
    if (2 * (row + 1) > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(row);
    return row;
  }

  /** Bytes held. */
  byteLength(): number {
    return this.bytes.byteLength + this.start.byteLength + this.slots.byteLength;
  }

  /** Drops spare capacity, after a bulk load. */
  trim(): void {
    this.bytes = this.bytes.slice(0, this.used + (this.used >> 4));
    this.start = this.start.slice(0, this.rows + 1 + (this.rows >> 4));
  }

  private place(row: number): void {
    const mask = this.slots.length - 1;
    let s = hashBytes(this.bytes, this.start[row]!, this.start[row + 1]!) & mask;
    while (this.slots[s] !== EMPTY) s = (s + 1) & mask;
    this.slots[s] = row;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size).fill(EMPTY);
    for (let row = 0; row < this.rows; row++) {
      if (this.start[row + 1] !== this.start[row]) this.place(row);
    }
  }

  private equals(row: number, id: string): boolean {
    const from = this.start[row]!;
    if (this.start[row + 1]! - from !== id.length) return false;
    for (let i = 0; i < id.length; i++) if (this.bytes[from + i] !== id.charCodeAt(i)) return false;
    return true;
  }
}

function latin1(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

function grow<A extends Uint8Array | Uint32Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.ceil(size));
  b.set(a);
  return b;
}

// FNV-1a over the same code units the two ways: a string's chars and their stored bytes.
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function hashBytes(b: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
  return h >>> 0;
}
