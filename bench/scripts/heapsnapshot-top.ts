// Sums the self size of a V8 .heapsnapshot by object kind (constructor or type), to see what a
// server holds per connection or per task; with a second file, prints what grew from the first.
// Usage: node --import tsx scripts/heapsnapshot-top.ts <file> [<later file>] [--top 40]
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 40;
const files = args.filter((arg, index) => !arg.startsWith('--') && index !== topIndex + 1);
if (files.length === 0)
  throw new Error('usage: heapsnapshot-top.ts <file> [<later file>] [--top N]');

function summarize(file: string): Map<string, { size: number; count: number }> {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as {
    snapshot: { meta: { node_fields: string[]; node_types: [string[]] }; node_count: number };
    nodes: number[];
    strings: string[];
  };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const width = fields.length;
  const typeAt = fields.indexOf('type');
  const nameAt = fields.indexOf('name');
  const sizeAt = fields.indexOf('self_size');
  const totals = new Map<string, { size: number; count: number }>();
  let total = 0;
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!]!;
    const name = snapshot.strings[snapshot.nodes[i + nameAt]!]!;
    const key = type === 'object' || type === 'closure' ? `${type} ${name}` : type;
    const size = snapshot.nodes[i + sizeAt]!;
    const entry = totals.get(key) ?? { size: 0, count: 0 };
    entry.size += size;
    entry.count++;
    totals.set(key, entry);
    total += size;
  }
  console.log(`${file}: total ${(total / 1048576).toFixed(1)} MB`);
  return totals;
}

const first = summarize(files[0]!);
const rows = files[1]
  ? (() => {
      const later = summarize(files[1]);
      return [...later].map(([key, { size, count }]) => {
        const before = first.get(key) ?? { size: 0, count: 0 };
        return [key, { size: size - before.size, count: count - before.count }] as const;
      });
    })()
  : [...first];
for (const [key, { size, count }] of rows.sort((a, b) => b[1].size - a[1].size).slice(0, top)) {
  console.log(
    `${(size / 1048576).toFixed(2).padStart(8)} MB ${String(count).padStart(8)}  ${key.slice(0, 100)}`,
  );
}
