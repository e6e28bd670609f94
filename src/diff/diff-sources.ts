/**
 * The two versions a diff compares: git revisions (read with `git ls-tree` and one
 * `git cat-file --batch`, never checked out), the working tree, or plain paths. Each version is
 * built with `buildWorkspace`; files that do not parse are left out of the comparison on both
 * sides (and reported), binary files are skipped.
 */
import { execFile, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { ParseResult } from 'langium';
import { DEFAULT_LOCALE, messages, type Locale, type Messages } from '../language/i18n/i18n.js';
import { firstSyntaxError } from '../language/journey-diagnostics.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import {
    InputError, JOURNEY_EXTENSION, buildWorkspace, createBatchServices, relativeTo, updateWorkspace, type JourneyWorkspace, type SourceFile
} from '../node/journey-workspace.js';
import { listJourneyFiles } from '../node/journey-files.js';
import { diffModels } from './diff-engine.js';
import type { SideInfo, SideProblem, WorkspaceDiff } from './diff-types.js';

const run = promisify(execFile);

export type VersionSpec =
    | { kind: 'revision'; revision: string; label: string }
    | { kind: 'worktree'; label: string }
    | { kind: 'path'; path: string; label: string };

export interface VersionFiles {
    label: string;
    /** Folder the file paths are relative to. */
    root: string;
    sources: SourceFile[];
    skipped: string[];
}

export async function git(args: string[], cwd: string): Promise<string> {
    try {
        const { stdout } = await run('git', args, { cwd, maxBuffer: 1 << 30, encoding: 'utf8' });
        return stdout;
    } catch (error) {
        const e = error as NodeJS.ErrnoException & { stderr?: string };
        if (e.code === 'ENOENT') throw InputError.keyed('diff.error.noGit');
        throw InputError.keyed('diff.error.gitFailed', { command: `git ${args.join(' ')}`, detail: (e.stderr ?? e.message).trim() });
    }
}

async function gitOk(args: string[], cwd: string): Promise<string | undefined> {
    try {
        const { stdout } = await run('git', args, { cwd, encoding: 'utf8' });
        return stdout.trim();
    } catch {
        return undefined;
    }
}

export async function isGitRepository(cwd: string): Promise<boolean> {
    return (await gitOk(['rev-parse', '--is-inside-work-tree'], cwd)) === 'true';
}

export async function resolveCommit(revision: string, cwd: string): Promise<string | undefined> {
    return gitOk(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd);
}

/**
 * Reads the arguments of `journey diff [<base>] [<head>]`: each is an existing path or a git
 * revision (`main`, `HEAD~2`, `v1.0`); `A...B` compares B with the merge base of A and B (what a
 * pull request shows), `A..B` is `A` `B`.
 */
export async function resolveVersions(args: string[], cwd: string, m: Messages = messages(DEFAULT_LOCALE)): Promise<{ base: VersionSpec; head: VersionSpec }> {
    if (args.length > 2) throw new InputError(m.t('diff.error.tooManyVersions', { count: args.length }));
    if (args.length === 1 && /\.\.\.?/.test(args[0]) && !(await exists(path.resolve(cwd, args[0])))) {
        const threeDots = args[0].includes('...');
        const [a, b] = args[0].split(threeDots ? '...' : '..');
        const head = b || 'HEAD';
        const base = a || 'HEAD';
        if (threeDots) {
            const mergeBase = (await git(['merge-base', '--end-of-options', base, head], cwd)).trim();
            return { base: { kind: 'revision', revision: mergeBase, label: base }, head: await resolveVersion(head, cwd, m) };
        }
        return { base: await resolveVersion(base, cwd, m), head: await resolveVersion(head, cwd, m) };
    }
    const base = await resolveVersion(args[0] ?? 'HEAD', cwd, m);
    const head = args[1] === undefined ? { kind: 'worktree' as const, label: m.t('diff.label.workingTree') } : await resolveVersion(args[1], cwd, m);
    if ((base.kind === 'path') !== (head.kind === 'path') && head.kind !== 'worktree') {
        throw new InputError(m.t('diff.error.pathAndRevision'));
    }
    if (base.kind === 'path' && head.kind === 'worktree') {
        throw new InputError(m.t('diff.error.pathAlone', { path: args[0] }));
    }
    return { base, head };
}

async function resolveVersion(arg: string, cwd: string, m: Messages): Promise<VersionSpec> {
    if (await exists(path.resolve(cwd, arg))) return { kind: 'path', path: arg, label: arg };
    if (!(await isGitRepository(cwd))) throw new InputError(m.t('diff.error.notFoundNoGit', { arg, cwd }));
    const commit = await resolveCommit(arg, cwd);
    if (!commit) throw new InputError(m.t('diff.error.notFound', { arg }));
    return { kind: 'revision', revision: commit, label: arg };
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}

/** Text of a file, or undefined when it is binary (a NUL byte, or not UTF-8). */
export function decodeText(bytes: Buffer): string | undefined {
    if (bytes.includes(0)) return undefined;
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
    } catch {
        return undefined;
    }
}

const skippedFolder = (file: string) => file.split('/').slice(0, -1).some(part => part.startsWith('.') || part === 'node_modules');

/** The journey files of a revision under the current folder, paths relative to it. */
export async function revisionFiles(revision: string, cwd: string, label = revision): Promise<VersionFiles> {
    const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).trim();
    const listing = await git(['ls-tree', '-r', '-z', '--full-tree', revision], cwd);
    const entries: { hash: string; file: string }[] = [];
    for (const record of listing.split('\0')) {
        const match = /^(\d+) (\w+) ([0-9a-f]+)\t([\s\S]*)$/.exec(record);
        if (!match || match[2] !== 'blob' || match[1] === '120000') continue;
        const file = match[4];
        if (!file.startsWith(prefix) || !file.endsWith(JOURNEY_EXTENSION)) continue;
        const relative = file.slice(prefix.length);
        if (skippedFolder(relative)) continue;
        entries.push({ hash: match[3], file: relative });
    }
    const blobs = await readBlobs(entries.map(e => e.hash), cwd);
    const sources: SourceFile[] = [];
    const skipped: string[] = [];
    entries.forEach((entry, i) => {
        const text = decodeText(blobs[i]);
        if (text === undefined) skipped.push(entry.file);
        else sources.push({ path: entry.file, text });
    });
    return { label, root: cwd, sources, skipped };
}

/** Contents of blobs in one `git cat-file --batch` process. */
export function readBlobs(hashes: string[], cwd: string): Promise<Buffer[]> {
    if (!hashes.length) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
        const child = spawn('git', ['cat-file', '--batch'], { cwd, stdio: ['pipe', 'pipe', 'pipe'] });
        const chunks: Buffer[] = [];
        let stderr = '';
        child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
        child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
        child.on('error', error => reject(InputError.keyed('diff.error.gitFailed', { command: 'git cat-file', detail: error.message })));
        child.on('close', code => {
            if (code !== 0) return reject(InputError.keyed('diff.error.gitFailed', { command: 'git cat-file', detail: stderr.trim() }));
            const all = Buffer.concat(chunks);
            const result: Buffer[] = [];
            let at = 0;
            for (let i = 0; i < hashes.length; i++) {
                const eol = all.indexOf(10, at);
                const header = all.subarray(at, eol).toString();
                const size = Number(header.split(' ')[2]);
                if (!Number.isFinite(size)) return reject(InputError.keyed('diff.error.gitFailed', { command: 'git cat-file', detail: header }));
                result.push(all.subarray(eol + 1, eol + 1 + size));
                at = eol + 1 + size + 1;
            }
            resolve(result);
        });
        child.stdin.end(hashes.join('\n') + '\n');
    });
}

/** Journey files under a folder (or one file), as `journey check` finds them. */
export async function pathFiles(given: string, cwd: string, label = given): Promise<VersionFiles> {
    const absolute = path.resolve(cwd, given);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (!stat) throw InputError.keyed('diff.error.noSuchPath', { path: given });
    const root = stat.isFile() ? path.dirname(absolute) : absolute;
    const found = stat.isFile() ? { files: [absolute], warnings: [] } : await listJourneyFiles([absolute], cwd);
    const files = found.files;
    const sources: SourceFile[] = [];
    // Links not followed (out of the workspace, loops) are listed with the files left out.
    const skipped: string[] = found.warnings.map(warning => relativeTo(root, warning.link));
    for (const file of files) {
        const bytes = await fs.readFile(file).catch((error: NodeJS.ErrnoException) => {
            throw InputError.keyed('diff.error.unreadable', { path: relativeTo(cwd, file), detail: error.code ?? error.message });
        });
        const text = decodeText(bytes);
        if (text === undefined) skipped.push(relativeTo(root, file));
        else sources.push({ path: relativeTo(root, file), text });
    }
    return { label, root, sources, skipped };
}

export async function versionFiles(spec: VersionSpec, cwd: string): Promise<VersionFiles> {
    switch (spec.kind) {
        case 'revision': return revisionFiles(spec.revision, cwd, spec.label);
        case 'worktree': return { ...(await pathFiles('.', cwd, spec.label)), root: cwd };
        case 'path': return pathFiles(spec.path, cwd, spec.label);
    }
}

export interface BuiltVersion {
    label: string;
    model: WorkspaceModel;
    files: number;
    unreadable: SideProblem[];
    skipped: string[];
}

/** Builds a workspace from the sources of a version. */
type Builder = (sources: SourceFile[]) => Promise<JourneyWorkspace>;

/** The diff reads the model and the syntax errors (from the parse result), not the checks' diagnostics. */
function quickServices() {
    return createBatchServices({ validate: false });
}

function syntaxProblem(file: string, side: 'base' | 'head', parseResult: Pick<ParseResult, 'lexerErrors' | 'parserErrors'>, m: Messages): SideProblem {
    const error = firstSyntaxError(parseResult, m)!;
    // The message a person reads in the editor and in `journey check`, not the parser's own,
    // without its "Syntax error:" (in the reader's language) and its full stop.
    const prefix = m.t('syntax.other', { detail: '' });
    const detail = (error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message).replace(/\.$/, '');
    return { file, side, line: error.line, message: m.t('diff.notParsed', { detail }) };
}

/**
 * Parses and links a version; files with syntax errors are reported as unreadable. Should the
 * model builder fail on a partly parsed file, the version is built again without the files
 * that do not parse (diff what parses, say what did not). Also gives the workspace when it
 * holds every file of the version, for the other version to be built from.
 */
export async function buildVersion(files: VersionFiles, side: 'base' | 'head',
    build: Builder = sources => buildWorkspace(sources, files.root, quickServices()), m: Messages = messages(DEFAULT_LOCALE)): Promise<BuiltVersion & { workspace?: JourneyWorkspace }> {
    let workspace: JourneyWorkspace;
    let model: WorkspaceModel;
    try {
        workspace = await build(files.sources);
        model = workspace.model;
    } catch (error) {
        const parser = quickServices().parser.LangiumParser;
        const broken = files.sources.map(source => ({ source, result: parser.parse(source.text) }))
            .filter(({ result }) => result.lexerErrors.length || result.parserErrors.length);
        if (!broken.length) throw error;
        const left = new Set(broken.map(b => b.source));
        const rebuilt = await buildWorkspace(files.sources.filter(source => !left.has(source)), files.root, quickServices());
        const unreadable = broken.map(({ source, result }) => syntaxProblem(source.path, side, result, m));
        return { label: files.label, model: rebuilt.model, files: files.sources.length, unreadable, skipped: files.skipped };
    }
    const unreadable: SideProblem[] = [];
    for (const document of workspace.documents) {
        if (!document.parseResult.lexerErrors.length && !document.parseResult.parserErrors.length) continue;
        unreadable.push(syntaxProblem(relativeTo(files.root, document.uri.fsPath), side, document.parseResult, m));
    }
    return { label: files.label, model, files: files.sources.length, unreadable, skipped: files.skipped, workspace };
}

type TopKey = 'journeys' | 'channels' | 'personas' | 'segments' | 'teams' | 'roles' | 'organisations' | 'tagFamilies' | 'kpis' | 'sources';
const TOP: TopKey[] = ['journeys', 'channels', 'personas', 'segments', 'teams', 'roles', 'organisations', 'tagFamilies', 'kpis', 'sources'];

/**
 * Leaves out of both models what the unreadable files hold: in their own version, everything
 * from them; in the other version, what was in the same file (unless it now lives in a file
 * that parses) and anything named like what the broken file still declares.
 */
export function excludeUnreadable(base: BuiltVersion, head: BuiltVersion): { base: WorkspaceModel; head: WorkspaceModel } {
    const filter = (model: WorkspaceModel, drop: (key: TopKey, item: { id: string; file: string }) => boolean): WorkspaceModel => {
        const copy = { ...model };
        for (const key of TOP) (copy[key] as { id: string; file: string }[]) = (model[key] as { id: string; file: string }[]).filter(item => !drop(key, item));
        return copy;
    };
    const plan = (broken: BuiltVersion) => {
        const files = new Set(broken.unreadable.map(p => p.file));
        const declared = new Set<string>();
        const readable = new Set<string>();
        for (const key of TOP) {
            for (const item of broken.model[key] as { id: string; file: string }[]) {
                (files.has(item.file) ? declared : readable).add(`${key}:${item.id}`);
            }
        }
        return {
            own: (_key: TopKey, item: { id: string; file: string }) => files.has(item.file),
            other: (key: TopKey, item: { id: string; file: string }) =>
                declared.has(`${key}:${item.id}`) || (files.has(item.file) && !readable.has(`${key}:${item.id}`))
        };
    };
    const fromBase = plan(base);
    const fromHead = plan(head);
    return {
        base: filter(base.model, (key, item) => fromBase.own(key, item) || fromHead.other(key, item)),
        head: filter(head.model, (key, item) => fromHead.own(key, item) || fromBase.other(key, item))
    };
}

export interface DiffVersionsOptions {
    cwd: string;
    reportFileMoves?: boolean;
    /** The language of the sentences and of the errors. */
    locale?: Locale;
}

export function sideInfo(version: BuiltVersion): SideInfo {
    return { label: version.label, files: version.files, unreadable: version.unreadable, skipped: version.skipped };
}

/**
 * Builds both versions: the head, then the base by updating the head's workspace, so that files
 * the two versions share are parsed and linked once (a pull request changes a few files of
 * many). When the head could not be built whole, or the versions live in different folders,
 * the base is built on its own.
 */
export async function buildVersions(base: VersionFiles, head: VersionFiles, m: Messages = messages(DEFAULT_LOCALE)): Promise<[BuiltVersion, BuiltVersion]> {
    const { workspace, ...builtHead } = await buildVersion(head, 'head', undefined, m);
    const fromHead: Builder | undefined = workspace && base.root === head.root ? sources => updateWorkspace(workspace, sources) : undefined;
    const { workspace: _, ...builtBase } = await buildVersion(base, 'base', fromHead, m);
    return [builtBase, builtHead];
}

/** Builds both versions and compares them. */
export async function diffVersionFiles(base: VersionFiles, head: VersionFiles, reportFileMoves = true, locale: Locale = DEFAULT_LOCALE): Promise<WorkspaceDiff> {
    const [builtBase, builtHead] = await buildVersions(base, head, messages(locale));
    const models = excludeUnreadable(builtBase, builtHead);
    return diffModels(models.base, models.head, { base: sideInfo(builtBase), head: sideInfo(builtHead), reportFileMoves, locale });
}

export async function diffVersions(args: string[], options: DiffVersionsOptions): Promise<WorkspaceDiff> {
    const specs = await resolveVersions(args, options.cwd, messages(options.locale ?? DEFAULT_LOCALE));
    const [base, head] = await Promise.all([versionFiles(specs.base, options.cwd), versionFiles(specs.head, options.cwd)]);
    const singleFiles = specs.base.kind === 'path' && specs.head.kind === 'path' && base.sources.length + base.skipped.length === 1 &&
        (await fs.stat(path.resolve(options.cwd, specs.base.path)).then(s => s.isFile(), () => false));
    return diffVersionFiles(base, head, options.reportFileMoves ?? !singleFiles, options.locale);
}

/**
 * The diff from `base` (a git revision, or a path) to a head model already built from the
 * folder `root` (the working tree): what `journey render --diff` marks on the map.
 */
export async function diffAgainst(base: string, root: string, head: WorkspaceModel, locale: Locale = DEFAULT_LOCALE): Promise<WorkspaceDiff> {
    const m = messages(locale);
    const spec = await resolveVersion(base, root, m);
    const built = await buildVersion(await versionFiles(spec, root), 'base', undefined, m);
    const label = m.t('diff.label.workingTree');
    const excluded = excludeUnreadable(built, { label, model: head, files: 0, unreadable: [], skipped: [] });
    return diffModels(excluded.base, head, { base: sideInfo(built), head: { label }, locale });
}
