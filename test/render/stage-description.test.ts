import { describe, expect, it } from 'vitest';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { previewPayload } from '../../src/render/preview-data.js';
import { workspaceOf } from '../language/helpers.js';

describe('the map', () => {
    it('draws a stage\'s description under its title (escaped)', async () => {
        const text = 'channel Web "Web" online\njourney J "J" {\n  stage S "Carte" {\n    description "Sans carte, l\'adhérent avance les frais <b>"\n    touchpoint T "T" via Web\n  }\n}\n';
        const { model } = await workspaceOf({ 'j.journey': text });
        const html = renderPreviewHtml(previewPayload({ model, results: [], file: 'j.journey' }));
        expect(html).toContain('<span class="jm-stage-desc">Sans carte, l&#39;adhérent avance les frais &lt;b&gt;</span>');
    });
});
