// Synthetic, realistic journey workspaces for the benchmarks (language, LSP, diff).
//
//   import { generateWorkspace, generateJourney, generateMermaidJourney } from './generate-workspace.mjs';
//   const info = generateWorkspace('/tmp/ws', { files: 100, touchpointsPerFile: 100, seed: 1 });
//
// Everything is deterministic for a given seed: same options, same bytes. Generated files check
// clean (`node bin/journey.js check <dir>` reports no diagnostic at all; with `infoPerFile`, one
// info per journey file): every reference resolves, every KPI has a measure and a target
// consistent with its direction and unit, every moment of truth is measured by a KPI of its journey.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/** mulberry32: a small seeded PRNG, enough for varied but reproducible text. */
export function createRandom(seed = 1) {
    let state = seed >>> 0;
    const next = () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    return {
        next,
        int: (min, max) => min + Math.floor(next() * (max - min + 1)),
        pick: items => items[Math.floor(next() * items.length)],
        chance: p => next() < p
    };
}

// ------------------------------------------------------------------ vocabulary

const CHANNELS = [
    ['Web', 'Site web', 'online'], ['App', 'Application mobile', 'online'], ['Email', 'E-mail', 'online'],
    ['Sms', 'SMS', 'online'], ['Chatbot', 'Assistant en ligne', 'online'], ['EspaceClient', 'Espace client', 'online'],
    ['Telephone', 'Téléphone', 'offline'], ['Agence', 'Agence', 'offline'], ['Courrier', 'Courrier postal', 'offline'],
    ['Magasin', 'Magasin', 'offline'], ['Salon', 'Salon professionnel', 'offline'], ['Visite', 'Visite à domicile', 'offline']
];
const PERSONAS = [
    ['Assure', 'Assuré particulier'], ['Famille', 'Famille avec enfants'], ['Senior', 'Retraité'], ['Etudiant', 'Étudiant'],
    ['Acheteur', 'Acheteur B2B'], ['Utilisateur', 'Utilisateur final'], ['Prospect', 'Prospect'], ['Entreprise', 'Dirigeant de PME']
];
const TEAMS = [
    ['LoveTeam', 'Équipe parcours client'], ['Marketing', 'Marketing'], ['Ventes', 'Ventes'], ['Gestion', 'Gestion des contrats'],
    ['ServiceClient', 'Service client'], ['Logistique', 'Logistique'], ['Informatique', 'Systèmes d\'information'],
    ['Juridique', 'Juridique'], ['Finance', 'Finance'], ['Qualite', 'Qualité']
];
/** Catalog KPIs, declared once and tracked by journeys. */
const CATALOG_KPIS = [
    ['NpsRelationnel', 'NPS relationnel', 'measures nps', 'mode cold', 'frequency quarterly', 'target >= 30 by 2027-06 warning 20'],
    ['CsatGlobal', 'Satisfaction globale', 'measures csat', 'unit %', 'mode hot', 'frequency monthly', 'target >= 80% warning 75%'],
    ['Attrition', 'Taux d\'attrition', 'measures churn', 'unit %', 'lower is better', 'frequency yearly', 'target <= 8%'],
    ['Retention', 'Taux de rétention', 'measures retention', 'unit %', 'target >= 92%'],
    ['Recommandation', 'Taux de recommandation', 'measures referral', 'unit %', 'target >= 5%'],
    ['Effort', 'Effort client (CES)', 'measures ces', 'lower is better', 'mode hot', 'target <= 3'],
    ['DelaiResolution', 'Délai de résolution des réclamations', 'measures resolution', 'unit hours', 'target <= 48 hours warning 72 hours']
];
const STAGES = [
    ['Besoin', 'Naissance du besoin'], ['Recherche', 'Recherche d\'information'], ['Comparaison', 'Comparaison des offres'],
    ['Devis', 'Demande de devis'], ['Souscription', 'Souscription'], ['Accueil', 'Accueil et bienvenue'],
    ['Livraison', 'Livraison'], ['Usage', 'Premier usage'], ['Support', 'Support et réclamations'],
    ['Renouvellement', 'Renouvellement'], ['Recommandation', 'Recommandation'], ['Fidelite', 'Fidélité']
];
const ACTIONS = [
    ['Visite', 'Visite du site'], ['Simulation', 'Simulation du tarif'], ['Formulaire', 'Formulaire en ligne'],
    ['Appel', 'Appel au conseiller'], ['Rdv', 'Rendez-vous en agence'], ['Signature', 'Signature électronique'],
    ['Paiement', 'Paiement sécurisé'], ['Confirmation', 'E-mail de confirmation'], ['Envoi', 'Envoi des documents'],
    ['Carte', 'Réception de la carte'], ['Relance', 'Relance par SMS'], ['Questionnaire', 'Questionnaire de satisfaction'],
    ['Reclamation', 'Dépôt d\'une réclamation'], ['Rappel', 'Rappel du service client'], ['Tutoriel', 'Tutoriel vidéo'],
    ['Notification', 'Notification dans l\'application'], ['Facture', 'Réception de la facture'], ['Avis', 'Dépôt d\'un avis'],
    ['Parrainage', 'Parrainage d\'un proche'], ['Chat', 'Discussion avec l\'assistant']
];
const PAINS = [
    'Formulaire de 40 champs', 'Temps d\'attente au téléphone', 'Pièces justificatives demandées deux fois',
    'Délai de réponse trop long', 'Informations contradictoires', 'Site lent sur mobile', 'Courrier reçu en retard',
    'Aucun suivi de la demande', 'Frais découverts à la fin'
];
const OPPORTUNITIES = [
    'Pré-remplir avec les données connues', 'Proposer un rappel immédiat', 'Envoyer un SMS de suivi',
    'Simplifier le vocabulaire', 'Signer en un clic'
];
const LANES = [
    ['customer action', 'Le client remplit le formulaire'], ['frontstage', 'Le conseiller confirme par téléphone'],
    ['backstage', 'La gestion vérifie le dossier'], ['support system', 'Outil de gestion des contrats'],
    ['evidence', 'Accusé de réception par e-mail']
];
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
const FREQUENCIES = ['daily', 'weekly', 'monthly'];

/** The formatter's canonical layout indents by two spaces; the code above writes four for readability. */
const canonicalIndent = lines => lines.map(line => line.replace(/^(?: {4})+/, lead => ' '.repeat(lead.length / 2))).join('\n') + '\n';
const quote = text => `"${text.replace(/["\\]/g, '\\$&')}"`;
const signedText = n => (n > 0 ? `+${n}` : String(n));

// ------------------------------------------------------------------ catalog

/** The catalog file: channels, personas, teams and catalog KPIs shared by every journey. */
export function catalogText() {
    const lines = ['// Catalog shared by every journey of the workspace.', ''];
    for (const [id, title, kind] of CHANNELS) lines.push(`channel ${id} ${quote(title)} ${kind}`);
    lines.push('');
    for (const [id, title] of PERSONAS) lines.push(`persona ${id} ${quote(title)} {`, `    description ${quote(`Profil ${title.toLowerCase()}`)}`, '}');
    lines.push('');
    for (const [id, title] of TEAMS) lines.push(`team ${id} ${quote(title)}`);
    lines.push('');
    for (const [id, title, ...body] of CATALOG_KPIS) {
        lines.push(`kpi ${id} ${quote(title)} {`, ...body.map(line => `    ${line}`), '}');
    }
    return canonicalIndent(lines);
}

// ------------------------------------------------------------------ journeys

/**
 * One journey's text. `touchpoints` are spread over stages of ~10; each stage gets one KPI of a
 * rotating kind (share with a J+1 window, duration, stage CSAT, conversion, abandonment, count,
 * touchpoint CES, channel NPS) and the moments of truth sit where a KPI measures them.
 */
function journeyText(random, { id, title, touchpoints, state, improves, tracked = [], perStage = 10, detail = 1, outline, firstWithoutChannel = false }) {
    const stageCount = Math.max(1, Math.ceil(touchpoints / perStage));
    const out = [];
    out.push(`journey ${id} ${quote(title)} {`);
    out.push(`    description ${quote(`Parcours ${title.toLowerCase()}, du besoin à la recommandation.`)}`);
    const personas = new Set([random.pick(PERSONAS)[0], random.pick(PERSONAS)[0]]);
    for (const persona of personas) out.push(`    persona ${persona}`);
    if (outline) outline.personas = [...personas];
    out.push(`    owner ${random.pick(TEAMS)[0]}`);
    out.push(`    state ${state}`);
    if (improves) out.push(`    improves ${improves}`);
    if (random.chance(0.2)) out.push('    emotion scale -2 to +2');
    const usedChannels = new Set();
    const kpis = [];
    let placed = 0;
    let previousStageId;
    for (let s = 0; s < stageCount; s++) {
        const count = Math.min(perStage, touchpoints - placed) || 1;
        placed += count;
        const [stageWord, stageTitle] = STAGES[s % STAGES.length];
        const stageId = `${stageWord}${s + 1}`;
        const names = [];
        for (let t = 0; t < count; t++) names.push(`${random.pick(ACTIONS)[0]}${s + 1}_${t + 1}`);
        // The KPI of this stage, and which touchpoints are its moments of truth.
        const kind = s % 8;
        const first = random.int(0, Math.max(0, count - 2));
        const last = Math.min(count - 1, first + random.int(1, 4));
        const moments = new Set();
        const kpiId = `K${s + 1}`;
        const owner = random.pick(TEAMS)[0];
        const frequency = random.pick(FREQUENCIES);
        const endpoints = count >= 2;
        switch (endpoints ? kind : 2) {
            case 0:
                kpis.push([`kpi ${kpiId}Delai "Part traitée à J+1 (${stageTitle})" {`, `measures share(${names[last]} within J+1 of ${names[first]})`,
                    'mode hot', `frequency ${frequency}`, `owner ${owner}`, 'target >= 95% by 2027-06 warning 90%']);
                moments.add(last);
                break;
            case 1:
                kpis.push([`kpi ${kpiId}Duree "Durée de l'étape ${stageTitle.toLowerCase()}" {`, `measures duration(${names[first]} to ${names[last]}) median`,
                    'unit hours', 'lower is better', `owner ${owner}`, `target <= ${random.int(24, 72)} hours warning ${random.int(80, 120)} hours`]);
                moments.add(last);
                break;
            case 2:
                kpis.push([`kpi ${kpiId}Csat "Satisfaction à l'étape ${stageTitle.toLowerCase()}" {`, 'measures csat', 'unit %', `scope stage ${stageId}`,
                    'mode hot', `frequency ${frequency}`, `target >= ${random.int(75, 90)}%`]);
                moments.add(random.int(0, count - 1));
                break;
            case 3:
                if (s > 0) {
                    kpis.push([`kpi ${kpiId}Conversion "Conversion vers ${stageTitle.toLowerCase()}" {`, `measures conversion(${previousStageId} to ${stageId})`,
                        `target >= ${random.int(40, 70)}%`]);
                    moments.add(0);
                } else {
                    kpis.push([`kpi ${kpiId}Appels "Appels à l'étape ${stageTitle.toLowerCase()}" {`, `measures count(${names[first]}) per channel`, 'target <= 500']);
                }
                break;
            case 4:
                kpis.push([`kpi ${kpiId}Abandon "Abandon entre ${names[first]} et ${names[last]}" {`, `measures abandonment(${names[first]} to ${names[last]})`,
                    `target <= ${random.int(10, 25)}% warning 30%`]);
                break;
            case 5:
                kpis.push([`kpi ${kpiId}Volume "Volume de ${names[first]}" {`, `measures count(${names[first]}) per channel`, `frequency ${frequency}`,
                    `target <= ${random.int(200, 2000)}`]);
                break;
            case 6:
                kpis.push([`kpi ${kpiId}Effort "Effort pour ${names[first]}" {`, 'measures ces', 'lower is better', `scope touchpoint ${names[first]}`,
                    `target <= ${random.int(2, 4)}`]);
                moments.add(first);
                break;
            case 7:
                kpis.push([`kpi ${kpiId}Nps "NPS du canal Web" {`, 'measures nps', 'mode cold', 'scope channel Web', `target >= ${random.int(20, 50)} points`]);
                usedChannels.add('Web');
                break;
        }
        previousStageId = stageId;
        out.push('');
        out.push(`    stage ${stageId} ${quote(stageTitle)} {`);
        const section = { title: stageTitle, touchpoints: [] };
        outline?.stages.push(section);
        if (random.chance(0.5)) out.push(`        owner ${random.pick(TEAMS)[0]}`);
        for (let t = 0; t < count; t++) {
            const action = ACTIONS.find(([word]) => names[t].startsWith(word)) ?? ACTIONS[0];
            const channels = [kind === 7 && t === 0 ? 'Web' : random.pick(CHANNELS)[0]];
            if (random.chance(0.15)) {
                const second = random.pick(CHANNELS)[0];
                if (second !== channels[0]) channels.push(second);
            }
            const by = random.chance(0.6 * detail) ? ` by ${random.pick(TEAMS)[0]}` : '';
            // The journey's first touchpoint (a stage whose KPI reads no channel), left without its
            // channel on request: a `missing-channel` info. The random draws are the same.
            const via = firstWithoutChannel && s === 0 && t === 0 ? '' : ` via ${channels.join(', ')}`;
            const head = `        touchpoint ${names[t]} ${quote(action[1])}${via}${by}`;
            const body = [];
            if (moments.has(t)) body.push('moment of truth');
            const emotion = random.chance(0.4 * detail) ? random.int(-2, 2) : undefined;
            if (emotion !== undefined) body.push(`emotion ${signedText(emotion)}`);
            let actors;
            if (random.chance(0.15 * detail)) body.push(`pain ${quote(random.pick(PAINS))} severity ${random.pick(SEVERITIES)}`);
            if (random.chance(0.08 * detail)) body.push(`opportunity ${quote(random.pick(OPPORTUNITIES))}`);
            if (random.chance(0.1 * detail)) {
                actors = [random.pick(PERSONAS)[0], random.pick(TEAMS)[0]];
                body.push(`actors ${actors.join(', ')}`);
            }
            section.touchpoints.push({ title: action[1], emotion, actors });
            if (random.chance(0.06 * detail)) {
                const [lane, text] = random.pick(LANES);
                body.push(`${lane} ${quote(text)}`);
            }
            if (random.chance(0.04 * detail)) body.push(`description ${quote(`${action[1]} : étape ${t + 1} de ${stageTitle.toLowerCase()}`)}`);
            if (body.length === 0) {
                out.push(head);
            } else {
                out.push(`${head} {`, ...body.map(line => `            ${line}`), '        }');
            }
        }
        out.push('    }');
    }
    for (const kpi of kpis) {
        out.push('', `    ${kpi[0]}`, ...kpi.slice(1).map(line => `        ${line}`), '    }');
    }
    if (tracked.length) out.push('');
    for (const kpi of tracked) out.push(`    track ${kpi}`);
    out.push('}');
    return canonicalIndent(out);
}

/**
 * A single journey with `touchpoints` touchpoints, self-contained (its own small catalog, so it
 * checks clean on its own). For the 10,000-touchpoint benchmark. `perStage` touchpoints per
 * stage (one KPI per stage); `detail` scales how often touchpoints carry an owner, emotion, pain
 * points, actors, lanes (1 = as in workspaces, 0 = bare one-line touchpoints).
 */
export function generateJourney(touchpoints, { seed = 1, id = 'GrandParcours', perStage = 10, detail = 1 } = {}) {
    const random = createRandom(seed);
    return catalogText() + '\n' + journeyText(random, {
        id, title: 'Grand parcours de souscription', touchpoints, state: 'current', tracked: ['NpsRelationnel', 'CsatGlobal'], perStage, detail
    });
}

/**
 * The Mermaid `journey` diagram equivalent to `generateJourney(touchpoints, options)`: one
 * section per stage, one task per touchpoint with its title, its emotion as Mermaid's 1–5 score
 * (−2..+2 shifted by 3; 3 when the touchpoint states none) and its actors (else the journey's
 * personas). Mermaid cannot express channels, owners, pain points or KPIs, so the text is
 * smaller than the journey's. `title: false` leaves out the title line: in Node, Mermaid
 * sanitises titles with DOMPurify, which needs a browser DOM.
 */
export function generateMermaidJourney(touchpoints, { seed = 1, title = true, perStage = 10, detail = 1 } = {}) {
    const outline = { personas: [], stages: [] };
    journeyText(createRandom(seed), {
        id: 'GrandParcours', title: 'Grand parcours de souscription', touchpoints, state: 'current', perStage, detail, outline
    });
    const lines = ['journey'];
    if (title) lines.push('    title Grand parcours de souscription');
    for (const stage of outline.stages) {
        lines.push(`    section ${stage.title}`);
        for (const task of stage.touchpoints) {
            lines.push(`      ${task.title}: ${(task.emotion ?? 0) + 3}: ${(task.actors ?? outline.personas).join(', ')}`);
        }
    }
    return lines.join('\n') + '\n';
}

/**
 * Writes a workspace into `dir` (emptied first): `catalog.journey` plus `files` journey files
 * under `journeys/`, each with about `touchpointsPerFile` touchpoints. Odd-numbered journeys are
 * target journeys that improve the previous (current) one, in another file; every journey
 * tracks catalog KPIs and references catalog channels, personas and teams.
 * `infoPerFile`: the same workspace, but each journey file has one diagnostic, an info (its
 * first touchpoint has no channel: `missing-channel`), as real drafts have.
 * Returns what was written (synchronously; awaiting the result works too).
 */
export function generateWorkspace(dir, { files = 100, touchpointsPerFile = 100, seed = 1, infoPerFile = false } = {}) {
    const random = createRandom(seed);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.join(dir, 'journeys'), { recursive: true });
    const written = [];
    let bytes = 0;
    const write = (relative, text) => {
        writeFileSync(path.join(dir, relative), text);
        written.push(relative);
        bytes += Buffer.byteLength(text);
    };
    write('catalog.journey', catalogText());
    const width = String(files).length;
    for (let i = 0; i < files; i++) {
        const number = String(i + 1).padStart(width, '0');
        const target = i % 2 === 1;
        const [, product] = STAGES[i % STAGES.length];
        const tracked = [CATALOG_KPIS[i % CATALOG_KPIS.length][0], CATALOG_KPIS[(i + 3) % CATALOG_KPIS.length][0]];
        write(`journeys/parcours-${number}.journey`, journeyText(random, {
            id: `Parcours${number}`,
            title: `${product} ${number}${target ? ' (cible)' : ''}`,
            touchpoints: touchpointsPerFile,
            state: target ? 'target' : 'current',
            improves: target ? `Parcours${String(i).padStart(width, '0')}` : undefined,
            tracked,
            firstWithoutChannel: infoPerFile
        }));
    }
    return { dir, files: written, bytes, journeys: files, touchpoints: files * touchpointsPerFile };
}

// `node bench/generate-workspace.mjs <dir> [files] [touchpointsPerFile] [seed]`
if (import.meta.url === `file://${process.argv[1]}`) {
    const [dir, files = '100', perFile = '100', seed = '1'] = process.argv.slice(2);
    if (!dir) {
        process.stderr.write('Usage: node bench/generate-workspace.mjs <dir> [files] [touchpointsPerFile] [seed]\n');
        process.exit(2);
    }
    const info = generateWorkspace(path.resolve(dir), { files: Number(files), touchpointsPerFile: Number(perFile), seed: Number(seed) });
    process.stdout.write(`${info.files.length} files, ${info.touchpoints} touchpoints, ${(info.bytes / 1e6).toFixed(2)} MB in ${info.dir}\n`);
}
