/**
 * What a pull request changed, as git sees it: the files that differ from the base, and the
 * lines of the working tree added or modified in each (from `git diff --unified=0`), so that
 * annotations go where the reviewer reads.
 */
import { git } from '../../diff/diff-sources.js';

/** A range of 1-based lines of the head version, both ends included. */
export interface LineRange {
    start: number;
    end: number;
}

export interface ChangedFiles {
    /** Paths relative to the current folder of every file that differs from the base (data files too). */
    files: Set<string>;
    /** Journey files → changed line ranges of their head version (added files: every line). */
    lines: Map<string, LineRange[]>;
}

/** The same diff whatever the user's git configuration says (external drivers, textconv, colours, renames). */
const PLAIN = ['-c', 'core.quotePath=false', 'diff', '--no-ext-diff', '--no-textconv', '--no-color', '--no-renames', '--relative'];

export async function changedFiles(base: string, cwd: string, isJourney: (file: string) => boolean): Promise<ChangedFiles> {
    const names = (await git([...PLAIN, '--name-only', '-z', base, '--', '.'], cwd)).split('\0').filter(Boolean);
    const files = new Set(names);
    const journeys = names.filter(isJourney);
    const lines = new Map<string, LineRange[]>();
    if (journeys.length) {
        const patch = await git([...PLAIN, '--unified=0', base, '--', ':(glob)**/*.journey'], cwd);
        for (const [file, ranges] of parseUnifiedDiff(patch)) if (isJourney(file)) lines.set(file, ranges);
    }
    return { files, lines };
}

/** The head-side line ranges of each file of a `--unified=0` patch. */
export function parseUnifiedDiff(patch: string): Map<string, LineRange[]> {
    const result = new Map<string, LineRange[]>();
    let current: LineRange[] | undefined;
    for (const line of patch.split('\n')) {
        if (line.startsWith('+++ ')) {
            // Git ends the line with a tab when the name holds a space (for GNU patch).
            const name = line.slice(4).replace(/\t$/, '');
            if (name === '/dev/null') { current = undefined; continue; }
            const file = unquote(name).replace(/^b\//, '');
            current = [];
            result.set(file, current);
            continue;
        }
        const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
        if (hunk && current) {
            const start = Number(hunk[1]);
            const count = hunk[2] === undefined ? 1 : Number(hunk[2]);
            if (count > 0) current.push({ start, end: start + count - 1 });
        }
    }
    return result;
}

/** A path as git prints it: C-quoted when it holds a quote, a backslash or a control character. */
function unquote(name: string): string {
    if (!name.startsWith('"')) return name;
    const bytes: number[] = [];
    const escapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
    for (let i = 1; i < name.length - 1; i++) {
        const char = name[i];
        if (char !== '\\') { bytes.push(...Buffer.from(char)); continue; }
        const next = name[++i];
        if (/[0-7]/.test(next)) { bytes.push(parseInt(name.slice(i, i + 3), 8)); i += 2; } else bytes.push(escapes[next] ?? next.charCodeAt(0));
    }
    return Buffer.from(bytes).toString('utf8');
}

/** Whether the lines `start..end` touch one of `ranges`. */
export function touches(ranges: LineRange[] | undefined, start: number, end: number): boolean {
    return !!ranges?.some(range => range.start <= end && start <= range.end);
}
