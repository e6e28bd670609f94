// Generates the small, realistic data files of the example workspaces (examples/*/data/):
// event logs, survey answers and series, in CSV (French `;` exports included), JSON lines and
// Parquet. Deterministic (seeded), so the files only change when this script does.
//
//   node scripts/generate-example-data.mjs
import { mkdirSync, writeFileSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DuckDBInstance } from '@duckdb/node-api';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'examples');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** mulberry32: a tiny seeded generator. */
function random(seed) {
    let a = seed;
    return () => {
        a |= 0; a = (a + 0x6d2b79f5) | 0;
        let t = Math.imul(a ^ (a >>> 15), 1 | a);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
const rnd = random(20260315);
const chance = p => rnd() < p;
const between = (min, max) => min + rnd() * (max - min);
const pick = list => list[Math.floor(rnd() * list.length)];
const stamp = ms => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const day = ms => new Date(ms).toISOString().slice(0, 10);
/** Office hours: moves a time to 9:00–18:00 on a weekday. */
function officeHours(ms) {
    let date = new Date(ms);
    while (date.getUTCDay() === 0 || date.getUTCDay() === 6) date = new Date(date.getTime() + DAY);
    const hour = date.getUTCHours();
    if (hour < 9 || hour >= 18) date = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 9 + Math.floor(rnd() * 8), Math.floor(rnd() * 60)));
    return date.getTime();
}
function write(workspace, file, text) {
    const target = path.join(root, workspace, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
}
const csv = (header, rows, sep = ',') => [header.join(sep), ...rows.map(r => r.join(sep))].join('\n') + '\n';
const jsonl = rows => rows.map(r => JSON.stringify(r)).join('\n') + '\n';

// ------------------------------------------------------------------ mutuelle santé
{
    const events = [];
    const answers = [];
    const effort = [];
    const start = Date.UTC(2026, 0, 5);
    for (let c = 1; c <= 420; c++) {
        const dossier = `ADH-2026-${String(c).padStart(4, '0')}`;
        let t = start + Math.floor(rnd() * 172) * DAY + between(8, 22) * HOUR;
        const online = chance(0.8);
        events.push([dossier, online ? 'DEVIS_EN_LIGNE' : 'RDV_AGENCE', stamp(t), online ? 'SiteWeb' : 'Agence']);
        if (online && chance(0.7)) events.push([dossier, 'RAPPEL_CONSEILLER', stamp(officeHours(t + between(6, 110) * HOUR)), 'Telephone']);
        if (!chance(0.42)) continue;
        t = officeHours(t + between(1, 10) * DAY);
        events.push([dossier, 'PIECES_RECUES', stamp(t), pick(['Courriel', 'Courrier'])]);
        if (chance(0.22)) continue;
        t = t + between(2, 120) * HOUR;
        events.push([dossier, 'SIGNATURE', stamp(t), online ? 'SiteWeb' : 'Agence']);
        if (chance(0.6)) answers.push({ repondant: dossier, note: pick([5, 5, 4, 4, 4, 3, 2]), point_de_contact: 'Signature', date: day(t + 2 * HOUR), canal: 'Sms' });
        if (chance(0.55)) effort.push([dossier, pick([9, 8, 7, 6, 6, 5, 4, 3]), day(t), 'Justificatifs']);
        // Cards are printed in a batch on Thursdays (sometimes the Monday before a bank holiday).
        const signed = new Date(t);
        const toThursday = (4 - signed.getUTCDay() + 7) % 7 || (signed.getUTCHours() < 12 ? 0 : 7);
        const printed = Date.UTC(signed.getUTCFullYear(), signed.getUTCMonth(), signed.getUTCDate() + toThursday, 16, 30);
        events.push([dossier, 'CARTE_ENVOYEE', stamp(chance(0.15) ? t + between(14, 30) * HOUR : printed), 'Courrier']);
        events.push([dossier, 'ESPACE_CREE', stamp(t + between(24, 72) * HOUR), 'EspaceAdherent']);
        if (!chance(0.6)) continue;
        const claim = officeHours(t + between(10, 40) * DAY);
        events.push([dossier, 'DEMANDE_REMBOURSEMENT', stamp(claim), pick(['EspaceAdherent', 'Courrier'])]);
        const paid = officeHours(claim + between(20, 140) * HOUR);
        events.push([dossier, 'PREMIER_REMBOURSEMENT', stamp(paid), 'EspaceAdherent']);
        if (chance(0.5)) answers.push({ repondant: dossier, note: pick([5, 4, 4, 3, 4, 5, 2]), point_de_contact: 'PremierRemboursement', date: day(paid + DAY), canal: 'Sms' });
    }
    events.sort((a, b) => a[2].localeCompare(b[2]));
    write('mutuelle-sante', 'data/dossiers.csv', csv(['dossier', 'evenement', 'horodatage', 'canal'], events, ';'));
    write('mutuelle-sante', 'data/avis-a-chaud.jsonl', jsonl(answers.sort((a, b) => a.date.localeCompare(b.date))));
    write('mutuelle-sante', 'data/effort-justificatifs.csv', csv(['repondant', 'note', 'date', 'point_de_contact'], effort.sort((a, b) => a[2].localeCompare(b[2])), ';'));
    // Waiting time on the phone, from the telephony platform, per ISO week.
    const weeks = Array.from({ length: 25 }, (_, i) => [`2026-W${String(i + 2).padStart(2, '0')}`, (12.5 - i * 0.25 + between(-1.5, 1.5)).toFixed(1).replace('.', ',')]);
    write('mutuelle-sante', 'data/attente-telephone.csv', csv(['semaine', 'minutes'], weeks, ';'));
    // Relational NPS, yearly online survey.
    const nps = [];
    for (const [year, promoters, detractors] of [[2025, 0.38, 0.22], [2026, 0.41, 0.17]]) {
        for (let i = 1; i <= 300; i++) {
            const r = rnd();
            const score = r < promoters ? pick([9, 10]) : r < promoters + detractors ? pick([2, 4, 5, 6, 6]) : pick([7, 8]);
            nps.push([`A${year}-${i}`, score, `${year}-11-${String(3 + (i % 20)).padStart(2, '0')}`]);
        }
    }
    write('mutuelle-sante', 'data/nps-relationnel.csv', csv(['respondent', 'score', 'date'], nps));
    // First-year cancellations per quarter: members at the start, members lost.
    const quarters = [['2025-Q3', 2410, 231], ['2025-Q4', 2480, 219], ['2026-Q1', 2500, 204], ['2026-Q2', 2555, 196], ['2026-Q3', 2610, 188]];
    write('mutuelle-sante', 'data/resiliations.csv', csv(['trimestre', 'adherents_debut', 'resiliations'], quarters, ';'));
    // Loyalty questionnaire at the first anniversary, 1 to 10.
    const loyalty = Array.from({ length: 160 }, (_, i) => ({ adherent: `F${i + 1}`, note: pick([10, 9, 9, 8, 8, 8, 7, 7, 6, 5, 3]), date: `${i < 80 ? 2025 : 2026}-10-${String(1 + (i % 28)).padStart(2, '0')}` }));
    write('mutuelle-sante', 'data/fidelite.jsonl', jsonl(loyalty));
    // Complaints, per entry channel.
    const complaints = [];
    for (let i = 1; i <= 640; i++) {
        const t = officeHours(Date.UTC(2026, 0, 2) + between(0, 180) * DAY);
        complaints.push([`REC-${i}`, 'RECLAMATION', stamp(t), pick(['Telephone', 'Telephone', 'Courriel', 'Courrier', 'EspaceAdherent', 'Agence'])]);
    }
    write('mutuelle-sante', 'data/reclamations.csv', csv(['reclamation', 'type', 'date_reception', 'canal'], complaints.sort((a, b) => a[2].localeCompare(b[2]))));
}

// ------------------------------------------------------------------ e-commerce (Parquet event log)
{
    const rows = [];
    const csat = [];
    const contacts = [];
    const start = Date.UTC(2026, 2, 2);
    for (let c = 1; c <= 3000; c++) {
        const session = `S${String(c).padStart(5, '0')}`;
        const channel = pick(['Website', 'Website', 'MobileApp']);
        let t = start + between(0, 90) * DAY;
        rows.push([session, 'product_view', t, channel]);
        if (!chance(0.34)) continue;
        t += between(1, 30) * 60_000;
        rows.push([session, 'add_to_cart', t, channel]);
        if (!chance(0.55)) continue;
        t += between(2, 40) * 60_000;
        rows.push([session, 'checkout_started', t, channel]);
        if (!chance(0.8)) continue;
        t += between(1, 8) * 60_000;
        rows.push([session, 'order_confirmed', t, channel]);
        // Picked in two waves; orders after 2 pm wait for the next day.
        const ordered = new Date(t);
        const shipDay = ordered.getUTCHours() < 14 ? 0 : 1;
        const shipped = Date.UTC(ordered.getUTCFullYear(), ordered.getUTCMonth(), ordered.getUTCDate() + shipDay + (chance(0.12) ? 1 : 0), 17);
        rows.push([session, 'shipped', shipped, 'Email']);
        const delivered = shipped + between(18, chance(0.1) ? 140 : 70) * HOUR;
        rows.push([session, 'delivered', delivered, pick(['Doorstep', 'PickupPoint'])]);
        if (chance(0.3)) csat.push([session, pick([5, 5, 4, 4, 4, 3, 2, 1]), day(delivered + DAY), 'Delivered']);
        if (chance(0.12)) contacts.push([`T${c}`, 'contact', stamp(delivered + between(2, 100) * HOUR), pick(['Phone', 'Email', 'LiveChat', 'LiveChat'])]);
    }
    const dir = path.join(root, 'ecommerce', 'data');
    mkdirSync(dir, { recursive: true });
    const staging = path.join(dir, 'events.staging.csv');
    writeFileSync(staging, csv(['session_id', 'event_name', 'event_time', 'channel'], rows.map(r => [r[0], r[1], new Date(r[2]).toISOString().slice(0, 19).replace('T', ' '), r[3]])));
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(`COPY (SELECT session_id, event_name, CAST(event_time AS TIMESTAMP) AS event_time, channel FROM read_csv('${staging}') ORDER BY event_time)
        TO '${path.join(dir, 'events.parquet')}' (FORMAT parquet)`);
    connection.closeSync();
    instance.closeSync();
    rmSync(staging);
    write('ecommerce', 'data/delivery-csat.csv', csv(['respondent', 'score', 'date', 'touchpoint'], csat.sort((a, b) => a[2].localeCompare(b[2]))));
    write('ecommerce', 'data/care-contacts.csv', csv(['ticket', 'type', 'received_at', 'channel'], contacts.sort((a, b) => a[2].localeCompare(b[2]))));
    const nps = [];
    for (const [quarter, month, promoters, detractors] of [['2026-Q1', '03', 0.44, 0.12], ['2026-Q2', '06', 0.47, 0.11]]) {
        for (let i = 1; i <= 250; i++) {
            const r = rnd();
            const score = r < promoters ? pick([9, 10]) : r < promoters + detractors ? pick([3, 5, 6]) : pick([7, 8]);
            nps.push({ respondent: `${quarter}-${i}`, score, date: `2026-${month}-${String(1 + (i % 28)).padStart(2, '0')}` });
        }
    }
    write('ecommerce', 'data/relationship-nps.jsonl', jsonl(nps));
    write('ecommerce', 'data/referrals.csv', csv(['month', 'orders', 'referred_orders'], [['2026-03', 5120, 174], ['2026-04', 5390, 199], ['2026-05', 5610, 221]]));
}

// ------------------------------------------------------------------ maison neuve (VEFA)
{
    const answers = [];
    const points = ['ContratReservation', 'SignatureNotaire', 'RemiseDesCles'];
    for (let i = 1; i <= 180; i++) {
        const touchpoint = pick(points);
        const date = day(Date.UTC(2025, 6, 1) + between(0, 330) * DAY);
        const scores = touchpoint === 'RemiseDesCles' ? [5, 4, 3, 3, 2, 4] : [5, 5, 4, 4, 3];
        answers.push([`ACQ-${String(i).padStart(3, '0')}`, pick(scores), date, touchpoint]);
    }
    write('maison-neuve', 'data/enquetes-a-chaud.csv', csv(['acquereur', 'note', 'date', 'etape'], answers.sort((a, b) => a[2].localeCompare(b[2])), ';'));
}
console.log('example data written under examples/*/data/');
