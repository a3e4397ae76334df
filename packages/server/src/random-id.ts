/** Random bytes fetched at once: one `getRandomValues` call serves 256 ids. */
const POOL_BYTES = 4096;
let pool = new Uint8Array(0);
let offset = POOL_BYTES;

/** The character codes of each byte's two hex digits. */
const HIGH: number[] = [];
const LOW: number[] = [];
for (let byte = 0; byte < 256; byte++) {
  const hex = byte.toString(16).padStart(2, '0');
  HIGH.push(hex.charCodeAt(0));
  LOW.push(hex.charCodeAt(1));
}
const DASH = 0x2d;
/** Where each of the 16 bytes' two digits go in `xxxxxxxx-xxxx-4xxx-vxxx-xxxxxxxxxxxx`. */
const SLOTS = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];
/** The id's character codes, rewritten for every id (the dashes stay). */
const codes: number[] = new Array<number>(36).fill(DASH);

/**
 * A random (version 4) UUID, as `crypto.randomUUID()` makes, built as one flat string.
 * Node's `randomUUID` joins its 20 pieces by concatenation, and V8 keeps such a string as a
 * chain of pieces (≈ 700 bytes instead of ≈ 60) for as long as it lives; ids live as long as
 * their tasks.
 */
export function randomId(): string {
  if (offset + 16 > POOL_BYTES) {
    pool = crypto.getRandomValues(new Uint8Array(POOL_BYTES));
    offset = 0;
  }
  for (let k = 0; k < 16; k++) {
    let byte = pool[offset + k]!;
    if (k === 6)
      byte = (byte & 0x0f) | 0x40; // version 4
    else if (k === 8) byte = (byte & 0x3f) | 0x80; // RFC 9562 variant
    const slot = SLOTS[k]!;
    codes[slot] = HIGH[byte]!;
    codes[slot + 1] = LOW[byte]!;
  }
  offset += 16;
  return String.fromCharCode(...codes);
}
