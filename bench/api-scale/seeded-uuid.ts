import type { SeededRandom } from "../../lib/demo-data/random";

/**
 * A version-4-shaped UUID from the seeded generator, four draws per id: the demo seed's per-digit
 * version costs more than everything else a million runs need.
 */
export function seededUuid(random: SeededRandom): string {
  const a = word(random);
  const b = word(random);
  const c = word(random);
  const d = word(random);
  const variant = "89ab"[(c >>> 28) & 3]!;
  return `${hex(a, 8)}-${hex(b >>> 16, 4)}-4${hex(b & 0xfff, 3)}-${variant}${hex(c & 0xfff, 3)}-${hex((c >>> 12) & 0xffff, 4)}${hex(d, 8)}`;
}

function word(random: SeededRandom): number {
  return Math.floor(random.next() * 0x100000000) >>> 0;
}

function hex(value: number, digits: number): string {
  return value.toString(16).padStart(digits, "0");
}
