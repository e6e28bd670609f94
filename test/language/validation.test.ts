import { describe, expect, it } from 'vitest';
import { Codes } from '../../src/language/journey-diagnostics.js';
import { diagnosticsOf, editorDiagnosticsOf, positionOf, workspaceOf, CATALOG } from './helpers.js';

/**
 * One case per check: a journey text, the code expected, where it must point (the first
 * occurrence of `at` in the text) and its severity.
 */
interface Case {
    name: string;
    text: string;
    code: string;
    at: string;
    severity?: 'error' | 'warning' | 'info' | 'hint';
    /** Which occurrence of `at` (1 by default). */
    nth?: number;
}

/** A valid journey into which cases substitute their own lines. */
function journey(body: string, header = 'journey J "Parcours" {\n  state current'): string {
    return `${header}\n${body}\n}\n`;
}

const STAGES = `
  stage S1 "Souscription" {
    touchpoint Devis "Devis" via Web
    touchpoint Signature "Signature" via Web
  }
  stage S2 "Carte" {
    touchpoint EnvoiCarte "Envoi de la carte" via Courrier by Gestion
  }`;

const cases: Case[] = [
    { name: 'unknown channel, with a suggestion', text: journey(`  stage S { touchpoint T "T" via Webb }`), code: Codes.unresolvedReference, at: 'Webb' },
    { name: 'unknown persona', text: journey(`  persona Inconnu\n${STAGES}`), code: Codes.unresolvedReference, at: 'Inconnu' },
    { name: 'unknown team', text: journey(`  owner Personne\n${STAGES}`), code: Codes.unresolvedReference, at: 'Personne' },
    { name: 'unknown touchpoint in a window', text: journey(`${STAGES}\n  kpi K { measures share(Nulle within J+1 of Signature) target >= 95% }`), code: Codes.unresolvedReference, at: 'Nulle' },
    { name: 'syntax error', text: journey(`  stage { }`), code: Codes.syntaxError, at: '{ }' },
    // How an editor or the CLI decodes bytes that are not UTF-8 (Latin-1 "é" here).
    { name: 'text that is not UTF-8', text: journey(`  stage S "\uFFFDtape" { touchpoint T "T" via Web }`), code: Codes.notUtf8, at: '\uFFFD' },
    { name: 'duplicate top-level id in a file', text: `channel Sms "SMS" online\nchannel Sms "Texto" online\n`, code: Codes.duplicateId, at: 'Sms "Texto"' },
    { name: 'duplicate id with the catalog file', text: `channel Web "Web encore" online\n`, code: Codes.duplicateId, at: 'Web' },
    { name: 'duplicate touchpoint id in a journey', text: journey(`${STAGES}\n  stage S3 { touchpoint Devis "Encore" via Web }`), code: Codes.duplicateId, at: 'Devis "Encore"' },
    { name: 'a stage and a touchpoint share an id', text: journey(`${STAGES}\n  stage Devis { touchpoint T3 via Web }`), code: Codes.duplicateId, at: 'Devis {' },
    { name: 'a property stated twice', text: journey(`  stage S { touchpoint T "T" via Web { emotion 1 emotion 2 } }`), code: Codes.duplicateProperty, at: 'emotion 2' },
    // Its only diagnostic (the check once read a CST that only another diagnostic built).
    { name: 'a marker stated twice', text: journey(`  stage S { touchpoint T "T" via Web { moment of truth\n moment of truth } }\n  kpi K { measures count(T) target >= 1 }`,
        'journey J "Parcours" {\n  state current\n  owner LoveTeam\n  persona Assure'), code: Codes.duplicateProperty, at: 'moment of truth', nth: 2 },
    { name: 'an emotion scale stated twice', text: journey(`  emotion scale -1 to +1\n  emotion scale -3 to +3\n${STAGES}`), code: Codes.duplicateProperty, at: 'emotion scale -3' },
    { name: 'a direction stated twice', text: journey(`${STAGES}\n  kpi K { measures custom higher is better target >= 3 lower is better }`), code: Codes.duplicateProperty, at: 'lower is better' },
    { name: 'emotion out of the default scale', text: journey(`  stage S { touchpoint T "T" via Web { emotion +3 } }`), code: Codes.emotionOutOfScale, at: '+3' },
    { name: 'emotion out of a declared scale', text: journey(`  emotion scale -1 to +1\n  stage S { touchpoint T "T" via Web { emotion -2 } }`), code: Codes.emotionOutOfScale, at: '-2 }' },
    { name: 'an emotion range going down', text: journey(`  stage S { touchpoint T "T" via Web { emotion +2 to +1 } }`), code: Codes.emotionRangeOrder, at: '+1 }' },
    { name: 'the emotion scale written in a stage', text: journey(`  stage S { emotion scale -3 to +3\n touchpoint T "T" via Web }`), code: Codes.misplacedScale, at: '-3 to' },
    { name: 'an emotion written in the journey itself', text: journey(`  emotion -1 "worry"\n${STAGES}`), code: Codes.misplacedEmotion, at: '-1 "worry"' },
    { name: 'a stage emotion stated twice', text: journey(`  stage S { emotion -1\n emotion +1 "relief"\n touchpoint T "T" via Web }`), code: Codes.duplicateProperty, at: 'emotion +1' },
    { name: 'a stage emotion out of the scale', text: journey(`  stage S { emotion -3 "despair"\n touchpoint T "T" via Web }`), code: Codes.emotionOutOfScale, at: '-3' },
    { name: 'an emotion under the same condition twice', text: journey(`  stage S { touchpoint T "T" via Web { emotion -2 if "late"\n emotion -1 if "late" } }`), code: Codes.duplicateProperty, at: 'emotion -1' },
    { name: 'emotion not a whole number', text: journey(`  stage S { touchpoint T "T" via Web { emotion 1.5 } }`), code: Codes.emotionOutOfScale, at: '1.5' },
    { name: 'a duration that is not an amount of time', text: journey(`  stage S { touchpoint T "T" via Web { duration "about two days" } }`), code: Codes.durationNotTime, at: '"about two days"', severity: 'warning' },
    { name: 'a duration stated twice', text: journey(`  stage S { touchpoint T "T" via Web { duration "1 day" duration "2 days" } }`), code: Codes.duplicateProperty, at: 'duration "2 days"' },
    { name: 'inverted scale', text: journey(`  emotion scale 2 to -2\n${STAGES}`), code: Codes.invalidScale, at: '2 to -2' },
    { name: 'share above 100 %', text: journey(`${STAGES}\n  kpi K { measures share(EnvoiCarte within J+1 of Signature) target >= 120% }`), code: Codes.impossibleValue, at: '120' },
    { name: 'negative duration', text: journey(`${STAGES}\n  kpi K { measures duration(Signature to EnvoiCarte) target <= -2 days }`), code: Codes.impossibleValue, at: '-2' },
    { name: 'NPS above 100', text: journey(`${STAGES}\n  kpi K { measures nps target >= 130 }`), code: Codes.impossibleValue, at: '130' },
    { name: 'NPS in percent', text: journey(`${STAGES}\n  kpi K { measures nps target >= 30% }`), code: Codes.unitMismatch, at: '%' },
    { name: 'duration in percent', text: journey(`${STAGES}\n  kpi K { measures duration(Signature to EnvoiCarte) unit % target <= 2 }`), code: Codes.unitMismatch, at: '% target' },
    { name: 'comparator contradicting "higher is better"', text: journey(`${STAGES}\n  kpi K { measures csat target <= 80% }`), code: Codes.comparatorContradictsDirection, at: '<=' },
    { name: 'comparator contradicting a written direction', text: journey(`${STAGES}\n  kpi K { measures custom lower is better target ≥ 3 }`), code: Codes.comparatorContradictsDirection, at: '≥' },
    { name: 'warning band on the wrong side', text: journey(`${STAGES}\n  kpi K { measures csat target >= 80% warning 85% }`), code: Codes.warningBandWrongSide, at: '85%' },
    { name: 'window ending before its start', text: journey(`${STAGES}\n  kpi K { measures share(Signature within J+1 of EnvoiCarte) target >= 95% }`), code: Codes.windowOrder, at: 'Signature within' },
    { name: 'duration from a touchpoint to itself', text: journey(`${STAGES}\n  kpi K { measures duration(Devis to Devis) target <= 2 days }`), code: Codes.windowOrder, at: 'Devis)' },
    { name: 'duration ending before its start in the same stage', text: journey(`${STAGES}\n  kpi K { measures duration(Signature to Devis) target <= 2 days }`), code: Codes.windowOrder, at: 'Devis)' },
    { name: 'an outcome leading to its own touchpoint', text: journey(`  stage S { touchpoint T "T" via Web { outcome Ko "ko" leads to T } }`), code: Codes.branchTarget, at: 'T }' },
    { name: 'a step timed from itself', text: journey(`  stage S { touchpoint T "T" via Web { timing day 2 after T } }`), code: Codes.timingReference, at: 'T }' },
    { name: 'a range of time that goes down', text: journey(`  stage S { touchpoint T "T" via Web { timing 12 to 6 months before S2 } }\n  stage S2 { touchpoint U "U" via Web }`), code: Codes.impossibleTime, at: '6 months' },
    { name: 'conversion between stages in the wrong order', text: journey(`${STAGES}\n  kpi K { measures conversion(S2 to S1) target >= 50% }`), code: Codes.windowOrder, at: 'S1)' },
    {
        name: 'KPI scoped to another journey',
        text: `journey A "A" { state current stage SA { touchpoint TA via Web } }\n` + journey(`${STAGES}\n  kpi K { measures csat scope stage A.SA target >= 80% }`),
        code: Codes.outsideJourney, at: 'A.SA'
    },
    {
        name: 'KPI measuring another journey',
        text: `journey A "A" { state current stage SA { touchpoint TA via Web } }\n` + journey(`${STAGES}\n  kpi K { measures share(EnvoiCarte within J+1 of A.TA) target >= 80% }`),
        code: Codes.outsideJourney, at: 'A.TA'
    },
    { name: 'KPI scoped to a channel the journey does not use', text: journey(`${STAGES}\n  kpi K { measures csat scope channel Telephone target >= 80% }`), code: Codes.channelNotUsed, at: 'Telephone', severity: 'warning' },
    { name: 'empty journey', text: `journey Vide "Vide" { state current }\n`, code: Codes.emptyJourney, at: 'Vide "', severity: 'warning' },
    { name: 'empty stage', text: journey(`${STAGES}\n  stage Vide "Vide"`), code: Codes.emptyStage, at: 'Vide "', severity: 'warning' },
    { name: 'KPI without a measure', text: journey(`${STAGES}\n  kpi K "Sans mesure" { target >= 3 }`), code: Codes.missingMeasure, at: 'K "', severity: 'warning' },
    { name: 'KPI without a target', text: journey(`${STAGES}\n  kpi K "Sans cible" { measures nps }`), code: Codes.missingTarget, at: 'K "', severity: 'info' },
    { name: 'touchpoint without a channel', text: journey(`  stage S { touchpoint Nowhere "Nulle part" }`), code: Codes.missingChannel, at: 'Nowhere', severity: 'info' },
    { name: 'moment of truth no KPI measures', text: journey(`  stage S { touchpoint T "T" via Web { moment of truth } }`), code: Codes.unmeasuredMomentOfTruth, at: 'moment', severity: 'info' },
    { name: '"improves" on a current journey', text: `journey A "A" { state current stage SA { touchpoint TA via Web } }\n` + journey(`  improves A\n${STAGES}`), code: Codes.improvesWithoutTargetState, at: 'A\n' },
    { name: 'a target journey improving a target journey', text: `journey A "A" { state target stage SA { touchpoint TA via Web } }\n` + journey(`  improves A\n${STAGES}`, 'journey J "Cible" {\n  state target'), code: Codes.improvesNotCurrent, at: 'A\n', severity: 'warning' },
    { name: 'a persona listed twice', text: journey(`  persona Assure\n  persona Assure\n${STAGES}`), code: Codes.repeatedReference, at: 'Assure', nth: 2, severity: 'warning' },
    { name: 'a deadline that is not a date', text: journey(`${STAGES}\n  kpi K { measures nps target >= 30 by 2027-13 }`), code: Codes.invalidDate, at: '2027-13' },
    { name: 'an absolute data path', text: `source S series "/etc/passwd"\n`, code: Codes.invalidDataPath, at: '"/etc/passwd"' },
    { name: 'a research link that is not a web address', text: journey(`  research "Interviews" link "www.example.org/study"\n${STAGES}`), code: Codes.invalidResearchLink, at: '"www' },
    { name: 'a research link to a file', text: journey(`  research "Interviews" link "file:///etc/passwd"\n${STAGES}`), code: Codes.invalidResearchLink, at: '"file' },
    { name: 'a research sample that is no count of people', text: journey(`  research "Interviews" sample 11.5\n${STAGES}`), code: Codes.invalidSample, at: '11.5' },
    { name: 'a URL as data path', text: `source S series "https://example.com/x.csv"\n`, code: Codes.invalidDataPath, at: '"https' },
    { name: 'a price in $ on a KPI in €', text: journey(`${STAGES}\n  kpi K { measures average unit € target <= 5 $ }`), code: Codes.unitMismatch, at: '$ }' },
    { name: 'a column of a field the source does not have', text: `source S events "e.csv" { column chanel "x" }\n`, code: Codes.unknownField, at: 'chanel' },
    { name: 'a series column of its own', text: `source S series "s.csv" { column device "x" }\n`, code: Codes.unknownField, at: 'device' },
    { name: 'an alert threshold better than the target', text: journey(`${STAGES}\n  kpi K { measures abandonment(S1 to S2) target <= 20% threshold 15% }`), code: Codes.thresholdWrongSide, at: '15%' },
    { name: 'an alert threshold between the target and its warning', text: journey(`${STAGES}\n  kpi K { measures csat target >= 80% warning 70% threshold 75% }`), code: Codes.thresholdWrongSide, at: '75%' },
    { name: 'an alert threshold on a KPI that says no direction', text: journey(`${STAGES}\n  kpi K { measures custom threshold 5 }`), code: Codes.thresholdWrongSide, at: '5 }', severity: 'warning' },
    { name: 'a baseline that cannot exist', text: journey(`${STAGES}\n  kpi K { measures csat baseline 140% target >= 80% }`), code: Codes.impossibleValue, at: '140' },
    { name: 'a baseline date that is not a date', text: journey(`${STAGES}\n  kpi K { measures csat baseline 70% in 2026-02-30 target >= 80% }`), code: Codes.invalidDate, at: '2026-02-30' },
    { name: 'a survey detail on a KPI computed from events', text: journey(`${STAGES}\n  kpi K { measures duration(Signature to EnvoiCarte) target <= 2 days respondent "acheteur" }`), code: Codes.surveyDetailNotSurvey, at: '"acheteur"', severity: 'warning' },
    {
        name: 'a breakdown by a field the source does not map',
        text: journey(`${STAGES}\n  kpi K { measures conversion(S1 to S2) per devise target >= 50% data S }`) + `source S events "e.csv" { column device "appareil" }\n`,
        code: Codes.unknownBreakdown, at: 'devise'
    },
    { name: 'an event mapped to a touchpoint that does not exist', text: journey(STAGES) + `source S events "e.csv" { event "FIN" is EnvoiCart }\n`, code: Codes.unknownTouchpoint, at: 'EnvoiCart }' },
    { name: 'a time zone that does not exist', text: `source S events "e.csv" { timezone "Europe/Pariss" }\n`, code: Codes.unknownTimezone, at: '"Europe/Pariss"' }
];

describe('validation', () => {
    it.each(cases)('$name → $code', async ({ text, code, at, severity, nth }) => {
        const diagnostics = (await diagnosticsOf(text)).filter(d => d.file === 'test.journey');
        const found = diagnostics.filter(d => d.code === code);
        expect(found, JSON.stringify(diagnostics, null, 2)).not.toHaveLength(0);
        const expected = positionOf(text, at, nth);
        expect(found.map(d => ({ line: d.line, column: d.column }))).toContainEqual(expected);
        expect(found[0].severity).toBe(severity ?? 'error');
        expect(found[0].message.length).toBeGreaterThan(20);
    });

    // journey check parses with the lean parser (no CST; positions from its spans), the editor with
    // Langium's (positions from the CST): both must report the same diagnostics, ranges included.
    it.each(cases)('$name: the editor reports what journey check reports', async ({ text }) => {
        const byPosition = (a: { line: number; column: number; message: string }, b: typeof a) => a.line - b.line || a.column - b.column || a.message.localeCompare(b.message);
        expect(await editorDiagnosticsOf(text)).toEqual([...await diagnosticsOf(text)].sort((a, b) => a.file.localeCompare(b.file) || byPosition(a, b)));
    });

    it('has a case for every stable code the validator emits', () => {
        const covered = new Set(cases.map(c => c.code));
        // non-standard-notation belongs to the editor's quick fixes and is tested with them.
        const expected = Object.values(Codes).filter(code => code !== Codes.nonStandardNotation);
        expect(expected.filter(code => !covered.has(code))).toEqual([]);
    });

    it('accepts a complete, correct journey without any diagnostic', async () => {
        const text = journey(`  description "Du devis à la carte"
  persona Assure
  owner LoveTeam
  emotion scale -3 to +3
${STAGES.replace('via Courrier by Gestion', 'via Courrier by Gestion {\n      moment of truth\n      emotion +3\n      actors Assure, Gestion\n    }')}
  kpi CartesJ1 "Cartes envoyées à J+1" {
    measures share(EnvoiCarte within J+1 of Signature)
    scope stage S2
    mode hot
    frequency monthly
    owner Gestion
    target ≥ 95% by 2027-06 warning 90%
  }
  kpi Delai "Délai d'envoi" {
    measures duration(Signature to EnvoiCarte) p90
    target <= 48 h
  }`);
        // `≥` and `48 h` are valid spellings: only the editor hints at the standard ones.
        expect(await diagnosticsOf(text)).toEqual([]);
    });

    it('underlines the whole fact written again, from its first word to its last', async () => {
        const text = journey(`  stage S { touchpoint T "T" via Web { moment of truth\n      moment of /* encore */ truth } }\n  kpi K { measures count(T) target >= 1 }`);
        const found = (await diagnosticsOf(text)).filter(d => d.code === Codes.duplicateProperty);
        const start = positionOf(text, 'moment', 2);
        const end = positionOf(text, 'truth }');
        expect(found.map(d => [d.line, d.column, d.endLine, d.endColumn])).toEqual([[start.line, start.column, end.line, end.column + 'truth'.length]]);
        expect(found[0].message).toBe(`This touchpoint already states its moment of truth on line ${positionOf(text, 'moment').line}: keep only one.`);
    });

    it('names a fact written twice in the words of the facts table', async () => {
        const text = journey(`  emotion scale -1 to +1\n  emotion scale -2 to +2\n  stage S { touchpoint T "T" via Web }\n  kpi K { measures csat mode hot mode cold }`);
        const messages = (await diagnosticsOf(text)).filter(d => d.code === Codes.duplicateProperty).map(d => d.message);
        expect(messages).toEqual([
            expect.stringContaining('This journey already states its emotion scale on line'),
            expect.stringContaining('This KPI already states its measurement mode on line')
        ]);
    });

    it('suggests the closest id for a misspelt reference', async () => {
        const diagnostics = await diagnosticsOf(journey(`  stage S { touchpoint T "T" via Courier }`));
        expect(diagnostics.find(d => d.code === Codes.unresolvedReference)?.message).toContain("did you mean 'Courrier'");
    });

    it('names the other file of a workspace-wide duplicate', async () => {
        const workspace = await workspaceOf({ 'catalog.journey': CATALOG, 'other.journey': 'team Gestion "Autre"\n' });
        const duplicate = workspace.diagnostics.find(d => d.file === 'other.journey' && d.code === Codes.duplicateId);
        expect(duplicate?.message).toContain('catalog.journey');
    });

    it('orders the touchpoints of one stage as written, unless the stage says they come in any order or in parallel', async () => {
        const backwards = journey(`${STAGES}\n  kpi K { measures share(Devis within J+2 of Signature) target >= 90% }`);
        expect((await diagnosticsOf(backwards)).map(d => d.code)).toEqual([Codes.windowOrder]);
        expect(await diagnosticsOf(backwards.replace('stage S1 "Souscription" {', 'stage S1 "Souscription" {\n    order any'))).toEqual([]);
        expect(await diagnosticsOf(backwards.replace('stage S1 "Souscription" {', 'stage S1 "Souscription" {\n    order parallel'))).toEqual([]);
        expect(await diagnosticsOf(journey(`${STAGES}\n  kpi K { measures share(Signature within J+2 of Devis) target >= 90% }`))).toEqual([]);
    });

    it('checks half-written KPIs without failing', async () => {
        for (const kpi of ['kpi K { measures share(EnvoiCarte within J+1 }', 'kpi K { target >= }', 'kpi K { measures duration( to ) target <= 2 days warning }']) {
            const diagnostics = await diagnosticsOf(journey(`${STAGES}\n  ${kpi}`));
            expect(diagnostics.some(d => d.code === Codes.syntaxError)).toBe(true);
            expect(diagnostics.filter(d => d.code === 'unknown' || d.message.includes('An error occurred'))).toEqual([]);
        }
    });

    it('lets a current and a target journey reuse the same touchpoint ids', async () => {
        const text = journey(STAGES) + journey(STAGES, 'journey Cible "Cible" {\n  state target\n  improves J');
        expect(await diagnosticsOf(text)).toEqual([]);
    });

    it('resolves another journey\'s touchpoint by its qualified name', async () => {
        const text = journey(STAGES) + `kpi Global "Global" { measures share(J.EnvoiCarte within J+1 of J.Signature) target >= 90% }\n`;
        expect(await diagnosticsOf(text)).toEqual([]);
    });
});
