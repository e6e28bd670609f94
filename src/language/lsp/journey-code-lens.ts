import { AstUtils, type LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import { isKpi } from '../generated/ast.js';
import type { JourneyServices } from '../journey-module.js';
import type { JourneySettings } from '../journey-settings.js';
import { statusPhrase, type KpiStatuses } from './kpi-statuses.js';
import { describeTarget } from './journey-words.js';

/**
 * A line above each KPI stating its target and, once the metrics engine has computed it, where
 * it stands: "Target ≥ 95% · missed: 91.2% in October 2026 ↘" (« Cible ≥ 95 % · manqué : 91,2 % en octobre 2026 ↘ »).
 */
export class JourneyCodeLensProvider implements CodeLensProvider {
    private readonly statuses: KpiStatuses;
    private readonly settings: JourneySettings;

    constructor(services: JourneyServices) {
        this.statuses = services.KpiStatuses;
        this.settings = services.JourneySettings;
    }

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const lenses: CodeLens[] = [];
        for (const node of AstUtils.streamAst(document.parseResult.value)) {
            if (!isKpi(node) || !node.$cstNode || !node.name) continue;
            const m = this.settings.messages;
            const status = statusPhrase(this.statuses, node, m.locale);
            const lens = node.target ? m.t('lens.target', { target: describeTarget(node.target, m) }) : m.t('lens.noTarget');
            const title = status ? m.t('lens.withStatus', { lens, status }) : lens;
            const line = node.$cstNode.range.start.line;
            // An empty command id: VS Code shows the text without making it clickable.
            lenses.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, command: { title, command: '' } });
        }
        return lenses;
    }
}
