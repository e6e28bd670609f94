/**
 * The review of a pull request's journeys, in one process: the head (the working tree) checked
 * as `journey check` does, the base built from the head's workspace (only the files that differ
 * are parsed again), the semantic diff, the maps of the changed journeys before and after with
 * the changes marked, and the statuses of the KPIs the change touches, before and after (each
 * version computed from its own data files). Platform-free: GitHub and GitLab post what this
 * returns (github.ts, gitlab.ts).
 */
import { DEFAULT_LOCALE, messages, type Locale } from '../../language/i18n/i18n.js';
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import type { JourneyModel, WorkspaceModel } from '../../language/model/journey-model.js';
import { computeMetrics } from '../../metrics/compute-metrics.js';
import { reportEntries, type KpiReportEntry } from '../../metrics/format-metrics.js';
import type { KpiResult } from '../../language/model/kpi-results.js';
import { baseMarksFromReverseDiff, marksFromDiff, type DiffMarks } from '../../diff/diff-marks.js';
import { diffModels } from '../../diff/diff-engine.js';
import {
    buildVersion, excludeUnreadable, git, isGitRepository, resolveCommit, revisionFiles, sideInfo, type VersionFiles
} from '../../diff/diff-sources.js';
import type { WorkspaceDiff } from '../../diff/diff-types.js';
import {
    InputError, JOURNEY_EXTENSION, loadWorkspace, relativeTo, updateWorkspace, type FileDiagnostic
} from '../../node/journey-workspace.js';
import { renderMapSvg } from '../../render/map-svg.js';
import { changedFiles, touches } from './changed-lines.js';

const run = promisify(execFile);

export type AnnotationScope = 'changed-lines' | 'all' | 'none';

export interface ReviewOptions {
    /** The folder of the journeys, in a git working tree: the head version. */
    cwd: string;
    /** The git revision to compare with (the pull request's base); its merge base with HEAD when git knows it. */
    base: string;
    /** How the base is named in the comment and on the maps (`main`); default: `base` as given. */
    baseLabel?: string;
    /** How the head is named (`revue`, `#12`); default `HEAD`. */
    headLabel?: string;
    /** Date the KPI deadlines are judged against; default today. */
    today?: Date;
    /** Which diagnostics become annotations: every error, plus the others on changed lines (default); all; none. */
    annotate?: AnnotationScope;
    /** Maps of at most this many changed journeys (default 10): each is two images in the comment. */
    maxMaps?: number;
    /** The language of the messages, the diff's sentences and the maps (codes stay the same). */
    locale?: Locale;
}

export interface ReviewMap {
    /** Head id (base id of a removed journey). */
    journey: string;
    title: string;
    file: string;
    status: 'added' | 'removed' | 'changed';
    before?: MapImage;
    after?: MapImage;
}

export interface MapImage {
    /** File name, unique in the review: `01-Adhesion-after.svg`. */
    name: string;
    svg: string;
}

/** A KPI whose status is not the same before and after the change. */
export interface KpiStatusChange {
    /** `Journey.Kpi` (head ids), or the catalog KPI's id. */
    key: string;
    title: string;
    journey?: string;
    before?: KpiReportEntry;
    after?: KpiReportEntry;
}

export interface Review {
    base: { label: string; commit: string };
    head: { label: string; commit?: string };
    /** The reviewed folder relative to the repository's root, `''` or ending with `/`. */
    prefix: string;
    /** Journey files checked in the head. */
    files: number;
    /** Every diagnostic of the head, as `journey check` gives them. */
    diagnostics: FileDiagnostic[];
    /** The diagnostics to show as annotations (see ReviewOptions.annotate). */
    annotations: FileDiagnostic[];
    diff: WorkspaceDiff;
    maps: ReviewMap[];
    /** Changed journeys beyond maxMaps, drawn by no map. */
    mapsLeftOut: number;
    kpis: {
        /** KPIs of the changed journeys, and those whose definition or data changed, compared before and after. */
        compared: number;
        changes: KpiStatusChange[];
        /** After the change, among the compared KPIs. */
        missed: KpiReportEntry[];
        atRisk: KpiReportEntry[];
    };
}

export async function review(options: ReviewOptions): Promise<Review> {
    const { cwd } = options;
    const locale = options.locale ?? DEFAULT_LOCALE;
    const m = messages(locale);
    if (!(await isGitRepository(cwd))) throw new InputError(m.t('review.error.notGit', { cwd }));
    const baseCommit = await resolveCommit(options.base, cwd);
    if (!baseCommit) throw new InputError(m.t('review.error.notRevision', { base: options.base }));
    const headCommit = await resolveCommit('HEAD', cwd);
    // What the pull request shows: the head against its merge base. A shallow clone of a merge
    // commit (GitHub's default checkout) has no merge base; its first parent is the base itself.
    const mergeBase = headCommit ? await run('git', ['merge-base', baseCommit, headCommit], { cwd }).then(r => r.stdout.trim(), () => undefined) : undefined;
    const compared = mergeBase || baseCommit;
    const baseLabel = options.baseLabel ?? options.base;
    const headLabel = options.headLabel ?? 'HEAD';
    const prefix = (await git(['rev-parse', '--show-prefix'], cwd)).trim();
    const today = options.today ?? new Date();

    const [workspace, baseFiles, changed] = await Promise.all([
        loadWorkspace(['.'], { cwd, locale }),
        revisionFiles(compared, cwd, baseLabel),
        changedFiles(compared, cwd, file => file.endsWith(JOURNEY_EXTENSION))
    ]);
    const diagnostics = workspace.diagnostics;
    const files = workspace.documents.length;

    // The head's checked workspace is the head version; the base is built by updating it.
    const headFiles: VersionFiles = {
        label: headLabel, root: workspace.root, skipped: [],
        sources: workspace.documents.map(document => ({ path: relativeTo(workspace.root, document.uri.fsPath), text: document.textDocument.getText() }))
    };
    const head = await buildVersion(headFiles, 'head', async () => workspace, m);
    const base = await buildVersion(baseFiles, 'base', head.workspace ? sources => updateWorkspace(head.workspace!, sources) : undefined, m);
    const models = excludeUnreadable(base, head);
    const diff = diffModels(models.base, models.head, { base: sideInfo(base), head: sideInfo(head), reportFileMoves: true, locale });

    const annotate = options.annotate ?? 'changed-lines';
    const annotations = annotate === 'none' ? [] : annotate === 'all' ? diagnostics
        : diagnostics.filter(d => d.severity === 'error' || touches(changed.lines.get(d.file), d.line, d.endLine));

    // KPIs: each version's statuses from its own data files.
    const renames = journeyRenames(diff);
    const touched = touchedKpis(diff, models.base, models.head, renames, changed.files);
    const headResults = await metricsOf(models.head, touched.head, cwd, today, locale);
    const baseRoot = await baseDataRoot(models.base, touched.base, compared, cwd, changed.files);
    let baseResults: KpiResult[];
    try {
        baseResults = await metricsOf(models.base, touched.base, baseRoot, today, locale);
    } finally {
        await fs.rm(baseRoot, { recursive: true, force: true });
    }
    const kpis = compareKpis(models.base, models.head, baseResults, headResults, touched, renames);

    // Maps, before and after, of the first changed journeys.
    const maxMaps = options.maxMaps ?? 10;
    const shown = diff.journeys.slice(0, maxMaps);
    const headMarks = marksFromDiff(diff, locale);
    const baseMarks = baseMarksFromReverseDiff(diffModels(models.head, models.base, { base: sideInfo(head), head: sideInfo(base), locale }), baseLabel);
    const day = today.toISOString().slice(0, 10);
    const maps: ReviewMap[] = [];
    for (const [index, journey] of shown.entries()) {
        const stem = `${String(index + 1).padStart(2, '0')}-${journey.id.replace(/[^\w-]/g, '_')}`;
        const baseId = journey.status === 'added' ? undefined : [...renames].find(([, to]) => to === journey.id)?.[0] ?? journey.id;
        const headId = journey.status === 'removed' ? undefined : journey.id;
        // Both maps draw the stages the change touches on either side (all of them when it touches none).
        const stages = [...new Set([...markedStages(headMarks, models.head, headId), ...markedStages(baseMarks, models.base, baseId)])];
        maps.push({
            journey: journey.id, title: journey.title, file: journey.file, status: journey.status,
            ...(baseId ? { before: { name: `${stem}-before.svg`, svg: await renderMapSvg({ model: models.base, results: baseResults, today: day, marks: baseMarks, title: `${journey.title} (${baseLabel})`, locale }, { journeys: [baseId], charts: false, stages }) } } : {}),
            ...(headId ? { after: { name: `${stem}-after.svg`, svg: await renderMapSvg({ model: models.head, results: headResults, today: day, marks: headMarks, title: `${journey.title} (${headLabel})`, locale }, { journeys: [headId], charts: false, stages }) } } : {})
        });
    }

    return {
        base: { label: baseLabel, commit: compared },
        head: { label: headLabel, ...(headCommit ? { commit: headCommit } : {}) },
        prefix, files, diagnostics, annotations, diff, maps,
        mapsLeftOut: diff.journeys.length - shown.length,
        kpis
    };
}

/** Ids of the stages of a journey that hold a marked stage, touchpoint, or KPI scoped to a stage or touchpoint. */
function markedStages(marks: DiffMarks, model: WorkspaceModel, journeyId: string | undefined): string[] {
    const journey = journeyId === undefined ? undefined : model.journeys.find(j => j.id === journeyId);
    if (!journey) return [];
    const stageOf = (touchpoint: string) => journey.stages.find(stage => stage.touchpoints.some(t => t.id === touchpoint))?.id;
    const stages: (string | undefined)[] = [];
    for (const key of Object.keys(marks.elements)) {
        const [kind, path] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
        if (!path.startsWith(`${journey.id}.`)) continue;
        const id = path.slice(journey.id.length + 1);
        if (kind === 'stage') stages.push(id);
        else if (kind === 'touchpoint') stages.push(stageOf(id));
        else if (kind === 'kpi') {
            const scope = journey.kpis.find(k => k.id === id)?.scope;
            if (scope?.level === 'stage') stages.push(scope.ref?.split('.').pop());
            if (scope?.level === 'touchpoint' && scope.ref) stages.push(stageOf(scope.ref.split('.').pop()!));
        }
    }
    return stages.filter((id): id is string => id !== undefined);
}

/** Journey renames: base id → head id. */
function journeyRenames(diff: WorkspaceDiff): Map<string, string> {
    const renames = new Map<string, string>();
    for (const change of diff.changes) if (change.type === 'renamed' && change.element.kind === 'journey') renames.set(change.from, change.element.id);
    return renames;
}

interface TouchedKpis {
    /** Keys (`Journey.Kpi`, or a catalog KPI's id) in each version's own ids. */
    base: Set<string>;
    head: Set<string>;
}

const keyOf = (kpi: string, journey?: string) => (journey ? `${journey}.${kpi}` : kpi);

/** The data file of a source, relative to the workspace root. */
const dataFile = (source: { file: string; path: string }) => path.posix.normalize(path.posix.join(path.posix.dirname(source.file), source.path));

/**
 * The KPIs the change touches, in each version: those of the changed journeys (their own and the
 * catalog KPIs they track, as their maps show them), the changed catalog KPIs, and every KPI
 * reading a source whose declaration or data file changed.
 */
function touchedKpis(diff: WorkspaceDiff, base: WorkspaceModel, head: WorkspaceModel, renames: Map<string, string>, changedFiles: Set<string>): TouchedKpis {
    const headJourneys = new Set(diff.journeys.filter(j => j.status !== 'removed').map(j => j.id));
    const baseJourneys = new Set(diff.journeys.filter(j => j.status !== 'added').map(j => [...renames].find(([, to]) => to === j.id)?.[0] ?? j.id));
    const catalog = new Set(diff.changes.filter(c => c.element.kind === 'kpi' && !c.element.journey).flatMap(c => (c.type === 'renamed' ? [c.from, c.element.id] : [c.element.id])));
    const sourcesChanged = new Set(diff.changes.filter(c => c.element.kind === 'source').flatMap(c => (c.type === 'renamed' ? [c.from, c.element.id] : [c.element.id])));
    const of = (model: WorkspaceModel, journeys: Set<string>) => {
        const keys = new Set<string>();
        const dataChanged = new Set(model.sources.filter(s => sourcesChanged.has(s.id) || changedFiles.has(dataFile(s))).map(s => s.id));
        const consider = (journey: JourneyModel | undefined, kpi: { id: string; shared?: boolean; data?: string }) => {
            const key = kpi.shared || !journey ? kpi.id : keyOf(kpi.id, journey.id);
            if ((journey && journeys.has(journey.id)) || (!journey || kpi.shared ? catalog.has(kpi.id) : false) || (kpi.data && dataChanged.has(kpi.data))) keys.add(key);
        };
        for (const journey of model.journeys) for (const kpi of journey.kpis) consider(journey, kpi);
        for (const kpi of model.kpis) consider(undefined, kpi);
        return keys;
    };
    return { base: of(base, baseJourneys), head: of(head, headJourneys) };
}

/** The results of the KPIs of `keys` (DuckDB is started only when one of them reads data). */
async function metricsOf(model: WorkspaceModel, keys: Set<string>, root: string, today: Date, locale: Locale): Promise<KpiResult[]> {
    const reading = [...model.journeys.flatMap(j => j.kpis.map(k => ({ k, key: k.shared ? k.id : keyOf(k.id, j.id) }))), ...model.kpis.map(k => ({ k, key: k.id }))]
        .some(({ k, key }) => keys.has(key) && k.data);
    if (!reading) return [];
    const { results } = await computeMetrics(model, root, { today, only: [...keys], locale });
    return results.filter(r => keys.has(keyOf(r.kpi, r.journey)));
}

/**
 * A folder holding the base's version of the data files the touched KPIs read: the base's
 * content for files the change modified (none if it added them), a copy of the working tree's
 * for the others (the readers refuse links that leave their folder).
 */
async function baseDataRoot(model: WorkspaceModel, keys: Set<string>, revision: string, cwd: string, changedFiles: Set<string>): Promise<string> {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-review-base-'));
    const sources = new Set<string>();
    for (const journey of model.journeys) for (const kpi of journey.kpis) if (kpi.data && keys.has(kpi.shared ? kpi.id : keyOf(kpi.id, journey.id))) sources.add(kpi.data);
    for (const kpi of model.kpis) if (kpi.data && keys.has(kpi.id)) sources.add(kpi.data);
    for (const source of model.sources.filter(s => sources.has(s.id))) {
        const file = dataFile(source);
        if (file.startsWith('../') || path.posix.isAbsolute(file)) continue;
        const target = path.join(root, file);
        await fs.mkdir(path.dirname(target), { recursive: true });
        if (changedFiles.has(file)) {
            const content = await run('git', ['show', `${revision}:./${file}`], { cwd, encoding: 'buffer', maxBuffer: 1 << 30 }).then(r => r.stdout, () => undefined);
            if (content) await fs.writeFile(target, content);
        } else {
            await fs.copyFile(path.join(cwd, file), target).catch(() => undefined);
        }
    }
    return root;
}

function compareKpis(base: WorkspaceModel, head: WorkspaceModel, baseResults: KpiResult[], headResults: KpiResult[], touched: TouchedKpis, renames: Map<string, string>): Review['kpis'] {
    const toHeadKey = (key: string) => {
        const dot = key.indexOf('.');
        if (dot < 0) return key;
        const journey = key.slice(0, dot);
        return `${renames.get(journey) ?? journey}${key.slice(dot)}`;
    };
    const entries = (model: WorkspaceModel, results: KpiResult[], map: (key: string) => string = k => k) =>
        new Map(reportEntries(results, model).map(entry => [map(keyOf(entry.kpi, entry.journey)), entry]));
    const before = entries(base, baseResults, toHeadKey);
    const after = entries(head, headResults);
    const keys = new Set([...[...touched.base].map(toHeadKey), ...touched.head]);
    const changes: KpiStatusChange[] = [];
    for (const key of keys) {
        const b = before.get(key);
        const a = after.get(key);
        const status = (entry?: KpiReportEntry) => entry?.status ?? 'no-data';
        if (status(b) === status(a)) continue;
        const entry = a ?? b!;
        const journey = entry.journey ? (head.journeys.find(j => j.id === entry.journey) ?? base.journeys.find(j => j.id === entry.journey))?.title ?? entry.journey : undefined;
        changes.push({ key, title: entry.title, ...(journey ? { journey } : {}), ...(b ? { before: b } : {}), ...(a ? { after: a } : {}) });
    }
    const afterEntries = [...after.values()];
    return {
        compared: keys.size,
        changes,
        missed: afterEntries.filter(e => e.status === 'missed'),
        // Off track is at risk and worse: short of the target with a trend that does not reach it.
        atRisk: afterEntries.filter(e => e.status === 'at-risk' || e.status === 'off-track')
    };
}
