// `npm run bench`: runs every bench/*.bench.mjs in turn, each in its own Node process (so one
// benchmark's heap and JIT state do not colour the next). Extra arguments are passed on.
// Exit code 1 if any benchmark failed.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2).filter(arg => !arg.startsWith('--'));
const options = process.argv.slice(2).filter(arg => arg.startsWith('--'));
const benches = readdirSync(here)
    .filter(name => name.endsWith('.bench.mjs'))
    .filter(name => only.length === 0 || only.some(wanted => name.startsWith(wanted)))
    .sort();
const failed = [];
for (const name of benches) {
    process.stdout.write(`\n=== ${name} ===\n`);
    const started = Date.now();
    const result = spawnSync(process.execPath, [path.join(here, name), ...options], { stdio: 'inherit' });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status !== 0) {
        failed.push(name);
        process.stdout.write(`=== ${name} FAILED (exit ${result.status ?? result.signal}) after ${seconds} s ===\n`);
    } else {
        process.stdout.write(`=== ${name} done in ${seconds} s ===\n`);
    }
}
if (failed.length) {
    process.stderr.write(`\nFailed benchmarks: ${failed.join(', ')}\n`);
    process.exitCode = 1;
}
