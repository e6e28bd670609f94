/**
 * A workspace of journey files read from disk (or from any text source, such as a git
 * revision): parsed, linked, validated, and turned into the journey model. The one place the
 * CLI, `serve`, the diff and the metrics load journeys from.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { AstUtils, DocumentState, EmptyFileSystem, TextDocument, type AstNode, type LangiumDocument } from 'langium';
import { URI } from 'vscode-uri';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Model } from '../language/generated/ast.js';
import { DEFAULT_LOCALE, messages, type Locale } from '../language/i18n/i18n.js';
import type { JourneyBatchOptions } from '../language/journey-batch-module.js';
import { createJourneyServices, type JourneyServices } from '../language/journey-module.js';
import { buildWorkspaceModel, type DocumentEntries } from '../language/model/build-model.js';
import type { WorkspaceModel } from '../language/model/journey-model.js';
import { InputError, JOURNEY_EXTENSION, listJourneyFiles, readJourneyText, type LinkWarning } from './journey-files.js';

export { InputError, JOURNEY_EXTENSION };

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

const SEVERITIES: SeverityName[] = ['error', 'warning', 'info', 'hint'];

/** The `.journey` files under `paths` (journey-files.ts), without the links that were not followed. */
export async function findJourneyFiles(paths: string[], cwd = process.cwd()): Promise<string[]> {
    return (await listJourneyFiles(paths, cwd)).files;
}

/** Reads the journey files under `paths` and builds the workspace. */
export async function loadWorkspace(paths: string[], options: { cwd?: string; root?: string; locale?: Locale } = {}): Promise<JourneyWorkspace> {
    const cwd = options.cwd ?? process.cwd();
    const root = options.root !== undefined ? path.resolve(cwd, options.root) : await workspaceRoot(paths, cwd);
    const { files, warnings } = await listJourneyFiles(paths, cwd, options.locale);
    const sources = await Promise.all(files.map(async file => ({
        path: relativeTo(root, file),
        text: await readJourneyText(file).catch((error: NodeJS.ErrnoException) => {
            throw new InputError(messages(options.locale ?? DEFAULT_LOCALE).t('cli.cannotRead', { file: relativeTo(cwd, file), reason: error.code ?? error.message }));
        })
    })));
    const workspace = await buildWorkspace(sources, root, createBatchServices({}, options.locale));
    if (warnings.length) {
        // Links not followed are reported with the files' diagnostics, at the link.
        workspace.diagnostics.push(...warnings.map(warning => linkDiagnostic(relativeTo(root, warning.link), warning)));
        workspace.diagnostics.sort(compareDiagnostics);
    }
    return workspace;
}

/**
 * The folder the files of a command are relative to: the current folder, unless every path given
 * lies outside it; then the folder given (the deepest folder holding them all), so that
 * `journey metrics ../elsewhere/ws` reads the workspace as `journey metrics .` inside it does.
 */
async function workspaceRoot(paths: string[], cwd: string): Promise<string> {
    const given = (paths.length ? paths : ['.']).map(p => path.resolve(cwd, p));
    const within = (folder: string, file: string) => {
        const relative = path.relative(folder, file);
        return !relative.startsWith('..') && !path.isAbsolute(relative);
    };
    if (given.some(file => within(cwd, file))) return path.resolve(cwd);
    const folders = await Promise.all(given.map(async file => (await fs.stat(file).then(s => s.isDirectory(), () => false)) ? file : path.dirname(file)));
    let common = folders[0];
    while (!folders.every(folder => within(common, folder))) common = path.dirname(common);
    return common;
}

/** A link that was not followed, as a diagnostic at the start of the link's path. */
export function linkDiagnostic(file: string, warning: LinkWarning): FileDiagnostic {
    return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'warning', code: warning.code, message: warning.message };
}

/**
 * Services for one build of a whole workspace by a command (not an editor): journey-batch-module.ts.
 * Diagnostics are worded in `locale`.
 */
export function createBatchServices(options: JourneyBatchOptions = {}, locale: Locale = DEFAULT_LOCALE): JourneyServices {
    const services = createJourneyServices(EmptyFileSystem, { batch: options }).Journey;
    services.JourneySettings.localeSetting = locale;
    return services;
}

/**
 * Parses, links and validates the given texts as one workspace rooted at `root`. The journey
 * model is built on first access of `model` (`journey check` never needs it).
 */
export async function buildWorkspace(sources: SourceFile[], root: string, services: JourneyServices = createBatchServices()): Promise<JourneyWorkspace> {
    const shared = services.shared;
    const documents = sources.map(source => {
        const document = shared.workspace.LangiumDocumentFactory.fromString<Model>(source.text, uriOf(root, source));
        shared.workspace.LangiumDocuments.addDocument(document);
        return document;
    });
    await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    return workspaceOf(root, documents, services, new WeakMap());
}

/**
 * `workspace` turned into the workspace of `sources` (same root and services), through Langium's
 * incremental update, as the editor does: unchanged files keep their parse and their links,
 * changed and new files are parsed, and files whose links land in a changed or removed file (or
 * did not resolve) are linked again; the model entries of the others are reused. `workspace`
 * is used up. Performance: `journey diff` builds the base this way from the head, paying only
 * for the files that differ.
 */
export async function updateWorkspace(workspace: JourneyWorkspace, sources: SourceFile[]): Promise<JourneyWorkspace> {
    const { root, services } = workspace;
    const shared = services.shared.workspace;
    const before = new Map(workspace.documents.map(document => [document.uri.toString(), document]));
    const kept = new Set<string>();
    const changed: URI[] = [];
    for (const source of sources) {
        const uri = uriOf(root, source);
        const old = before.get(uri.toString());
        if (old && old.textDocument.getText() === source.text) {
            kept.add(uri.toString());
            continue;
        }
        shared.TextDocuments.set(TextDocument.create(uri.toString(), services.LanguageMetaData.languageId, 0, source.text));
        changed.push(uri);
    }
    // A changed file is removed and added again: Langium's in-place update would compare the old
    // text through the CST, which batch parsing does not build.
    const removed = workspace.documents.filter(document => !kept.has(document.uri.toString())).map(document => document.uri);
    const entries = modelEntries.get(workspace) ?? new WeakMap();
    // Linked again: same AST, maybe other targets, so other model entries.
    const relinked = shared.DocumentBuilder.onDocumentPhase(DocumentState.Linked, document => {
        entries.delete(document.parseResult.value as Model);
    });
    try {
        await shared.DocumentBuilder.update(changed, removed);
    } finally {
        relinked.dispose();
    }
    const documents = sources.map(source => shared.LangiumDocuments.getDocument(uriOf(root, source)) as LangiumDocument<Model>);
    return workspaceOf(root, documents, services, entries);
}

function uriOf(root: string, source: SourceFile): URI {
    return URI.file(path.resolve(root, source.path));
}

/** The model entries of each document of a workspace, built with its model, for updateWorkspace. */
const modelEntries = new WeakMap<JourneyWorkspace, WeakMap<Model, DocumentEntries>>();

function workspaceOf(root: string, documents: LangiumDocument<Model>[], services: JourneyServices, entries: WeakMap<Model, DocumentEntries>): JourneyWorkspace {
    const fileOf = fileNamer(root, documents);
    const diagnostics = documents.flatMap(document => (document.diagnostics ?? []).map(d => toFileDiagnostic(fileOf(document.parseResult.value), d)));
    diagnostics.sort(compareDiagnostics);
    let model: WorkspaceModel | undefined;
    const workspace: JourneyWorkspace = {
        root, documents, diagnostics, services,
        get model() {
            return model ??= buildWorkspaceModel(documents.map(d => d.parseResult.value), fileOf, entries);
        }
    };
    modelEntries.set(workspace, entries);
    return workspace;
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
