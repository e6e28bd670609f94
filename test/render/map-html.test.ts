import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/render/escape.js';
import { renderPreviewHtml } from '../../src/render/map-html.js';
import { journeyOf, largeJourneyText, modelOf, mutuellePayload } from './render-helpers.js';

/** The attributes of the elements with `class` containing `cls`, in order. */
function elements(html: string, cls: string): string[] {
    return [...html.matchAll(new RegExp(`<[a-z]+ class="(?:[^"]*\\s)?${cls}(?:\\s[^"]*)?"[^>]*>`, 'g'))].map(m => m[0]);
}

describe('model → journey map (HTML)', () => {
    it('lays the stages out in order, with their touchpoints, channels and source lines', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const html = renderPreviewHtml(payload);
        const journey = journeyOf(payload.model, 'Adhesion');
        const stages = elements(html, 'jm-stage');
        const adhesionStages = stages.filter(s => journey.stages.some(st => s.includes(`data-line="${st.line}"`)));
        expect(adhesionStages).toHaveLength(3);
        expect(html.indexOf('Découverte')).toBeLessThan(html.indexOf('Souscription'));
        expect(html.indexOf('Souscription')).toBeLessThan(html.indexOf('Réception de la carte'));
        for (const tp of journey.stages.flatMap(s => s.touchpoints)) {
            expect(html).toContain(`<div class="jm-tp-title">${escapeHtml(tp.title)}</div>`);
            expect(elements(html, 'jm-touchpoint').some(el => el.includes(`data-line="${tp.line}"`))).toBe(true);
        }
        expect(html).toContain('<span class="jm-channel jm-online">Site web</span>');
        expect(html).toContain('<span class="jm-channel jm-offline">Courrier postal</span>');
        // Stage columns span their touchpoints: Souscription has 2.
        expect(stages.find(s => s.includes(`data-line="${journey.stages[1].line}"`))).toContain('span 2');
    });

    it('marks moments of truth, pain points by severity, owners and the emotion curve', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const html = renderPreviewHtml(payload);
        const envoi = journeyOf(payload.model, 'Adhesion').stages[2].touchpoints[0];
        const card = elements(html, 'jm-touchpoint').find(el => el.includes(`data-line="${envoi.line}"`))!;
        expect(card).toContain('jm-mot');
        expect(html).toContain('<li class="jm-pain jm-sev-critical"><span class="jm-sev">critical</span> Carte reçue trois semaines plus tard</li>');
        expect(html).toContain('<li class="jm-pain jm-sev-high">');
        expect(html).toContain('<span class="jm-owner">Gestion des adhésions</span>');
        expect(html).toContain('jm-owner jm-inherited'); // Découverte's touchpoints inherit the stage owner
        const markers = elements(html, 'jm-emo');
        expect(markers.filter(m => m.includes('jm-emo-negative')).length).toBeGreaterThanOrEqual(3);
        expect(html).toMatch(/<polyline points="[\d.,\s]+"\/>/);
    });

    it('draws the service-blueprint lanes only when the journey has them, the line of visibility above backstage', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const html = renderPreviewHtml(payload);
        const current = html.slice(html.indexOf('data-journey="Adhesion"'), html.indexOf('data-journey="AdhesionCible"'));
        const target = html.slice(html.indexOf('data-journey="AdhesionCible"'));
        for (const lane of ['Customer actions', 'Frontstage', 'Backstage', 'Support systems', 'Evidence']) expect(current).toContain(`>${lane}</div>`);
        expect(current.indexOf('jm-visibility')).toBeGreaterThan(current.indexOf('>Frontstage</div>'));
        expect(current.indexOf('jm-visibility')).toBeLessThan(current.indexOf('>Backstage</div>'));
        expect(target).not.toContain('jm-visibility');
        expect(target).not.toContain('>Backstage</div>');
    });

    it('shows KPIs where they are scoped with target and status', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const html = renderPreviewHtml(payload);
        const kpi = (id: string) => journeyOf(payload.model, 'Adhesion').kpis.find(k => k.id === id)!;
        const cards = elements(html, 'jm-kpi-card');
        const card = (id: string) => cards.find(c => c.includes(`data-line="${kpi(id).line}"`))!;
        expect(card('CartesJ1')).toContain('jm-status-at-risk'); // 92.4 % in the warning band, deadline 2026-12 not passed
        expect(card('Nps')).toContain('jm-status-met');
        expect(card('AttenteTel')).toContain('jm-status-no-data');
        expect(card('ConversionDevis')).toContain('jm-status-no-data');
        expect(html).toContain('≥ 95%');
        const chips = elements(html, 'jm-kpi-chip');
        // Touchpoint scope: one chip; stage scope: one chip spanning Souscription; channel scope: on the phone touchpoint.
        expect(chips.filter(c => c.includes(`data-line="${kpi('CartesJ1').line}"`))).toHaveLength(1);
        expect(chips.filter(c => c.includes(`data-line="${kpi('ConversionDevis').line}"`))).toHaveLength(1);
        expect(chips.filter(c => c.includes(`data-line="${kpi('AttenteTel').line}"`))).toHaveLength(1);
        expect(chips.filter(c => c.includes(`data-line="${kpi('Nps').line}"`))).toHaveLength(0); // journey scope: card only
        // Charts only for KPIs with values, plus the emotion curve.
        expect(html).toContain('data-chart="kpi--Adhesion--CartesJ1"');
        expect(html).toContain('data-chart="kpi--Adhesion--Nps"');
        expect(html).not.toContain('data-chart="kpi--Adhesion--AttenteTel"');
        expect(html).toContain('data-chart="emotion--Adhesion"');
    });

    it('puts a current journey and its target journey together, switchable', async () => {
        for (const file of ['adhesion.journey', 'adhesion-cible.journey']) {
            const html = renderPreviewHtml(await mutuellePayload(file));
            expect(html).toContain('class="jm-compare"');
            expect(html.indexOf('data-journey="Adhesion"')).toBeLessThan(html.indexOf('data-journey="AdhesionCible"'));
            expect(html).toContain('data-view="all"');
            expect(html).toMatch(file === 'adhesion.journey' ? /class="jm-compare" data-view="0"/ : /class="jm-compare" data-view="1"/);
            expect(html.match(/data-journey="Adhesion"/g)).toHaveLength(1);
        }
    });

    it('escapes every text from the journey file', async () => {
        const html = renderPreviewHtml(await mutuellePayload('hostile.journey'));
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
        expect(html).toContain('&lt;script&gt;alert(&#39;desc&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;');
        expect(html).toContain('&lt;/div&gt;&lt;img src=y onerror=alert(3)&gt;');
        expect(html).not.toMatch(/<img|<script|<svg onload|<b>/i);
    });

    it('gives every element with a data-line a line written in the file', async () => {
        const payload = await mutuellePayload('adhesion.journey');
        const html = renderPreviewHtml(payload);
        const known = new Set<number>();
        for (const j of payload.model.journeys) {
            known.add(j.line);
            j.kpis.forEach(k => known.add(k.line));
            j.stages.forEach(s => { known.add(s.line); s.touchpoints.forEach(t => known.add(t.line)); });
        }
        const lines = [...html.matchAll(/data-line="(\d+)"/g)].map(m => Number(m[1]));
        expect(lines.length).toBeGreaterThan(40);
        for (const line of lines) expect(known).toContain(line);
    });

    it('keeps 300 touchpoints in one scrollable grid with sticky stage headers', async () => {
        const model = await modelOf(largeJourneyText(15, 20));
        const html = renderPreviewHtml({ model, results: [], file: 'big.journey' });
        expect(html).toContain('--jm-cols:300');
        expect(elements(html, 'jm-touchpoint')).toHaveLength(300);
        expect(elements(html, 'jm-stage')).toHaveLength(15);
        expect(html).toMatch(/class="jm-scroll[ "]/);
    });

    it('says what to do for a file without journeys and for a journey without stages', async () => {
        const empty = await modelOf('channel Web "Web"\n', 'catalog.journey');
        expect(renderPreviewHtml({ model: empty, results: [], file: 'catalog.journey' })).toContain('No journey in catalog.journey yet');
        const bare = await modelOf('journey J "J" {\n}\n', 'j.journey');
        expect(renderPreviewHtml({ model: bare, results: [], file: 'j.journey' })).toContain('This journey has no stage yet');
    });
});
