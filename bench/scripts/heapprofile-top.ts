// Prints the functions that allocated the most in a V8 .heapprofile written by `node --heap-prof`
// (sampled allocations still live at exit plus those collected, as V8 reports them).
// Usage: node --import tsx scripts/heapprofile-top.ts <file.heapprofile> [--top 40]
import { readFileSync } from 'node:fs';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const args = process.argv.slice(2);
const file = args.find((arg) => !arg.startsWith('--'));
if (!file) throw new Error('usage: heapprofile-top.ts <file.heapprofile> [--top N]');
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 40;
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
const totals = new Map<string, number>();
let total = 0;
const walk = (node: HeapNode) => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url
    .replace(/^file:\/\//, '')
    .replace(/^.*\/(packages|bench|node_modules)\//, '$1/');
  const name = `${functionName || '(anonymous)'} ${where ? `${where}:${lineNumber + 1}` : ''}`;
  totals.set(name, (totals.get(name) ?? 0) + node.selfSize);
  total += node.selfSize;
  node.children.forEach(walk);
};
walk(head);
for (const [name, size] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, top)) {
  console.log(
    `${((100 * size) / total).toFixed(1).padStart(5)}%  ${(size / 1024 / 1024).toFixed(1).padStart(7)} MB  ${name}`,
  );
}
