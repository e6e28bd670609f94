/** Finds the built preview bundle, inlined in the pages of `journey render` and `journey serve`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

/** dist/webview/preview.js of this package, built by `npm run build` (scripts/build-webview.mjs). */
export const PREVIEW_BUNDLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/webview/preview.js');

let cached: Promise<string> | undefined;

export function readPreviewBundle(): Promise<string> {
    const reading = cached ?? fs.readFile(PREVIEW_BUNDLE, 'utf8').catch((): string => {
        cached = undefined;
        throw new Error(`The preview script ${PREVIEW_BUNDLE} is missing: run \`npm run build\` (it bundles src/webview).`);
    });
    cached = reading;
    return reading;
}
