#!/usr/bin/env node
// The `journey` command. It runs the bundle of out/cli-bundle/ (npm run build,
// scripts/build-cli.mjs: one file per command instead of ~380 modules to resolve at start-up).
//
// It no longer runs itself a second time with `--max-semi-space-size=32` (added on 2026-11-23,
// when 32 MB semi-spaces took ~10 % of the CPU off a 1,000-file `journey check`): measured again
// on 2026-12-06 with the lean parser, the flag gained nothing on that check (1.42–1.45 s without,
// 1.45–1.61 s with it, +40 MB peak RSS) nor on `journey metrics`, while the second start cost
// ~80 ms on every command. NODE_OPTIONS=--max-semi-space-size=32 still sets it.
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../out/cli-bundle/main.js', import.meta.url))) {
    process.stderr.write('journey: the command is not built (out/cli-bundle/ is missing): run `npm run build`.\n');
    process.exit(2);
}
await import('../out/cli-bundle/polyfills.js');
const { main } = await import('../out/cli-bundle/main.js');
main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        process.stderr.write(`journey: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
    }
);
