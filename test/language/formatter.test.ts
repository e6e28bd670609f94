import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatJourneyText } from '../../src/node/format-text.js';
import { workspaceOf } from './helpers.js';

function formatted(text: string): string {
    const result = formatJourneyText(text);
    if (!result.ok) throw new Error(`${result.line}:${result.column} ${result.message}`);
    return result.text;
}

const MESSY = `// Catalogue partagé
channel   Web "Site web"   online
persona Assure "Assuré"
team Gestion "Gestion"   // l'équipe back-office



journey   Adhesion "Adhésion" {  state current
    persona Assure owner Gestion
  stage Souscription "Souscription" { touchpoint Devis "Devis" via Web { emotion -1 pain "Trop long" severity high }
      /* la signature
         est électronique */
  touchpoint Signature "Signature" via Web
  }


  stage Carte { touchpoint Envoi "Envoi" via Web by Gestion { moment of truth } }
  kpi CartesJ1 "Cartes à J+1" { measures share ( Envoi within J+1 of Signature ) target >= 95 % by 2027-06 }
  kpi Vide {}
}
channel Courrier "Courrier" offline`;

const CANONICAL = `// Catalogue partagé
channel Web "Site web" online
persona Assure "Assuré"
team Gestion "Gestion" // l'équipe back-office

journey Adhesion "Adhésion" {
  state current
  persona Assure
  owner Gestion
  stage Souscription "Souscription" {
    touchpoint Devis "Devis" via Web {
      emotion -1
      pain "Trop long" severity high
    }
    /* la signature
         est électronique */
    touchpoint Signature "Signature" via Web
  }

  stage Carte {
    touchpoint Envoi "Envoi" via Web by Gestion {
      moment of truth
    }
  }
  kpi CartesJ1 "Cartes à J+1" {
    measures share(Envoi within J+1 of Signature)
    target >= 95% by 2027-06
  }
  kpi Vide {}
}

channel Courrier "Courrier" offline
`;

/** Every `.journey` file under examples/. */
function exampleFiles(folder = 'examples'): string[] {
    return readdirSync(folder).flatMap(name => {
        const path = join(folder, name);
        return statSync(path).isDirectory() ? exampleFiles(path) : name.endsWith('.journey') ? [path] : [];
    });
}

describe('formatter', () => {
    it('lays out a messy file canonically, keeping every comment', () => {
        expect(formatted(MESSY)).toBe(CANONICAL);
    });

    it('is idempotent', () => {
        expect(formatted(CANONICAL)).toBe(CANONICAL);
        expect(formatted(formatted(MESSY))).toBe(formatted(MESSY));
    });

    it('changes layout only: the formatted file has the same model', async () => {
        const before = await workspaceOf({ 'a.journey': MESSY });
        const after = await workspaceOf({ 'a.journey': formatted(MESSY) });
        const withoutLines = (value: unknown) => JSON.parse(JSON.stringify(value, (key, v) => (key === 'line' ? undefined : v)));
        expect(withoutLines(after.model)).toEqual(withoutLines(before.model));
    });

    it('refuses to format text with a syntax error, saying where', () => {
        const result = formatJourneyText('journey J {\n  stage S {\n    touchpoint "no id"\n');
        expect(result.ok).toBe(false);
        expect(result.ok ? 0 : result.line).toBe(3);
    });

    it('sticks % to its number but not to the unit keyword', () => {
        const text = 'kpi K {\n  measures csat\n  unit %\n  target >= 80%\n}\n';
        expect(formatted(text.replace('80%', '80 %'))).toBe(text);
    });

    it('starts a line where the grammar starts a fact, not wherever a fact word is spelt', () => {
        // `persona` starts a fact in a journey, but in `column persona "…"` it names a field: one line.
        const text = [
            'source Enquete "Enquête" survey "enquete.csv" {',
            '  column persona "profil"',
            '  column channel "canal"',
            '}',
            '',
            'journey J {',
            '  persona P',
            '  state target',
            '  kpi D {',
            '    measures duration(A to B) p90',
            '    target <= 2 days',
            '  }',
            '}',
            ''
        ].join('\n');
        expect(formatted(text.replace(/\n\s*/g, ' '))).toBe(text);
    });

    it('formats an empty file to an empty file', () => {
        expect(formatted('')).toBe('');
        expect(formatted('\n\n  \n')).toBe('');
    });

    const examples = exampleFiles();
    it('finds the example files', () => expect(examples.length).toBeGreaterThanOrEqual(9));
    it.each(examples)('keeps %s canonical and idempotent', file => {
        const text = readFileSync(file, 'utf8');
        const once = formatted(text);
        expect(formatted(once)).toBe(once);
        expect(once).toBe(text);
    });
});
