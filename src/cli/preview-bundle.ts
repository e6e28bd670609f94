/** Finds the built preview bundle, inlined in the pages of `journey render` and `journey serve`. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';

/** dist/webview/preview.js of this package, built by `npm run build` (scripts/build-webview.mjs). */
export const PREVIEW_BUNDLE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/webview/preview.js');

let cached: Promise<string> | undefined;

/** The bundle's text; when it is missing, an error saying so in `locale`. */
export function readPreviewBundle(locale: Locale = DEFAULT_LOCALE): Promise<string> {
    const reading = cached ?? fs.readFile(PREVIEW_BUNDLE, 'utf8').catch((): string => {
        cached = undefined;
        throw new Error(messages(locale).t('cli.previewMissing', { file: PREVIEW_BUNDLE }));
    });
    cached = reading;
    return reading;
}
