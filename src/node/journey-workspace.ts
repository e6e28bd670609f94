/**
 * A workspace of journey files read from disk (or from any text source, such as a git
 * revision): parsed, linked, validated, and turned into the journey model. The one place the
 * CLI, `serve`, the diff and the metrics load journeys from.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { AstUtils, EmptyFileSystem, type AstNode, type LangiumDocument } from 'langium';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../language/generated/ast.js';
import type { JourneyParser } from '../language/journey-input-guard.js';
import { createJourneyServices, type JourneyServices } from '../language/journey-module.js';
import { buildWorkspaceModel } from '../language/model/build-model.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';

export const JOURNEY_EXTENSION = '.journey';

export type SeverityName = 'error' | 'warning' | 'info' | 'hint';

/** A diagnostic as the CLI reports it: 1-based lines and columns, file relative to the root. */
export interface FileDiagnostic {
    file: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: SeverityName;
    code: string;
    message: string;
}

export interface SourceFile {
    /** Path relative to the workspace root, with forward slashes. */
    path: string;
    text: string;
}

export interface JourneyWorkspace {
    /** Absolute folder the `file` fields are relative to. */
    root: string;
    documents: LangiumDocument<Model>[];
    model: WorkspaceModel;
    diagnostics: FileDiagnostic[];
    services: JourneyServices;
}

/** An error about the command's input itself (missing path, unreadable file): exit code 2. */
export class InputError extends Error {}

const SEVERITIES: SeverityName[] = ['error', 'warning', 'info', 'hint'];

/**
 * Finds the `.journey` files under `paths` (files are taken as given; folders are walked,
 * skipping `node_modules`, hidden folders and what `.gitignore` files exclude).
 */
export async function findJourneyFiles(paths: string[], cwd = process.cwd()): Promise<string[]> {
    const found = new Set<string>();
    for (const given of paths.length ? paths : ['.']) {
        const absolute = path.resolve(cwd, given);
        const stat = await fs.stat(absolute).catch(() => undefined);
        if (!stat) throw new InputError(`${given}: no such file or folder.`);
        if (stat.isFile()) {
            found.add(absolute);
        } else {
            await walk(absolute, await inheritedIgnores(absolute), found);
        }
    }
    return [...found].sort();
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

async function walk(folder: string, ignores: IgnoreRules[], found: Set<string>): Promise<void> {
    const own = await readIgnore(folder);
    const active = own ? [...ignores, own] : ignores;
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
        throw new InputError(`${folder}: cannot read this folder (${error.code ?? error.message}).`);
    });
    for (const entry of entries) {
        const absolute = path.join(folder, entry.name);
        if (entry.isDirectory()) {
            if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
            if (isIgnored(absolute, true, active)) continue;
            await walk(absolute, active, found);
        } else if (entry.isFile() && entry.name.endsWith(JOURNEY_EXTENSION) && !isIgnored(absolute, false, active)) {
            found.add(absolute);
        }
    }
}

async function exists(file: string): Promise<boolean> {
    return fs.access(file).then(() => true, () => false);
}

/** Reads the journey files under `paths` and builds the workspace. */
export async function loadWorkspace(paths: string[], options: { cwd?: string; root?: string } = {}): Promise<JourneyWorkspace> {
    const cwd = options.cwd ?? process.cwd();
    const root = path.resolve(cwd, options.root ?? '.');
    const files = await findJourneyFiles(paths, cwd);
    const sources = await Promise.all(files.map(async file => ({
        path: relativeTo(root, file),
        text: await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
            throw new InputError(`${relativeTo(cwd, file)}: cannot read this file (${error.code ?? error.message}).`);
        })
    })));
    return buildWorkspace(sources, root);
}

/**
 * Services for one build of a whole workspace by a command (not an editor). Performance: valid
 * files are parsed without their CST (lean-parser.ts; built if something reads it); nobody
 * asks them for "find references", so the reference index (a description of every
 * cross-reference, ~7 % of a build) is skipped; `validate: false` also skips the checks (for
 * commands that read the model and the syntax errors only: a quarter of a build).
 */
export function createBatchServices(options: { validate?: boolean } = {}): JourneyServices {
    const services = createJourneyServices(EmptyFileSystem).Journey;
    services.shared.workspace.IndexManager.updateReferences = async () => undefined;
    (services.parser.LangiumParser as JourneyParser).leanParsing = true;
    if (options.validate === false) services.validation.DocumentValidator.validateDocument = async () => [];
    return services;
}

/**
 * Parses, links and validates the given texts as one workspace rooted at `root`. The journey
 * model is built on first access of `model` (`journey check` never needs it).
 */
export async function buildWorkspace(sources: SourceFile[], root: string, services: JourneyServices = createBatchServices()): Promise<JourneyWorkspace> {
    const shared = services.shared;
    const documents = sources.map(source => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(source.text, URI.file(path.resolve(root, source.path)));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    const fileOf = fileNamer(root, documents);
    const diagnostics = documents.flatMap(document => (document.diagnostics ?? []).map(d => toFileDiagnostic(fileOf(document.parseResult.value), d)));
    diagnostics.sort(compareDiagnostics);
    let model: WorkspaceModel | undefined;
    return {
        root, documents, diagnostics, services,
        get model() {
            return model ??= buildWorkspaceModel(documents.map(d => d.parseResult.value), fileOf);
        }
    };
}

/**
 * The file of any node of `documents`, relative to `root`, as the model names it. Performance:
 * one relative path per document, not one path computation per model element.
 */
export function fileNamer(root: string, documents: readonly LangiumDocument[]): (node: AstNode) => string {
    const files = new Map<AstNode, string>(documents.map(d => [d.parseResult.value, relativeTo(root, d.uri.fsPath)]));
    return node => {
        const top = AstUtils.findRootNode(node);
        return files.get(top) ?? relativeTo(root, top.$document!.uri.fsPath);
    };
}

export function toFileDiagnostic(file: string, diagnostic: Diagnostic): FileDiagnostic {
    return {
        file,
        line: diagnostic.range.start.line + 1,
        column: diagnostic.range.start.character + 1,
        endLine: diagnostic.range.end.line + 1,
        endColumn: diagnostic.range.end.character + 1,
        severity: SEVERITIES[(diagnostic.severity ?? 1) - 1] ?? 'error',
        code: String(diagnostic.code ?? 'unknown'),
        message: String(diagnostic.message)
    };
}

function compareDiagnostics(a: FileDiagnostic, b: FileDiagnostic): number {
    return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
}

export function relativeTo(root: string, file: string): string {
    return path.relative(root, file).split(path.sep).join('/');
}
