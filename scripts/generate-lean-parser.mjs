// Writes the lean parser of the journey grammar, src/language/generated/lean-parser.ts, from the
// grammar and the lexer that `langium generate` produced (part of `npm run build`, after it and
// before TypeScript compiles src/; `--remove` before it). The generator is TypeScript (src/language/lean/
// lean-parser-generator.ts), bundled here by esbuild to run before the compiler.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const output = path.join(root, 'src/language/generated/lean-parser.ts');

// `--remove`, before `langium generate`: it empties its output folder and, when the folder holds
// a file it did not write, asks first (a question a build must not stop on).
if (process.argv.includes('--remove')) {
    rmSync(output, { force: true });
    process.exit(0);
}
// Inside the repository, so that its imports of langium resolve to node_modules.
const bundle = path.join(root, '.cache/build/lean-parser-generator.mjs');

mkdirSync(path.dirname(bundle), { recursive: true });
await build({
    stdin: {
        contents: [
            "export { generateLeanParserSource } from './src/language/lean/lean-parser-generator.ts';",
            "export { JourneyGeneratedSharedModule, JourneyLanguageGeneratedModule } from './src/language/generated/module.ts';"
        ].join('\n'),
        resolveDir: root,
        loader: 'ts'
    },
    outfile: bundle,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    logLevel: 'warning'
});
const { generateLeanParserSource, JourneyGeneratedSharedModule, JourneyLanguageGeneratedModule } = await import(pathToFileURL(bundle).href);
const { createDefaultCoreModule, createDefaultSharedCoreModule, EmptyFileSystem, inject } = await import('langium');

// The grammar and lexer the language's services are built from (src/language/journey-module.ts).
const shared = inject(createDefaultSharedCoreModule(EmptyFileSystem), JourneyGeneratedSharedModule);
const services = inject(createDefaultCoreModule({ shared }), JourneyLanguageGeneratedModule);
const source = generateLeanParserSource(services, {
    origin: 'src/language/journey.langium',
    runtimeModule: '../lean/lean-runtime.js',
    positionsModule: '../source-positions.js',
    astModule: './ast.js'
});
const unsupported = /^\/\/ The grammar cannot be parsed on the fast path: (.*)$/m.exec(source)?.[1];
if (unsupported) process.stderr.write(`warning: no lean parser for the journey grammar (${unsupported}); the commands will use Langium's parser.\n`);
// Unchanged output keeps TypeScript's incremental build.
if (!existsSync(output) || readFileSync(output, 'utf8') !== source) writeFileSync(output, source);
process.stdout.write(`Lean parser written to ${path.relative(root, output)}\n`);
