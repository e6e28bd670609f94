import { describe, expect, it } from 'vitest';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { readMermaidJourney } from '../../src/interop/mermaid-reader.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { parseWithMermaid } from './real-mermaid.js';

async function modelOf(text: string) {
    const workspace = await buildWorkspace([{ path: 'j.journey', text }], '/ws');
    expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    return workspace.model;
}

const ADHESION = `persona Assure "Assuré"
team Gestion "Service gestion"
channel Web "Site web" online

journey Adhesion "Adhésion à la mutuelle santé" {
  description "Du devis à la carte"
  stage Souscription "Souscription" {
    touchpoint Devis "Devis en ligne" via Web {
      actors Assure
      emotion -1
    }
    touchpoint Signature "Signature électronique" via Web {
      actors Assure, Gestion
      emotion +2
    }
  }
  stage Carte "Réception de la carte" {
    touchpoint EnvoiCarte "Envoi de la carte" by Gestion {
      emotion 0
    }
    touchpoint Attente
  }
}
`;

describe('journey → Mermaid', () => {
    it('writes title, description, sections, tasks with scores e + 3 and actor titles', async () => {
        const model = await modelOf(ADHESION);
        const { text, notes } = journeyToMermaid(model.journeys[0], model);
        expect(text).toBe(`journey
    title Adhésion à la mutuelle santé
    accDescr: Du devis à la carte
    section Souscription
      Devis en ligne: 2: Assuré
      Signature électronique: 5: Assuré, Service gestion
    section Réception de la carte
      Envoi de la carte: 3
      Attente: 3
`);
        expect(notes).toEqual([
            { element: 'Carte.Attente', message: 'no emotion: written with the neutral score 3' },
            { element: '', message: 'not written, Mermaid journeys have no place for them: channels (2 touchpoints), owner (1 touchpoint)' }
        ]);
        const parsed = await parseWithMermaid(text);
        expect(parsed.title).toBe('Adhésion à la mutuelle santé');
        expect(parsed.tasks.map(t => [t.section, t.task, t.score, t.people])).toEqual([
            ['Souscription', 'Devis en ligne', 2, ['Assuré']],
            ['Souscription', 'Signature électronique', 5, ['Assuré', 'Service gestion']],
            ['Réception de la carte', 'Envoi de la carte', 3, []],
            ['Réception de la carte', 'Attente', 3, []]
        ]);
    });

    it('places emotions of another scale on 1–5 as on their own scale, and says when a score is not exact', async () => {
        const model = await modelOf(`journey J {
  emotion scale -4 to +4
  stage S {
    touchpoint A { emotion -4 }
    touchpoint B { emotion +3 }
    touchpoint C { emotion +1 }
  }
}
`);
        const { text, notes } = journeyToMermaid(model.journeys[0], model);
        // −4 is the scale's bottom (1); +3 lies at 4.5 and +1 at 3.5 of 1–5.
        expect(text).toContain('      A: 1\n      B: 5\n      C: 4\n');
        expect(notes.map(n => n.element)).toEqual(['S.B', 'S.C']);
        expect(notes[0].message).toBe("emotion +3 on the journey's scale -4 to +4 has no exact score among Mermaid's 1–5: written as 5");
    });

    it('escapes what Mermaid would read as syntax, and Mermaid reads the titles back exactly', async () => {
        const hostile = [
            'Step: one; two # three', 'Title page', 'section two', 'accTitle: x', 'journey planning', '%% not a comment', '% single', 'a%%b', '50%% off',
            '%%{init: {}}%%', 'Q&A #35; literal', '<script>alert("x")</script>', 'back\\\\slash "quoted"', 'Smith, John'
        ];
        const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
        const touchpoints = hostile.map((title, i) => `    touchpoint T${i} "${escape(title)}" {\n      actors P${i}\n      emotion +1\n    }`).join('\n');
        const personas = hostile.map((title, i) => `persona P${i} "${escape(title)}"`).join('\n');
        const model = await modelOf(`${personas}\njourney J "${escape(hostile.join(' | '))}" {\n  description "Line one\\nline } two # x"\n  stage S "${escape(hostile[0])}" {\n${touchpoints}\n  }\n}\n`);
        const { text } = journeyToMermaid(model.journeys[0], model);
        const parsed = await parseWithMermaid(text);
        expect(parsed.title?.trim()).toBe(hostile.join(' | '));
        expect(parsed.sections).toEqual([hostile[0]]);
        expect(parsed.tasks.map(t => t.task.trim())).toEqual(hostile);
        expect(parsed.tasks.map(t => t.people)).toEqual(hostile.map(h => [h]));
        expect(parsed.accDescr).toBe('Line one\nline } two # x');
        const ours = readMermaidJourney(text);
        expect(ours.problems).toEqual([]);
        expect(ours.journey?.sections[0].tasks.map(t => [t.title, t.actors[0]])).toEqual(hostile.map(h => [h, h]));
        expect(ours.journey?.accDescr).toBe('Line one\nline } two # x');
    });

    it('writes a first stage without title as tasks before any section', async () => {
        const model = await modelOf('journey J "T" {\n  stage Start "" {\n    touchpoint A { emotion 0 }\n  }\n  stage Later {\n    touchpoint B\n  }\n}\n');
        const { text } = journeyToMermaid(model.journeys[0], model);
        expect(text).toBe('journey\n    title T\n      A: 3\n    section Later\n      B: 3\n');
        const parsed = await parseWithMermaid(text);
        expect(parsed.tasks.map(t => [t.section, t.task])).toEqual([['', 'A'], ['Later', 'B']]);
    });

    it('writes line breaks in titles as <br>, and unresolved actors by their id', async () => {
        const workspace = await buildWorkspace([{ path: 'j.journey', text: 'journey J "Two\\nlines" {\n  stage S {\n    touchpoint A {\n      actors Ghost\n    }\n  }\n}\n' }], '/ws');
        const { text } = journeyToMermaid(workspace.model.journeys[0], workspace.model);
        expect(text).toContain('title Two<br>lines\n');
        expect(text).toContain('A: 3: Ghost\n');
        // What Mermaid read: the title with its <br> (Mermaid draws it as a line break), the section, the task with its score and actor.
        const parsed = await parseWithMermaid(text);
        expect(parsed.title).toBe('Two<br>lines');
        expect(parsed.sections).toEqual(['S']);
        expect(parsed.tasks).toEqual([{ section: 'S', sectionIndex: 0, task: 'A', score: 3, people: ['Ghost'] }]);
    });
});
