import { AstUtils, GrammarUtils, UriUtils, type LangiumDocument } from 'langium';
import type { DocumentLinkProvider } from 'langium/lsp';
import type { DocumentLink } from 'vscode-languageserver';
import { isSource } from '../generated/ast.js';
import type { JourneyServices } from '../journey-module.js';
import type { JourneySettings } from '../journey-settings.js';

/** Makes the data file of each `source` a link (the path is relative to the journey file). */
export class JourneyDocumentLinkProvider implements DocumentLinkProvider {
    private readonly settings: JourneySettings;

    constructor(services: JourneyServices) {
        this.settings = services.JourneySettings;
    }

    getDocumentLinks(document: LangiumDocument): DocumentLink[] {
        const links: DocumentLink[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (!isSource(node) || !node.path || !node.$cstNode) continue;
            if (/^([a-z][a-z0-9+.-]*:|\/|\\)/i.test(node.path)) continue; // not relative: the validator reports it
            const pathNode = GrammarUtils.findNodeForProperty(node.$cstNode, 'path');
            if (!pathNode) continue;
            const { start, end } = pathNode.range;
            const target = UriUtils.resolvePath(UriUtils.dirname(document.uri), node.path.replace(/\\/g, '/'));
            links.push({
                // Inside the quotes.
                range: { start: { line: start.line, character: start.character + 1 }, end: { line: end.line, character: end.character - 1 } },
                target: target.toString(),
                tooltip: this.settings.messages.t('link.open', { path: node.path })
            });
        }
        return links;
    }
}
