import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JourneyModel, WorkspaceModel } from '../../src/language/model/journey-model.js';
import { buildWorkspace, updateWorkspace, type JourneyWorkspace, type SourceFile } from '../../src/node/journey-workspace.js';

/**
 * The recovery measure of issue 16: one keyword misspelt at a time, at many lines of every
 * example, and what the checker then says and keeps. For each typo: how many errors the workspace
 * has (the examples have none), and which of the other stages, touchpoints and KPIs of the file
 * are still in the model, unchanged.
 */

/** Words of the grammar that start a line: block and fact keywords (read from the examples' lines). */
const WORD = /^\s*([a-z]+)\b/;

export interface TypoCase {
    workspace: string;
    file: string;
    /** 1-based line of the typo. */
    line: number;
    keyword: string;
    typo: string;
}

export interface TypoOutcome extends TypoCase {
    errors: number;
    /** Other elements of the file (not the one the typo is in). */
    others: number;
    kept: number;
    messages: string[];
}

export interface RecoveryFigures {
    typos: number;
    medianErrors: number;
    p90Errors: number;
    maxErrors: number;
    keptPercent: number;
    outcomes: TypoOutcome[];
}

/** A deterministic misspelling of `word`, varied by `n`: a letter dropped, two swapped, one doubled. */
export function misspell(word: string, n: number): string {
    switch (n % 3) {
        case 0: return word.length > 3 ? word.slice(0, -1) : word + word[word.length - 1];
        case 1: return word.length > 2 ? word[0] + word[2] + word[1] + word.slice(3) : word + 'e';
        default: return word.slice(0, 2) + word[1] + word.slice(2);
    }
}

export function exampleWorkspaces(root = 'examples'): Array<{ name: string; files: SourceFile[] }> {
    return readdirSync(root).filter(name => statSync(join(root, name)).isDirectory()).map(name => ({
        name,
        files: readdirSync(join(root, name)).filter(file => file.endsWith('.journey')).sort()
            .map(file => ({ path: file, text: readFileSync(join(root, name, file), 'utf8') }))
    }));
}

/**
 * Lines of `text` starting with one of `keywords`, at most `limit` of them spread over the file,
 * each with its misspelling.
 */
export function typoCases(workspace: string, file: string, text: string, keywords: ReadonlySet<string>, limit: number): TypoCase[] {
    const lines = text.split('\n');
    const candidates: Array<{ line: number; keyword: string }> = [];
    lines.forEach((content, index) => {
        const word = WORD.exec(content)?.[1];
        if (word && keywords.has(word)) candidates.push({ line: index + 1, keyword: word });
    });
    const step = Math.max(1, candidates.length / limit);
    const chosen: TypoCase[] = [];
    for (let i = 0; i < candidates.length && chosen.length < limit; i += step) {
        const { line, keyword } = candidates[Math.floor(i)];
        chosen.push({ workspace, file, line, keyword, typo: misspell(keyword, chosen.length + line) });
    }
    return chosen;
}

function withTypo(text: string, typo: TypoCase): string {
    const lines = text.split('\n');
    lines[typo.line - 1] = lines[typo.line - 1].replace(new RegExp(`^(\\s*)${typo.keyword}\\b`), `$1${typo.typo}`);
    return lines.join('\n');
}

interface Element {
    key: string;
    line: number;
    /** Last line of its block. */
    end: number;
    /** Its own facts (children left out), to tell that it kept its meaning. */
    facts: string;
}

/** The stages, touchpoints and KPIs of `file` in `model`, each with its own facts. */
function elementsOf(model: WorkspaceModel, file: string, text: string): Element[] {
    const lines = text.split('\n');
    const endOf = (line: number) => blockEnd(lines, line);
    const elements: Element[] = [];
    const add = (key: string, element: { line: number }, facts: unknown) =>
        elements.push({ key, line: element.line, end: endOf(element.line), facts: JSON.stringify(facts) });
    const journeyKpis = (journey: JourneyModel) => journey.kpis.filter(kpi => kpi.file === file && !kpi.shared);
    for (const journey of model.journeys.filter(j => j.file === file)) {
        for (const stage of journey.stages) {
            const { touchpoints, ...facts } = stage;
            add(`stage ${journey.id}.${stage.id}`, stage, facts);
            for (const touchpoint of touchpoints) add(`touchpoint ${journey.id}.${stage.id}.${touchpoint.id}`, touchpoint, touchpoint);
        }
        for (const kpi of journeyKpis(journey)) add(`kpi ${journey.id}.${kpi.id}`, kpi, kpi);
    }
    for (const kpi of model.kpis.filter(k => k.file === file)) add(`kpi ${kpi.id}`, kpi, kpi);
    return elements;
}

/** The line of the `}` closing the block opened on `line` (the line itself when it opens none). */
function blockEnd(lines: string[], line: number): number {
    let depth = 0;
    for (let index = line - 1; index < lines.length; index++) {
        for (const char of lines[index].replace(/"(\\.|[^"\\])*"/g, '""').replace(/\/\/.*$/, '')) {
            if (char === '{') depth++;
            else if (char === '}' && --depth === 0) return index + 1;
        }
        if (depth === 0) return index + 1;
    }
    return lines.length;
}

/** Runs the measure on the example workspaces under `root`. */
export async function measureRecovery(keywords: ReadonlySet<string>, options: { root?: string; linesPerFile?: number } = {}): Promise<RecoveryFigures> {
    const outcomes: TypoOutcome[] = [];
    for (const { name, files } of exampleWorkspaces(options.root)) {
        let workspace: JourneyWorkspace = await buildWorkspace(files, `/examples/${name}`);
        const cleanErrors = workspace.diagnostics.filter(d => d.severity === 'error').length;
        const cleanModel = workspace.model;
        for (const file of files) {
            const before = elementsOf(cleanModel, file.path, file.text);
            for (const typo of typoCases(name, file.path, file.text, keywords, options.linesPerFile ?? 30)) {
                const sources = files.map(other => other === file ? { path: file.path, text: withTypo(file.text, typo) } : other);
                workspace = await updateWorkspace(workspace, sources);
                const errors = workspace.diagnostics.filter(d => d.severity === 'error');
                const after = new Map(elementsOf(workspace.model, file.path, file.text).map(element => [element.key, element.facts]));
                // The element the typo is in (the innermost block around its line) is not counted.
                const own = before.filter(element => element.line <= typo.line && typo.line <= element.end)
                    .sort((a, b) => (a.end - a.line) - (b.end - b.line))[0];
                const others = before.filter(element => element !== own);
                outcomes.push({
                    ...typo,
                    errors: errors.length - cleanErrors,
                    others: others.length,
                    kept: others.filter(element => after.get(element.key) === element.facts).length,
                    messages: errors.map(d => `${d.file}:${d.line} ${d.message}`)
                });
            }
            workspace = await updateWorkspace(workspace, files);
        }
    }
    const counts = outcomes.map(outcome => outcome.errors).sort((a, b) => a - b);
    const quantile = (q: number) => counts[Math.min(counts.length - 1, Math.ceil(q * counts.length) - 1)];
    const others = outcomes.reduce((sum, outcome) => sum + outcome.others, 0);
    const kept = outcomes.reduce((sum, outcome) => sum + outcome.kept, 0);
    return {
        typos: outcomes.length,
        medianErrors: quantile(0.5),
        p90Errors: quantile(0.9),
        maxErrors: counts[counts.length - 1],
        keptPercent: others ? (100 * kept) / others : 100,
        outcomes
    };
}
