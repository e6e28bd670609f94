// The SVG map writes a card's timing, deadline and outcome lines whole, wrapped as other card
// text is, and a stage header's facts on up to two lines with "+N" for what does not fit,
// listed in its tooltip (issue 16): nothing cut or dropped silently.
import { describe, expect, it } from 'vitest';
import { renderMapSvg } from '../../src/render/map-svg.js';
import { modelOf } from './render-helpers.js';

const TEXT = `channel Web "Web" online
team Ops "Service des opérations clients"
tags Famille "Famille" {
  Acces "Accès au service"
  Usage "Usage quotidien"
  Relation "Relation avec le conseiller"
  Partage "Partage d'expérience"
}
journey J "Wrapping" {
  stage A "Demande" {
    owner Ops
    tagged Famille.Acces, Famille.Usage, Famille.Relation, Famille.Partage
    only if "le client a déjà un compte ouvert depuis plus de deux ans"
    touchpoint T1 "Contrôle" via Web {
      timing 1 to 5 days after T2
      outcome Incomplet "dossier incomplet faute de justificatif de domicile" leads to Relance
    }
  }
  stage B "Relance" {
    touchpoint T2 "Relance par courrier" via Web
  }
}
`;

async function svgOf(locale?: 'fr'): Promise<string> {
    const model = await modelOf(TEXT, 'wrap.journey');
    return renderMapSvg({ model, results: [], file: 'wrap.journey', today: '2026-06-15', ...(locale ? { locale } : {}) }, { charts: false });
}

/** The texts of the SVG, in order, as a reader sees them. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>(.*?)<\/text>/g)].map(m => m[1].replace(/<[^>]+>/g, ''));

describe('card and stage header text in the SVG map', () => {
    it('wraps a long outcome and timing on the card instead of cutting them', async () => {
        const shown = texts(await svgOf());
        const card = shown.slice(shown.indexOf('Contrôle'), shown.indexOf('Relance par courrier'));
        const words = card.join(' ');
        expect(words).toContain('dossier incomplet faute de justificatif de domicile → “Relance”');
        expect(words).toContain('timing 1 to 5 days after &quot;Relance par courrier&quot;');
        expect(card.some(line => line.includes('…'))).toBe(false);
    });

    it('writes a stage header\'s facts on two lines and counts those that do not fit, listed in its tooltip', async () => {
        const svg = await svgOf();
        const header = /<g class="stage" data-line="\d+"><title>(.*?)<\/title>.*?<\/g>/.exec(svg);
        expect(header, 'a stage header with a tooltip').not.toBeNull();
        // Everything the stage says is in the tooltip: its condition, owner and each of its tags.
        for (const part of ['only if le client a déjà un compte ouvert', 'Service des opérations clients', 'Accès au service', 'Usage quotidien', 'Relation avec le conseiller', 'Partage d&#39;expérience']) {
            expect(header![1]).toContain(part);
        }
        const lines = texts(header![0]);
        expect(lines[0]).toBe('1. Demande');
        expect(lines.length).toBe(3);
        // The last line ends with the count of what is left out.
        const more = /\+(\d+)$/.exec(lines[2]);
        expect(more, lines[2]).not.toBeNull();
        const written = lines.slice(1).join(' ');
        const left = ['Accès au service', 'Usage quotidien', 'Relation avec le conseiller', 'Partage d&#39;expérience'].filter(tag => !written.includes(tag));
        expect(Number(more![1])).toBe(left.length + (written.includes('Service des opérations clients') ? 0 : 1) + (written.includes('only if') ? 0 : 1));
        // A stage whose facts fit has no count and no tooltip.
        expect(svg).toMatch(/<g class="stage" data-line="\d+"><rect/);
        expect((await svgOf('fr')).match(/<g class="stage" data-line="\d+"><title>/g)).toHaveLength(1);
    });
});
