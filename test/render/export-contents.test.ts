import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { PreviewPayload } from '../../src/render/preview-data.js';

const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');

function embedded(html: string): PreviewPayload {
    const json = /<script type="application\/json" id="journey-preview-data">([\s\S]*?)<\/script>/.exec(html)?.[1];
    return JSON.parse(json!) as PreviewPayload;
}

describe('an exported map carries its own journey only', () => {
    let tmp: string;
    const pages = new Map<string, string>();
    beforeAll(async () => {
        tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'journey-export-'));
        // The three examples in one folder: each page must still hold one example's journeys only.
        const code = await main(['render', EXAMPLES, '--out', tmp, '--today', '2026-06-15'], { out: () => undefined, err: () => undefined, cwd: tmp });
        expect(code).toBe(0);
        for (const folder of ['ecommerce', 'maison-neuve', 'mutuelle-sante']) {
            for (const name of await fs.readdir(path.join(tmp, folder))) pages.set(`${folder}/${name}`, await fs.readFile(path.join(tmp, folder, name), 'utf8'));
        }
    }, 120_000);
    afterAll(() => fs.rm(tmp, { recursive: true, force: true }));

    it('holds the journey of its file and the journey it is compared with, their KPI results and data problems, nothing of the other journeys', () => {
        expect(pages.size).toBe(6);
        const payloads = new Map([...pages].map(([name, html]) => [name, embedded(html)]));
        const groupOf = (name: string) => payloads.get(name)!.model.journeys.map(j => j.id).sort();
        expect(groupOf('mutuelle-sante/adhesion-actuel.html')).toEqual(['AdhesionActuelle', 'AdhesionCible']);
        expect(groupOf('ecommerce/order-to-delivery-target.html')).toEqual(['OrderToDeliveryCurrent', 'OrderToDeliveryTarget']);
        for (const [name, payload] of payloads) {
            const folder = name.split('/')[0];
            const html = pages.get(name)!;
            const own = new Set(payload.model.journeys.map(j => j.id));
            // Two examples may use the same KPI id (CsatSignature): only the others' ids count.
            const ownKpis = new Set(payload.model.journeys.flatMap(j => j.kpis.map(k => k.id)));
            for (const result of payload.results) {
                if (result.journey) expect(own.has(result.journey), `${name}: result of ${result.journey}`).toBe(true);
            }
            for (const problem of payload.problems ?? []) expect(problem.file.startsWith(`${folder}/`), `${name}: ${problem.file}`).toBe(true);
            // Nothing of the other examples anywhere in the page: journey ids and titles, KPI ids, data files.
            for (const [otherName, other] of payloads) {
                if (otherName.split('/')[0] === folder) continue;
                for (const journey of other.model.journeys) {
                    expect(html.includes(`"${journey.id}"`), `${name} holds ${journey.id}`).toBe(false);
                    expect(html.includes(journey.title), `${name} holds ${journey.title}`).toBe(false);
                    for (const kpi of journey.kpis.filter(k => !k.shared && !ownKpis.has(k.id))) expect(html.includes(`"${kpi.id}"`), `${name} holds the KPI ${kpi.id}`).toBe(false);
                }
                for (const problem of other.problems ?? []) expect(html.includes(problem.message), `${name} holds ${problem.message}`).toBe(false);
            }
        }
        // The health-insurance example's data problems name case ids: they stay in its pages.
        const mutuelle = pages.get('mutuelle-sante/adhesion-actuel.html')!;
        expect(mutuelle.includes('ADH-2026-0041')).toBe(true);
        expect(pages.get('ecommerce/order-to-delivery-current.html')!.includes('ADH-2026-0041')).toBe(false);
    });

    it('is the map page without the other journeys: its data a small part of the old page', () => {
        const data = /id="journey-preview-data">([\s\S]*?)<\/script>/.exec(pages.get('mutuelle-sante/adhesion-actuel.html')!)![1];
        // 198 KB when every journey of the folder was embedded (the three examples).
        expect(data.length).toBeLessThan(80_000);
    });
});
