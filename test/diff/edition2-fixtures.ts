/**
 * A journey before and after a pull request that touches every fact of the language's second
 * edition: the customer's voice, a stage's emotion and moment of truth, emotion words, ranges and
 * conditions, research, segments and `for`, roles, organisations and `by`, tags, survey details,
 * `per` breakdowns, durations between stages, baselines and alert thresholds, timings and
 * deadlines, outcomes and loops, `only if`, `optional` and a stage's order.
 */
export const EDITION2_CATALOG = `channel Web "Site web" online
channel Courrier "Courrier postal" offline
persona Emprunteur "Emprunteur"
segment GrandsComptes "Grands comptes"
segment Jeunes "Jeunes actifs"
team Credit "Service crédit"
role Conseiller "Conseiller en agence"
organisation Assureur "Assureur emprunteur"
organisation Notaire "Étude notariale"
tags Famille "Famille d'interaction" { Acces "Accès" Usage "Usage" }
source Avis "Avis des clients" survey "avis.csv" {
  column respondent_type "profil"
  column device "appareil"
}
`;

export const EDITION2_BASE = `journey Pret "Demande de prêt" {
  persona Emprunteur
  owner Credit
  goal "Acheter avant l'été"
  expects "Une réponse en une semaine"
  research "Entretiens avec des emprunteurs" sample 12
  research "Enquête en ligne" link "https://example.org/v1"
  stage Preparer "Préparer le dossier" {
    emotion -1 "inquiétude"
    thinks "Quels papiers faut-il ?"
    pain "Liste des pièces introuvable" severity high
    touchpoint Liste "Liste des pièces" via Web by Conseiller {
      timing 3 to 6 months before Signature
      emotion -1
      emotion -2 "angoisse" if "le dossier est incomplet"
      says "Je ne sais pas quoi envoyer"
      for GrandsComptes
      tagged Famille.Acces
    }
    touchpoint Envoi "Envoi du dossier" via Web {
      deadline 1 month after Liste
      only if "le client a un apport"
      outcome Complet "complet" leads to Etude
      outcome Incomplet "incomplet" leads to Liste
    }
  }
  stage Instruction "Instruction" {
    order any
    touchpoint Etude "Étude du dossier" via Courrier by Assureur {
      timing every 2 weeks
    }
    touchpoint Relance "Relance du client" via Courrier {
      optional
      timing any time during Instruction
    }
  }
  stage Cloture "Clôture" {
    order parallel
    touchpoint Signature "Signature de l'offre" via Courrier by Notaire
    touchpoint Archivage "Archivage" via Courrier
  }
  kpi Delai "Délai entre la préparation et l'instruction" {
    measures duration(Preparer to Instruction) median
    unit days
    target <= 3 days warning 4 days
    baseline 5 days in 2026-01
    threshold 6 days
  }
  kpi Satisfaction "Satisfaction des emprunteurs" {
    measures csat per device
    mode cold
    collected via "questionnaire en ligne"
    respondent "acheteur"
    question "Êtes-vous satisfait de votre prêt ?"
    target >= 80%
    baseline 70% in 2026-01
    data Avis
  }
}
`;

export const EDITION2_HEAD = `journey Pret "Demande de prêt" {
  persona Emprunteur
  owner Credit
  goal "Emménager avant la rentrée"
  expects "Une réponse en une semaine"
  expects "Un seul interlocuteur"
  thinks "Vont-ils me prêter ?"
  says "J'ai dû appeler deux fois"
  research "Entretiens avec des emprunteurs" sample 18
  research "Enquête en ligne" link "https://example.org/v2"
  stage Preparer "Préparer le dossier" {
    order any
    moment of truth
    emotion -2 to -1 "angoisse"
    thinks "Quels papiers faut-il vraiment ?"
    pain "Liste des pièces introuvable" severity critical
    opportunity "Une liste des pièces en ligne"
    touchpoint Liste "Liste des pièces" via Web by Assureur {
      timing 6 to 12 months before Signature
      emotion -1
      emotion -1 "gêne" if "le dossier est incomplet"
      says "Je ne sais toujours pas quoi envoyer"
      for GrandsComptes, Jeunes
      tagged Famille.Usage
    }
    touchpoint Envoi "Envoi du dossier" via Web {
      deadline 1 months  after  Liste
      optional
      outcome Complet "complet" leads to Etude
      outcome Incomplet "incomplet" leads to Relance
      outcome Abandon "abandon" leads to Liste
    }
  }
  stage Instruction "Instruction" {
    order parallel
    touchpoint Etude "Étude du dossier" via Courrier by Assureur {
      timing every 2 weeks
    }
    touchpoint Relance "Relance du client" via Courrier {
      only if "le dossier est incomplet"
      timing any time during Preparer
    }
  }
  stage Cloture "Clôture" {
    touchpoint Signature "Signature de l'offre" via Courrier by Notaire
    touchpoint Archivage "Archivage" via Courrier
  }
  kpi Delai "Délai entre la préparation et l'instruction" {
    measures duration(Preparer to Cloture) median
    unit days
    target <= 2.5 days warning 3.5 days
    baseline 5 days in 2026-03
    threshold 7 days
  }
  kpi Satisfaction "Satisfaction des emprunteurs" {
    measures csat per respondent_type
    mode hot
    collected via "entretien téléphonique"
    respondent "utilisateur"
    question "Recommanderiez-vous notre prêt ?"
    target >= 80%
    baseline 75% in 2026-01
    threshold 60%
    data Avis
  }
}
`;
