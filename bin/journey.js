#!/usr/bin/env node
// The `journey` command. Compiled sources live in out/ (npm run build).
import '../out/polyfills.js';
import { main } from '../out/cli/main.js';

main(process.argv.slice(2)).then(
    code => { process.exitCode = code; },
    error => {
        process.stderr.write(`journey: internal error: ${error?.stack ?? error}\n`);
        process.exitCode = 2;
    }
);
