/** Small journey texts shared by the diff tests: a catalog and a journey with the J+1 KPI. */
import { buildWorkspace, type SourceFile } from '../../src/node/journey-workspace.js';
import type { WorkspaceModel } from '../../src/language/model/journey-model.js';

export const CATALOG = `channel Web "Site web" online
channel Courrier "Courrier postal" offline
channel Email "E-mail" online
channel Fax "Fax" offline
persona Assure "Assuré"
team LoveTeam "Love Team"
team Gestion "Gestion des contrats"
team Support "Support client"
kpi Nps "NPS relationnel" {
  measures nps
  target >= 30 by 2027-06
}
`;

export const ADHESION = `journey Adhesion "Adhésion à la mutuelle santé" {
  persona Assure
  owner LoveTeam
  state current
  stage Souscription "Souscription" {
    touchpoint Devis "Devis en ligne" via Web {
      emotion -1
      pain "Formulaire de 40 champs" severity high
    }
    touchpoint Signature "Signature électronique" via Web
  }
  stage Carte "Réception de la carte" {
    touchpoint EnvoiCarte "Envoi de la carte" via Courrier by Gestion {
      moment of truth
      emotion +2
    }
  }
  stage Support "Support" {
    touchpoint Appel "Appel au support" via Fax by Support
    touchpoint Relance "Relance par courrier" via Courrier by Support
  }
  track Nps
  kpi CartesJ1 "Cartes envoyées à J+1" {
    measures share(EnvoiCarte within J+1 of Signature)
    target >= 90%
  }
  kpi DelaiSupport "Délai de réponse du support" {
    measures duration(Appel to Relance)
    scope stage Support
    target <= 48 h
  }
}
`;

export async function modelOf(files: Record<string, string>): Promise<WorkspaceModel> {
    const sources: SourceFile[] = Object.entries(files).map(([path, text]) => ({ path, text }));
    return (await buildWorkspace(sources, '/ws')).model;
}
