import { describe, expect, it } from 'vitest';
import { diffModels } from '../../src/diff/diff-engine.js';
import { formatText } from '../../src/diff/diff-format.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { CATALOG, workspaceOf } from './helpers.js';

const journey = (pain: string) => `journey J "J" {
  stage S "S" {
    touchpoint T "T" via Web {
      ${pain}
    }
  }
}
`;
const modelOf = async (pain: string) => (await workspaceOf({ 'catalog.journey': CATALOG, 'j.journey': journey(pain) })).model;

describe('a pain point written without severity', () => {
    it('stays "not given" in the model and its JSON (schemaVersion 2), and the map draws no severity for it', async () => {
        const model = await modelOf('pain "Attente au guichet"');
        expect(model.schemaVersion).toBe(2);
        const pain = model.journeys[0].stages[0].touchpoints[0].painPoints[0];
        expect(pain).toEqual({ text: 'Attente au guichet' });
        expect(JSON.parse(JSON.stringify(model)).journeys[0].stages[0].touchpoints[0].painPoints).toEqual([{ text: 'Attente au guichet' }]);
        const payload = previewPayload({ model, results: [], file: 'j.journey' });
        const cells = renderPreviewHtml(payload).split('class="jm-cell jm-pains"').slice(1).join('');
        expect(cells).toContain('Attente au guichet');
        expect(cells).not.toMatch(/jm-sev-medium|>medium</);
        // The SVG's legend shows every severity once: a pain point with `severity medium` adds a badge, one without none.
        const badges = (svg: string) => svg.split('>MEDIUM<').length - 1;
        const medium = previewPayload({ model: await modelOf('pain "Attente au guichet" severity medium'), results: [], file: 'j.journey' });
        expect(badges(await renderMapSvg(payload))).toBe(badges(await renderMapSvg(medium)) - 1);
    });

    it('differs from `severity medium` for the diff', async () => {
        const diff = diffModels(await modelOf('pain "Attente"'), await modelOf('pain "Attente" severity medium'));
        const text = formatText(diff);
        expect(text).toContain('the severity of “Attente” from not given to medium');
    });
});
