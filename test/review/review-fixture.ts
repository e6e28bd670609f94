/**
 * A repository of journeys with a pull request, built with real git: `origin` (bare) and a
 * checkout of the pull request as CI has it (GitHub: the merge commit of the head into the
 * base; GitLab: the head). main holds the mutuelle-santé example under journeys/, with one
 * pre-existing warning (an empty stage in the target journey, a file the pull request leaves
 * alone). Branch `revue` changes the current journey: a touchpoint removed, one added on a
 * channel nobody declared (an error on a changed line), an empty stage added (a warning on a
 * changed line), a stage retitled, the signature CSAT's target raised (met → missed), and a
 * week appended to the telephone waiting-time series (missed → met: a change of data only).
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

export function git(cwd: string, ...args: string[]): string {
    return execFileSync('git', ['-c', 'user.name=CX team', '-c', 'user.email=cx@example.org', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
        cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_DATE: '2026-11-02T10:00:00Z', GIT_COMMITTER_DATE: '2026-11-02T10:00:00Z' }
    }).trim();
}

export interface PullRequestFixture {
    root: string;
    origin: string;
    checkout: string;
    baseSha: string;
    headSha: string;
    /** 1-based line of the added touchpoint on the unknown channel, and of the added empty stage, in journeys/adhesion-actuel.journey at the head. */
    errorLine: number;
    warningLine: number;
    /** Line of the pre-existing empty stage in journeys/adhesion-cible.journey. */
    oldWarningLine: number;
}

const edit = (file: string, change: (text: string) => string) => writeFileSync(file, change(readFileSync(file, 'utf8')));

function replaceOnce(text: string, from: string | RegExp, to: string): string {
    const replaced = text.replace(from, to);
    if (replaced === text) throw new Error(`fixture: '${from}' not found`);
    return replaced;
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex(line => line.includes(needle)) + 1;

export function pullRequestFixture(checkoutAs: 'merge' | 'head'): PullRequestFixture {
    const root = mkdtempSync(path.join(tmpdir(), 'journey-review-'));
    const origin = path.join(root, 'origin.git');
    const work = path.join(root, 'author');
    git(root, 'init', '-q', '--bare', origin);
    git(root, 'init', '-q', work);
    cpSync(path.join(ROOT, 'examples/mutuelle-sante'), path.join(work, 'journeys'), { recursive: true });
    writeFileSync(path.join(work, 'README.md'), '# Parcours de la mutuelle\n');
    edit(path.join(work, 'journeys/adhesion-cible.journey'), text => replaceOnce(text, '  stage Devis "', '  stage APreciser "À préciser en comité"\n\n  stage Devis "'));
    git(work, 'add', '-A');
    git(work, 'commit', '-q', '-m', 'Parcours adhésion');
    git(work, 'remote', 'add', 'origin', origin);
    git(work, 'push', '-q', 'origin', 'main');
    const baseSha = git(work, 'rev-parse', 'HEAD');

    git(work, 'checkout', '-q', '-b', 'revue');
    const current = path.join(work, 'journeys/adhesion-actuel.journey');
    edit(current, text => {
        let out = replaceOnce(text, /    touchpoint FinDeContrat [\s\S]*?\n    }\n/, '');
        out = replaceOnce(out, 'stage Devis "Devis et conseil"', 'stage Devis "Devis et conseil personnalisé"');
        out = replaceOnce(out, '    touchpoint RendezVousAgence "Rendez-vous en agence"', '    touchpoint Visio "Rendez-vous en visio" via Visioconference by Conseil\n    touchpoint RendezVousAgence "Rendez-vous en agence"');
        out = replaceOnce(out, '  stage Carte "', '  stage Attente "Attente de la carte"\n\n  stage Carte "');
        out = replaceOnce(out, /target >= 80% warning 75%((\n[^\n]*)*?\n    data AvisAChaud)/, 'target >= 90% warning 85%$1');
        return out;
    });
    appendFileSync(path.join(work, 'journeys/data/attente-telephone.csv'), '2026-W27;2,4\n');
    git(work, 'commit', '-q', '-am', 'Revue du parcours actuel');
    git(work, 'push', '-q', 'origin', 'revue');
    const headSha = git(work, 'rev-parse', 'HEAD');
    const headText = readFileSync(current, 'utf8');

    const checkout = path.join(root, 'checkout');
    checkOut({ root, origin, checkout, baseSha }, headSha, checkoutAs);
    return {
        root, origin, checkout, baseSha, headSha,
        errorLine: lineOf(headText, 'touchpoint Visio'),
        warningLine: lineOf(headText, 'stage Attente'),
        oldWarningLine: lineOf(readFileSync(path.join(checkout, 'journeys/adhesion-cible.journey'), 'utf8'), 'stage APreciser')
    };
}

/**
 * The checkout CI makes, in a fresh folder. GitHub: the merge of the head into the base, which
 * GitHub keeps as refs/pull/7/merge, fetched one commit deep as actions/checkout does by
 * default (so the base commit is not there). GitLab (GIT_DEPTH 0): the head, whole history.
 */
function checkOut(fixture: Pick<PullRequestFixture, 'root' | 'origin' | 'checkout' | 'baseSha'>, headSha: string, checkoutAs: 'merge' | 'head'): void {
    rmSync(fixture.checkout, { recursive: true, force: true });
    if (checkoutAs === 'head') {
        git(fixture.root, 'clone', '-q', fixture.origin, fixture.checkout);
        git(fixture.checkout, 'checkout', '-q', '--detach', headSha);
        return;
    }
    const work = path.join(fixture.root, 'author');
    git(work, 'checkout', '-q', '--detach', fixture.baseSha);
    git(work, 'merge', '-q', '--no-ff', '-m', 'Merge revue into main', headSha);
    git(work, 'push', '-q', '-f', 'origin', 'HEAD:refs/pull/7/merge');
    git(work, 'checkout', '-q', 'revue');
    mkdirSync(fixture.checkout);
    git(fixture.checkout, 'init', '-q');
    git(fixture.checkout, 'remote', 'add', 'origin', `file://${fixture.origin}`);
    git(fixture.checkout, 'fetch', '-q', '--no-tags', '--depth=1', 'origin', '+refs/pull/7/merge:refs/remotes/pull/7/merge');
    git(fixture.checkout, 'checkout', '-q', '--detach', 'refs/remotes/pull/7/merge');
}

/** A second push to the pull request: the new touchpoint's channel fixed. */
export function pushFix(fixture: PullRequestFixture, checkoutAs: 'merge' | 'head'): string {
    const work = path.join(fixture.root, 'author');
    edit(path.join(work, 'journeys/adhesion-actuel.journey'), text => replaceOnce(text, 'via Visioconference by Conseil', 'via SiteWeb by Conseil'));
    git(work, 'commit', '-q', '-am', 'Canal de la visio');
    git(work, 'push', '-q', 'origin', 'revue');
    const headSha = git(work, 'rev-parse', 'HEAD');
    checkOut(fixture, headSha, checkoutAs);
    return headSha;
}
