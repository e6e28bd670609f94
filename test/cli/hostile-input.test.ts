// Input that lies, and small crashes (issue 15): the real `journey` command on files that are
// not what they seem (another extension, another encoding, links), output pipes closed early,
// syntax errors at the very end of a file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve('bin/journey.js');

function journey(args: string[], cwd: string) {
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A temporary folder holding `files` (relative path → text or bytes). */
function folder(files: Record<string, string | Buffer>): string {
    const root = mkdtempSync(join(tmpdir(), 'journey-hostile-'));
    for (const [path, content] of Object.entries(files)) {
        mkdirSync(join(root, path, '..'), { recursive: true });
        writeFileSync(join(root, path), content);
    }
    return root;
}

const CATALOG = 'channel Web "Site web" online\n';
const JOURNEY = 'journey J "Parcours" {\n  state current\n  stage S "Étape" {\n    touchpoint T "Point" via Web\n  }\n}\n';

describe('files that are not journey files', () => {
    it('refuses a file of another kind given by name, with a clear message and no stack trace', () => {
        const root = folder({ 'notes.txt': 'Réunion du 12 : revoir le parcours.\n' });
        for (const command of ['check', 'fmt', 'export']) {
            const result = journey([command, 'notes.txt'], root);
            expect(result.code, command).toBe(2);
            expect(result.stderr, command).toBe(`journey ${command}: notes.txt: not a journey file (journey files end in .journey).\n`);
        }
    });
});

describe('text that is not UTF-8', () => {
    it('gets one error naming the line of the first byte that is not UTF-8 and what to do', () => {
        const latin1 = Buffer.from('journey J "Adh\xe9sion" {\n  stage S "\xc9tape" {\n    touchpoint T "Point" via Web\n  }\n}\n', 'latin1');
        const stray = Buffer.concat([Buffer.from('channel Sms "SMS" online\n\nchannel Fax "T\xe9l\xe9copie', 'latin1'), Buffer.from(' (ancien)" offline\n')]);
        const root = folder({ 'catalog.journey': CATALOG, 'adhesion.journey': latin1, 'canaux.journey': stray });
        const result = journey(['check', '--format', 'json'], root);
        expect(result.code).toBe(1);
        const diagnostics = JSON.parse(result.stdout).diagnostics as Array<{ file: string; line: number; code: string; message: string }>;
        expect(diagnostics.map(d => [d.file, d.line, d.code])).toEqual([['adhesion.journey', 1, 'not-utf8'], ['canaux.journey', 3, 'not-utf8']]);
        expect(diagnostics[0].message).toMatch(/^This file is not saved as UTF-8.*Save the file as UTF-8/);
        // Nothing of it reaches a map: no "Adh�sion".
        expect(journey(['export', '--format', 'json'], root).stdout).not.toContain('\uFFFD');
        // fmt leaves it untouched and says why.
        const fmt = journey(['fmt', 'adhesion.journey'], root);
        expect(fmt.stderr).toMatch(/^adhesion\.journey:1:15: error: This file is not saved as UTF-8/);
        expect(readFileSync(join(root, 'adhesion.journey'))).toEqual(latin1);
    });

    it('accepts a UTF-8 byte-order mark, counting columns without it', () => {
        const bom = folder({ 'catalog.journey': `\uFEFF${CATALOG}channel Web "Encore" online\n` });
        const plain = folder({ 'catalog.journey': `${CATALOG}channel Web "Encore" online\n` });
        const withBom = journey(['check'], bom);
        expect(withBom.stdout).toBe(journey(['check'], plain).stdout);
        expect(withBom.stdout).toContain('catalog.journey:2:9: error:');
        expect(journey(['fmt', '--check'], bom).code).toBe(0);
    });
});

describe('symbolic links', () => {
    it('follows the links that stay in the workspace and reports, once each, those that leave it, loop or lead nowhere', () => {
        const outside = folder({ 'catalog.journey': CATALOG });
        const root = folder({ 'journeys/adhesion.journey': JOURNEY, '.partage/catalog.journey': CATALOG });
        symlinkSync('../.partage/catalog.journey', join(root, 'journeys/catalog.journey'));
        symlinkSync(join(outside, 'catalog.journey'), join(root, 'journeys/externe.journey'));
        symlinkSync(outside, join(root, 'dossier-externe'));
        symlinkSync('..', join(root, 'journeys/parent'));
        symlinkSync('boucle-b', join(root, 'boucle-a'));
        symlinkSync('boucle-a', join(root, 'boucle-b'));
        symlinkSync('absent.journey', join(root, 'casse.journey'));
        symlinkSync('journeys', join(root, 'raccourci'));
        const result = journey(['check'], root);
        // The catalog is read through its link (its folder is hidden), the journeys once each.
        expect(result.stdout).not.toContain('unresolved-reference');
        expect(result.stdout.split('\n').filter(line => line.includes('warning:')).map(line => line.replace(/: warning: .* \[/, ' ['))).toEqual([
            'boucle-a:1:1 [link-loop]', 'boucle-b:1:1 [link-loop]', 'casse.journey:1:1 [broken-link]',
            'dossier-externe:1:1 [link-outside-workspace]', 'journeys/externe.journey:1:1 [link-outside-workspace]', 'journeys/parent:1:1 [link-loop]'
        ]);
        expect(result.stdout).toContain('2 files checked: 0 errors, 6 warnings.');
        expect(result.code).toBe(0);
        const exported = JSON.parse(journey(['export', '--format', 'json'], root).stdout);
        expect(exported.journeys.map((j: { file: string }) => j.file)).toEqual(['journeys/adhesion.journey']);
    });

    it('says that a path given is a link loop, not that it does not exist', () => {
        const root = folder({});
        symlinkSync('b', join(root, 'a'));
        symlinkSync('a', join(root, 'b'));
        const result = journey(['check', 'a'], root);
        expect(result.code).toBe(2);
        expect(result.stderr).toBe('journey check: a: a symbolic link loop (it leads back to itself): fix or remove the link.\n');
    });
});

describe('output pipes closed early', () => {
    it('stops writing without a stack trace (| head, a pager quit, git log -p --ext-diff)', () => {
        const examples = resolve('examples');
        for (const command of ['export examples --format json', 'check examples', 'diff --textconv examples/mutuelle-sante/adhesion-actuel.journey']) {
            const result = spawnSync('bash', ['-c', `node ${BIN} ${command} | head -c 20 >/dev/null`], { cwd: resolve(examples, '..'), encoding: 'utf8' });
            expect(result.stderr, command).toBe('');
        }
    });
});

describe('a syntax error at the end of a file', () => {
    it('is placed where journey check places it by fmt, diff and --textconv, in plain words', () => {
        const broken = 'journey J "Parcours" {\n  stage S "Étape" {\n    touchpoint T "Point" via Web\n';
        const root = folder({ 'catalog.journey': CATALOG, 'old/j.journey': JOURNEY, 'new/j.journey': broken });
        const check = journey(['check', 'new/j.journey', 'catalog.journey'], root).stdout;
        const where = /j\.journey:(\d+):(\d+): error: Syntax error: (expected '}' but found the end of the file)\./.exec(check);
        expect(where).not.toBeNull();
        const [, line, column] = where!;
        expect(Number(line)).toBe(3);
        expect(journey(['fmt', 'new/j.journey'], root).stderr).toContain(`new/j.journey:${line}:${column}: error: Syntax error: expected '}' but found the end of the file.`);
        expect(journey(['diff', '--textconv', 'new/j.journey'], root).stdout).toMatch(new RegExp(`^# journey: this version does not parse \\(line ${line}\\)`));
        const diff = journey(['diff', 'old', 'new', '--format', 'json'], root);
        const unreadable = JSON.parse(diff.stdout).head.unreadable[0];
        expect(unreadable.line).toBe(Number(line));
        expect(unreadable.message).toBe("does not parse (expected '}' but found the end of the file); fix it with `journey check`: its content is left out of the comparison.");
    });
});
