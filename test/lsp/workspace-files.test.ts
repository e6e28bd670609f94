// The language server reads the workspace on disk as `journey check` does (issue 15): the same
// files (symbolic links followed inside the workspace, git-ignored files left out), the same
// warnings for links it does not follow, the same error for a file that is not UTF-8, the same
// columns for a file with a byte-order mark.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { loadWorkspace } from '../../src/node/journey-workspace.js';
import { SERVER_STATS_METHOD } from '../../src/server/protocol.js';
import { LspClient } from './lsp-client.js';

const CATALOG = 'channel Web "Site web" online\nteam Gestion "Gestion"\n';
const journey = (id: string, title: string, channel = 'Web') =>
    `journey ${id} "${title}" {\n  state current\n  stage S "Étape" {\n    touchpoint T "Point" via ${channel} by Gestion\n  }\n}\n`;

let root: string;
let outside: string;
let client: LspClient;
const SEVERITIES = ['error', 'warning', 'info', 'hint'];

beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'journey-workspace-files-'));
    outside = mkdtempSync(join(tmpdir(), 'journey-outside-'));
    const files: Record<string, string | Buffer> = {
        '.partage/catalog.journey': CATALOG,
        'journeys/adhesion.journey': journey('Adhesion', 'Adhésion'),
        // Built output is still the user's workspace for `journey check` (Langium skipped folders named out).
        'out/export.journey': journey('Export', 'Export', 'Courrier'),
        'brouillons/ignore.journey': journey('Ignore', 'Ignoré', 'Pigeon'),
        '.gitignore': 'brouillons/\n',
        'journeys/latin1.journey': Buffer.from(`channel Sms "SMS" online\n${journey('Latin', 'R\xe9siliation')}`, 'latin1'),
        'journeys/bom.journey': `\uFEFFchannel Web "Doublon" online\n`
    };
    for (const [name, content] of Object.entries(files)) {
        mkdirSync(join(root, name, '..'), { recursive: true });
        writeFileSync(join(root, name), content);
    }
    writeFileSync(join(outside, 'secret.journey'), journey('Secret', 'Secret'));
    symlinkSync('../.partage/catalog.journey', join(root, 'journeys/catalog.journey'));
    symlinkSync(join(outside, 'secret.journey'), join(root, 'journeys/secret.journey'));
    symlinkSync('..', join(root, 'journeys/boucle'));
    client = await LspClient.start(root);
    await client.connection.sendRequest(SERVER_STATS_METHOD);
}, 60_000);

afterAll(async () => {
    await client?.stop();
    rmSync(root, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
});

describe('the workspace on disk, in the editor', () => {
    it('is the one journey check reads, with the same diagnostics', async () => {
        const shown = (file: string, d: { line: number; column: number; severity: string; code: string; message: string }) =>
            `${file}:${d.line}:${d.column} ${d.severity} [${d.code}] ${d.message}`;
        const fromServer = [...client.diagnostics].flatMap(([uri, diagnostics]) => diagnostics
            .filter((d: Diagnostic) => d.code !== 'non-standard-notation')
            .map((d: Diagnostic) => shown(relative(root, fileURLToPath(uri)).split('\\').join('/'), {
                line: d.range.start.line + 1, column: d.range.start.character + 1, severity: SEVERITIES[(d.severity ?? 1) - 1], code: String(d.code), message: d.message
            }))).sort();
        const check = (await loadWorkspace(['.'], { cwd: root })).diagnostics.map(d => shown(d.file, d)).sort();
        expect(fromServer).toEqual(check);
        // What the comparison covers.
        expect(check.map(line => line.replace(/ .*\[/, ' [').replace(/\].*/, ']'))).toEqual([
            'journeys/bom.journey:1:9 [duplicate-id]',
            'journeys/boucle:1:1 [link-loop]',
            'journeys/catalog.journey:1:9 [duplicate-id]',
            'journeys/latin1.journey:2:17 [not-utf8]',
            'journeys/secret.journey:1:1 [link-outside-workspace]',
            'out/export.journey:4:30 [unresolved-reference]'
        ]);
        expect(client.diagnostics.has(pathToFileURL(join(root, 'brouillons/ignore.journey')).toString())).toBe(false);
        expect(client.diagnostics.has(pathToFileURL(join(root, '.partage/catalog.journey')).toString())).toBe(false);
        expect(client.diagnostics.get(pathToFileURL(join(root, 'journeys/catalog.journey')).toString())?.filter(d => d.code === 'duplicate-id')).toHaveLength(1);
    });
});
