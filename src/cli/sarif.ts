/**
 * `journey check --format sarif`: the diagnostics as a SARIF 2.1.0 log, the format code
 * scanning services read (GitHub code scanning, GitLab, Azure DevOps, IDE viewers). One rule per
 * diagnostic code; paths relative to the folder given as `%SRCROOT%`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { FileDiagnostic } from '../node/journey-workspace.js';

/** SARIF levels: `info` and `hint` are both notes (SARIF has no finer level). */
const LEVELS = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

export interface SarifOptions {
    /** Absolute folder the diagnostics' paths are relative to (published as `%SRCROOT%`). */
    root: string;
    /** Prefix of every path, e.g. `journeys/` when `root` is the repository and the paths are relative to a subfolder of it. */
    prefix?: string;
}

const toolVersion = (() => {
    try {
        return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version;
    } catch {
        return undefined;
    }
})();

export function toSarif(diagnostics: FileDiagnostic[], options: SarifOptions) {
    const prefix = options.prefix ?? '';
    const codes = [...new Set(diagnostics.map(d => d.code))].sort();
    const ruleIndex = new Map(codes.map((code, i) => [code, i]));
    const root = pathToFileURL(options.root).href.replace(/\/?$/, '/');
    return {
        $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
        version: '2.1.0',
        runs: [{
            tool: {
                driver: {
                    name: 'journey',
                    ...(toolVersion ? { version: toolVersion } : {}),
                    rules: codes.map(code => ({ id: code, name: code }))
                }
            },
            originalUriBaseIds: { '%SRCROOT%': { uri: root } },
            columnKind: 'utf16CodeUnits',
            results: diagnostics.map(d => {
                const uri = `${prefix}${d.file}`.split('/').map(encodeURIComponent).join('/');
                return {
                    ruleId: d.code,
                    ruleIndex: ruleIndex.get(d.code)!,
                    level: LEVELS[d.severity],
                    message: { text: d.message },
                    locations: [{
                        physicalLocation: {
                            artifactLocation: { uri, uriBaseId: '%SRCROOT%' },
                            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn }
                        }
                    }],
                    // Stable across edits elsewhere in the file (no line number), so that a service
                    // tracking results does not see a moved diagnostic as a new one.
                    partialFingerprints: { 'journeyDiagnostic/v1': fingerprint(`${prefix}${d.file}`, d.code, d.message) }
                };
            })
        }]
    };
}

function fingerprint(...parts: string[]): string {
    return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
