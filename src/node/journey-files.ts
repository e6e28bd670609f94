/**
 * Finding the journey files of a workspace on disk: folders walked (skipping `node_modules`,
 * hidden folders and what `.gitignore` files exclude), symbolic links followed while they stay
 * in the workspace, and every link that is not followed reported, never skipped in silence.
 */
import { DEFAULT_LOCALE, messages, WordedError, type Locale, type Messages } from '../language/i18n/i18n.js';
import { promises as fs, type Dirent, type Stats } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
export const JOURNEY_EXTENSION = '.journey';

/** Stable codes of the links not followed, reported with the files' diagnostics (`journey check --format json`). */
export const LinkCodes = {
    outsideWorkspace: 'link-outside-workspace',
    loop: 'link-loop',
    broken: 'broken-link'
} as const;

/** An error about the command's input itself (missing path, unreadable file): exit code 2. */
export class InputError extends WordedError {}

/** A symbolic link that was not followed, and why. */
export interface LinkWarning {
    /** Absolute path of the link. */
    link: string;
    code: typeof LinkCodes[keyof typeof LinkCodes];
    message: string;
}

export interface FoundJourneyFiles {
    /** Absolute paths, sorted; a file reached both directly and through a link is listed once, at its own path. */
    files: string[];
    warnings: LinkWarning[];
}

/**
 * Finds the `.journey` files under `paths` (default: `cwd`). Journey files given are taken as
 * they are, other files refused; folders are walked. The workspace a link must stay in is `cwd` when the walked folder is in
 * it, else that folder.
 */
export async function listJourneyFiles(paths: string[], cwd = process.cwd(), locale: Locale = DEFAULT_LOCALE): Promise<FoundJourneyFiles> {
    const m = messages(locale);
    const walk: Walk = { candidates: new Map(), warnings: [], visited: new Set(), workspace: '', links: [], m };
    const cwdReal = await fs.realpath(cwd).catch(() => path.resolve(cwd));
    for (const given of paths.length ? paths : ['.']) {
        const absolute = path.resolve(cwd, given);
        const stat = await fs.stat(absolute).catch((error: NodeJS.ErrnoException) => error);
        if (stat instanceof Error) throw new InputError(missingReason(given, stat, await fs.readlink(absolute).catch(() => undefined), m));
        const real = await fs.realpath(absolute);
        if (stat.isFile()) {
            if (!absolute.endsWith(JOURNEY_EXTENSION)) throw new InputError(m.t('files.notJourney', { path: given, extension: JOURNEY_EXTENSION }));
            walk.candidates.set(real, absolute);
        } else {
            walk.workspace = inside(cwdReal, real) ? cwdReal : real;
            walk.visited.add(real);
            await walkFolder(absolute, real, await inheritedIgnores(absolute), walk);
        }
    }
    return { files: [...walk.candidates.values()].sort(), warnings: walk.warnings };
}

function missingReason(given: string, error: NodeJS.ErrnoException, linkTarget: string | undefined, m: Messages): string {
    if (error.code === 'ELOOP') return m.t('files.missing.loop', { path: given });
    if (linkTarget !== undefined) return m.t('files.missing.brokenLink', { path: given, target: linkTarget });
    return error.code === 'ENOENT' ? m.t('files.missing.none', { path: given }) : m.t('files.missing.unreadable', { path: given, reason: error.code ?? error.message });
}

interface Walk {
    /** By real path: the path it was first found at (its own path: links are followed last). */
    candidates: Map<string, string>;
    warnings: LinkWarning[];
    /** Real paths of the folders walked. */
    visited: Set<string>;
    /** Real path of the folder links must stay in. */
    workspace: string;
    /** Links met, followed once every folder is read. */
    links: Array<{ link: string; entry: Dirent; folderReal: string; ignores: IgnoreRules[] }>;
    /** The language of the warnings. */
    m: Messages;
}

interface IgnoreRules {
    base: string;
    rules: Ignore;
}

/** `.gitignore` files of the folders above `folder`, up to the repository root. */
async function inheritedIgnores(folder: string): Promise<IgnoreRules[]> {
    const chain: IgnoreRules[] = [];
    let current = path.dirname(folder);
    while (true) {
        const rules = await readIgnore(current);
        if (rules) chain.unshift(rules);
        if (await exists(path.join(current, '.git')) || path.dirname(current) === current) break;
        current = path.dirname(current);
    }
    return chain;
}

async function readIgnore(folder: string): Promise<IgnoreRules | undefined> {
    const text = await fs.readFile(path.join(folder, '.gitignore'), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : { base: folder, rules: ignore().add(text) };
}

function isIgnored(absolute: string, isFolder: boolean, ignores: IgnoreRules[]): boolean {
    return ignores.some(({ base, rules }) => {
        const relative = path.relative(base, absolute).split(path.sep).join('/');
        return relative !== '' && !relative.startsWith('..') && rules.ignores(isFolder ? `${relative}/` : relative);
    });
}

async function walkFolder(folder: string, real: string, ignores: IgnoreRules[], walk: Walk): Promise<void> {
    await readFolder(folder, real, ignores, walk);
    // Links last, so that a file or folder found at its own place is listed there, not through a link.
    while (walk.links.length) {
        const { link, entry, folderReal, ignores: active } = walk.links.shift()!;
        const target = await followLink(link, entry, folderReal, walk);
        if (target) await visit(link, entry.name, target, folderReal, active, walk);
    }
}

async function readFolder(folder: string, real: string, ignores: IgnoreRules[], walk: Walk): Promise<void> {
    const own = await readIgnore(folder);
    const active = own ? [...ignores, own] : ignores;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(walk.m.t('files.cannotReadFolder', { folder, reason: error.code ?? error.message }));
    });
    entries.sort((a, b) => a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    for (const entry of entries) {
        const absolute = path.join(folder, entry.name);
        if (entry.isSymbolicLink()) walk.links.push({ link: absolute, entry, folderReal: real, ignores: active });
        else await visit(absolute, entry.name, undefined, real, active, walk);
    }
}

/** A folder entry, or where a followed link leads: a folder to read, a journey file to list. */
async function visit(absolute: string, name: string, target: { real: string; stat: Stats } | undefined, folderReal: string,
    ignores: IgnoreRules[], walk: Walk): Promise<void> {
    const real = target?.real ?? path.join(folderReal, name);
    const stat = target?.stat ?? await fs.stat(absolute).catch(() => undefined);
    if (stat?.isDirectory()) {
        if (name === 'node_modules' || name.startsWith('.') || isIgnored(absolute, true, ignores)) return;
        // A folder reached twice (a link to a folder read anyway) is read once.
        if (walk.visited.has(real)) return;
        walk.visited.add(real);
        await readFolder(absolute, real, ignores, walk);
    } else if (stat?.isFile() && name.endsWith(JOURNEY_EXTENSION) && !isIgnored(absolute, false, ignores)) {
        if (!walk.candidates.has(real)) walk.candidates.set(real, absolute);
    }
}

/**
 * Where a link leads, when it is to be followed: inside the workspace, not to a folder that
 * contains it. Otherwise the link is reported (a journey file or a folder that leads out of the
 * workspace, a loop, a journey file that is not there) and not followed.
 */
async function followLink(link: string, entry: Dirent, folderReal: string, walk: Walk): Promise<{ real: string; stat: Stats } | undefined> {
    const stat = await fs.stat(link).catch((error: NodeJS.ErrnoException) => error);
    const relevant = (isFolder: boolean) => isFolder ? !entry.name.startsWith('.') && entry.name !== 'node_modules' : entry.name.endsWith(JOURNEY_EXTENSION);
    if (stat instanceof Error) {
        const target = await fs.readlink(link).catch(() => '?');
        if (stat.code === 'ELOOP') {
            walk.warnings.push({ link, code: LinkCodes.loop, message: walk.m.t('files.link.loopSelf', { target }) });
        } else if (relevant(false)) {
            walk.warnings.push({ link, code: LinkCodes.broken, message: walk.m.t('files.link.broken', { target }) });
        }
        return undefined;
    }
    const real = await fs.realpath(link);
    if (!relevant(stat.isDirectory())) return { real, stat };
    if (!inside(walk.workspace, real)) {
        walk.warnings.push({
            link, code: LinkCodes.outsideWorkspace,
            message: walk.m.t('files.link.outside', { target: real, kind: stat.isDirectory() ? 'folder' : 'file' })
        });
        return undefined;
    }
    if (stat.isDirectory() && inside(real, folderReal)) {
        walk.warnings.push({ link, code: LinkCodes.loop, message: walk.m.t('files.link.loopParent') });
        return undefined;
    }
    return { real, stat };
}

/** Whether `file` is `folder` or under it. */
function inside(folder: string, file: string): boolean {
    const relative = path.relative(folder, file);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}

/** The text of a journey file: UTF-8, without its byte-order mark (editors do not show it, and columns count without it). */
export async function readJourneyText(file: string): Promise<string> {
    const text = await fs.readFile(file, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
