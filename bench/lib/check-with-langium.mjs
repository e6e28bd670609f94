// `journey check <dir>` as the CLI builds it, but with Langium's parser for every file (its CST
// included) instead of the lean parser: what plain Langium would cost. Run by
// bench/language.bench.mjs as a fresh process, like the CLI.
//
//   node bench/lib/check-with-langium.mjs <dir>
import '../../out/polyfills.js';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { buildWorkspace, createBatchServices, findJourneyFiles, relativeTo } from '../../out/node/journey-workspace.js';
import { formatText } from '../../out/cli/commands/check.js';

const dir = path.resolve(process.argv[2] ?? '.');
const files = await findJourneyFiles([dir]);
const sources = await Promise.all(files.map(async file => ({ path: relativeTo(dir, file), text: await readFile(file, 'utf8') })));
const workspace = await buildWorkspace(sources, dir, createBatchServices({ lean: false }));
// The summary line only: what the bench checks.
process.stdout.write(formatText(workspace.diagnostics, workspace.documents.length).trim().split('\n').pop() + '\n');
