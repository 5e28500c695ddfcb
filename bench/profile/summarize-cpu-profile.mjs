// Summarises a .cpuprofile: self time per function (and per file), largest first.
// Usage: node bench/profile/summarize-cpu-profile.mjs file.cpuprofile [rows] [filter]
import { readFileSync } from 'node:fs';

const [file, rowsText = '40', filter = ''] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map();
const deltas = profile.timeDeltas;
for (let index = 0; index < profile.samples.length; index += 1) {
  const id = profile.samples[index];
  selfMicros.set(id, (selfMicros.get(id) ?? 0) + (deltas[index] ?? 0));
}
const total = [...selfMicros.values()].reduce((a, b) => a + b, 0);
const perFunction = new Map();
const perFile = new Map();
for (const [id, micros] of selfMicros) {
  const { callFrame } = byId.get(id);
  const where = callFrame.url.replace(/^.*\/(node_modules|packages|bench)\//, '$1/');
  const name = `${callFrame.functionName || '(anonymous)'} ${where}:${callFrame.lineNumber + 1}`;
  perFunction.set(name, (perFunction.get(name) ?? 0) + micros);
  const fileKey = where || callFrame.functionName;
  perFile.set(fileKey, (perFile.get(fileKey) ?? 0) + micros);
}
const rows = Number(rowsText);
const print = (title, map) => {
  console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
  for (const [name, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, rows)) {
    if (filter && !name.includes(filter)) continue;
    console.log(
      `${((100 * micros) / total).toFixed(1).padStart(5)}%  ${(micros / 1000).toFixed(1).padStart(8)} ms  ${name}`,
    );
  }
};
print('self time per file', perFile);
print('self time per function', perFunction);
