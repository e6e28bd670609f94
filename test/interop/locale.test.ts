// Mermaid interop in both languages: the reader's problems, the import's own problems and the
// comments it writes in the journey file, the export's notes. Same lines, severities, journeys
// and diagrams in every language; only the sentences differ.
import { describe, expect, it } from 'vitest';
import { journeyToMermaid } from '../../src/interop/journey-to-mermaid.js';
import { importMermaid } from '../../src/interop/mermaid-import.js';
import { readMermaidJourney } from '../../src/interop/mermaid-reader.js';
import { buildWorkspace } from '../../src/node/journey-workspace.js';
import { expectCleanJourney } from './helpers.js';

/** One line of each problem the reader reports (line numbers in the comments). */
const FAULTY = `---
title: [unclosed
---
journey
title
title Déménagement
title Déménagement à Lyon
section Préparer: tout
section
journey
Faire les cartons: 2: Moi: en retard
: 3: Moi
Sans score:
Score faux: 9: Moi
Ceci n'est pas une tâche
a; b: 3
section Vide
accDescr {
`;

const nbsp = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('the Mermaid reader in French', () => {
    it('reports the same problems at the same lines, each sentence in French', () => {
        const french = readMermaidJourney(FAULTY, 1, { locale: 'fr' });
        const english = readMermaidJourney(FAULTY, 1, { locale: 'en' });
        expect(french.journey).toEqual(english.journey);
        expect(french.problems.map(p => [p.line, p.severity])).toEqual(english.problems.map(p => [p.line, p.severity]));
        expect(english.problems.length).toBe(14);
        expect(french.problems.map(p => `${p.line} ${nbsp(p.message)}`)).toEqual([
            expect.stringMatching(/^3 L'en-tête YAML \(front matter\) n'est pas valide \(.+\) : il a été ignoré\.$/),
            '5 « title » sans texte : ignoré.',
            '7 Un second titre : il remplace celui de la ligne 6, comme dans Mermaid.',
            '8 Un titre de section ne peut pas contenir de deux-points dans Mermaid (écrivez #58; à la place). Ligne ignorée.',
            '9 « section » sans titre : écrivez « section <titre> ». Ligne ignorée.',
            '10 Un second en-tête « journey » : ignoré.',
            '11 Le texte après les acteurs de « Faire les cartons » est ignoré, comme le fait Mermaid : « en retard ».',
            '12 Une tâche sans nom : écrivez « nom: score: acteurs ». Ligne ignorée.',
            '13 La tâche « Sans score » n\'a pas de score : écrivez un nombre entier de 1 à 5 après le premier deux-points. Tâche importée sans émotion.',
            '14 Le score « 9 » de la tâche « Score faux » n\'est pas un nombre entier de 1 à 5. Tâche importée sans émotion.',
            '15 Ce n\'est pas une instruction de parcours Mermaid : on attend une tâche « nom: score: acteur, acteur », une « section » ou un « title ». Ligne ignorée.',
            '16 Mermaid refuse « ; » dans une ligne de parcours : écrivez #59; pour un point-virgule. Ligne ignorée.',
            '17 La section « Vide » n\'a aucune tâche : Mermaid ne l\'affiche pas, elle n\'a donc pas été importée.',
            '18 « accDescr { » n\'a pas d\'accolade fermante : seule sa première ligne a été prise comme description.'
        ]);
        // French typography: a narrow no-break space before the colon, no-break spaces inside « ».
        expect(french.problems[1].message).toBe('«\u00a0title\u00a0» sans texte\u202f: ignoré.');
        expect(english.problems[1].message).toBe("'title' without text: ignored.");
    });

    it('says what is not a journey, and an empty text, in French', () => {
        expect(nbsp(readMermaidJourney('flowchart LR\n', 1, { locale: 'fr' }).problems[0].message))
            .toBe('Ce n\'est pas un parcours Mermaid : le texte commence par « flowchart » au lieu de « journey ».');
        expect(nbsp(readMermaidJourney('\n', 1, { locale: 'fr' }).problems[0].message)).toBe('Ce texte est vide : un parcours Mermaid commence par la ligne `journey`.');
        expect(nbsp(readMermaidJourney('journey\n', 1, { locale: 'fr' }).problems[0].message)).toBe('Ce parcours n\'a aucune tâche : ajoutez des lignes comme `Préparer le thé: 5: Moi`.');
    });
});

describe('the Mermaid import in French', () => {
    it('writes its comments in French in a journey file that checks clean, the same journey as in English', async () => {
        const text = 'journey\ntitle Déménagement\naccTitle: Le déménagement de Paul\nsection Préparer\n  Faire les cartons: 2: Paul\n';
        const french = importMermaid(text, { source: 'docs/move.mmd', locale: 'fr' });
        const english = importMermaid(text, { source: 'docs/move.mmd', locale: 'en' });
        expect(french.text.split('\n').slice(0, 5)).toEqual([
            '// Importé depuis Mermaid\u202f: docs/move.mmd', '', 'persona Paul', '', '// accTitle Mermaid\u202f: Le déménagement de Paul'
        ]);
        expect(english.text).toContain('// Imported from Mermaid: docs/move.mmd\n');
        expect(english.text).toContain('// Mermaid accTitle: Le déménagement de Paul\n');
        const code = (journeyText: string) => journeyText.split('\n').filter(line => !line.startsWith('//')).join('\n');
        expect(code(french.text)).toBe(code(english.text));
        await expectCleanJourney(french.text);
    });

    it('says which Markdown blocks are skipped and why nothing was imported, with plurals', () => {
        const one = importMermaid('# Notes\n\n```mermaid\nflowchart LR\n  a --> b\n```\n', { kind: 'markdown', locale: 'fr' });
        expect(one.problems.map(p => [p.line, p.severity, nbsp(p.message)])).toEqual([
            [1, 'error', 'Le bloc de code mermaid de ce fichier n\'est pas un parcours : rien à importer.'],
            [4, 'info', 'Ce n\'est pas un parcours Mermaid : le texte commence par « flowchart » au lieu de « journey ». Bloc ignoré.']
        ]);
        const two = importMermaid('```mermaid\nflowchart LR\n```\n\n```mermaid\npie\n```\n', { kind: 'markdown', locale: 'fr' });
        expect(nbsp(two.problems[0].message)).toBe('Aucun des 2 blocs de code mermaid de ce fichier n\'est un parcours : rien à importer.');
        expect(importMermaid('```mermaid\nflowchart LR\n```\n\n```mermaid\npie\n```\n', { kind: 'markdown' }).problems[0].message)
            .toBe('None of the 2 mermaid code blocks of this file is a journey: nothing to import.');
        expect(nbsp(importMermaid('# Rien\n', { kind: 'markdown', locale: 'fr' }).problems[0].message))
            .toBe('Aucun bloc de code ```mermaid dans ce fichier Markdown : rien à importer.');
    });
});

const EXPORTED = `channel Web "Site web" online
team Gestion "Service gestion"

journey Adhesion "Adhésion" {
  goal "Être couvert vite"
  stage Souscription "Souscription" {
    touchpoint Devis "Devis" via Web {
      emotion -1 to +1
      pain "Trop de champs"
    }
    touchpoint Signature "Signature" via Web by Gestion
  }
  kpi Delai "Délai" {
    measures count(Devis)
    target >= 10
  }
}
`;

describe('the Mermaid export in French', () => {
    it('writes the same diagram in every language, its notes in the reader\'s', async () => {
        const workspace = await buildWorkspace([{ path: 'a.journey', text: EXPORTED }], '/ws');
        expect(workspace.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const journey = workspace.model.journeys[0];
        const french = journeyToMermaid(journey, workspace.model, 'fr');
        const english = journeyToMermaid(journey, workspace.model, 'en');
        expect(french.text).toBe(english.text);
        expect(french.notes.map(n => n.element)).toEqual(english.notes.map(n => n.element));
        expect(french.notes.map(n => nbsp(n.message))).toEqual([
            'émotion -1 à +1 : Mermaid n\'a qu\'un score et pas de mot, écrit 3 (le milieu de la plage, 0)',
            'pas d\'émotion : écrit avec le score neutre 3',
            expect.stringMatching(/^non écrits, les parcours Mermaid n'ont pas de KPI : 1 KPI qui indique .+ \(1\)/),
            expect.stringMatching(/^non écrits, un parcours Mermaid n'a pas de place pour eux : .*canaux \(2 points de contact\).*irritants \(1 point de contact\)/),
            expect.stringMatching(/^faits du parcours non écrits, un parcours Mermaid n'a pas de place pour eux : objectif/)
        ]);
        expect(english.notes.map(n => n.message)).toEqual([
            'emotion -1 to +1: Mermaid has one score and no word, written as 3 (the range\'s middle, 0)',
            'no emotion: written with the neutral score 3',
            expect.stringMatching(/^not written, Mermaid journeys have no KPIs: 1 KPI stating .+ \(1\)/),
            expect.stringMatching(/^not written, Mermaid journeys have no place for them: .*channels \(2 touchpoints\).*pain points \(1 touchpoint\)/),
            expect.stringMatching(/^facts of the journey not written, a Mermaid journey has no place for them: goal/)
        ]);
    });
});
