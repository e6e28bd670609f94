/** Fixture repositories built with real git in temporary folders. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ADHESION, CATALOG } from './fixtures.js';

export function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', args, {
        cwd, encoding: 'utf8',
        env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-01T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-01T10:00:00Z' }
    });
}

export function write(root: string, files: Record<string, string | Buffer | null>): void {
    for (const [file, text] of Object.entries(files)) {
        const absolute = path.join(root, file);
        if (text === null) {
            rmSync(absolute, { force: true });
            continue;
        }
        mkdirSync(path.dirname(absolute), { recursive: true });
        writeFileSync(absolute, text);
    }
}

export function newRepository(): string {
    const root = mkdtempSync(path.join(tmpdir(), 'journey-diff-'));
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'config', 'user.email', 'cx@example.org');
    git(root, 'config', 'user.name', 'CX team');
    git(root, 'config', 'commit.gpgsign', 'false');
    return root;
}

export function commit(root: string, files: Record<string, string | Buffer | null>, message: string): void {
    write(root, files);
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', message);
}

export const TARGET_JOURNEY = `journey AdhesionCible "Adhésion — parcours cible" {
  persona Assure
  state target
  improves Adhesion
  stage Souscription "Souscription en ligne" {
    touchpoint Devis "Devis en 5 questions" via Web {
      emotion +1
    }
  }
}
`;

/**
 * main: catalog.journey + adhesion.journey. Branch `revue` (a pull request): adhesion.journey
 * moved to parcours/, its Support stage removed with its touchpoints and KPI, the J+1 target
 * tightened, a touchpoint moved from Courrier to Email, a touchpoint renamed, a target journey
 * added, a channel removed, an unrelated README and a binary file with the journey extension.
 */
export function pullRequestRepository(): string {
    const root = newRepository();
    commit(root, { 'journeys/catalog.journey': CATALOG, 'journeys/adhesion.journey': ADHESION, 'README.md': '# Parcours\n' }, 'Parcours actuel');
    git(root, 'checkout', '-q', '-b', 'revue');
    git(root, 'mv', 'journeys/adhesion.journey', 'journeys/parcours-adhesion.journey');
    const head = ADHESION
        .replace('target >= 90%', 'target >= 95%')
        .replace('"Envoi de la carte" via Courrier', '"Envoi de la carte" via Email')
        .replace('touchpoint Signature "Signature électronique"', 'touchpoint SignatureElectronique "Signature électronique"')
        .replace('of Signature)', 'of SignatureElectronique)')
        .replace(/  stage Support[\s\S]*?\n  }\n/, '')
        .replace(/  kpi DelaiSupport[\s\S]*?\n  }\n/, '');
    commit(root, {
        'journeys/parcours-adhesion.journey': head,
        'journeys/catalog.journey': CATALOG.replace('channel Fax "Fax" offline\n', '').replace('team Support "Support client"\n', ''),
        'journeys/cible.journey': TARGET_JOURNEY,
        'README.md': '# Parcours de la mutuelle\n',
        'journeys/logo.journey': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0xff])
    }, 'Revue du parcours');
    return root;
}
