import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isKpi } from '../generated/ast.js';
import { describeTarget } from './journey-words.js';

/** A line above each KPI stating its target ("Target >= 95% by 2027-06"), or that it has none. */
export class JourneyCodeLensProvider implements CodeLensProvider {
    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (!isKpi(node) || !node.$cstNode || !node.name) continue;
            const title = node.target ? `Target ${describeTarget(node.target)}` : 'No target yet';
            const line = node.$cstNode.range.start.line;
            // An empty command id: VS Code shows the text without making it clickable.
            lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: '' } });
        }
        return lenses;
    }
}
