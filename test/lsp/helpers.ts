import { URI, type LangiumDocument } from 'langium';
import { EmptyFileSystem } from 'langium';
import type { Position } from 'vscode-languageserver';
import { createJourneyServices } from '../../src/language/journey-module.js';

/** A shared catalog, as in a real workspace: channels, personas, teams and a data source. */
export const CATALOG = `// Catalogue
channel Web "Site web" online
channel Courrier "Courrier postal" offline
persona Assure "Assuré"
team Gestion "Service gestion"
team LoveTeam "Équipe parcours"
`;

export const ADHESION = `journey Adhesion "Adhésion" {
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
  kpi CartesJ1 "Cartes envoyées à J+1" {
    measures share(EnvoiCarte within J+1 of Signature)
    target >= 95%
  }
}
`;

export const TARGET = `journey AdhesionCible "Adhésion cible" {
  state target
  improves Adhesion
  stage Carte {
    touchpoint Dematerialisee "Carte dans l'application" via Web
  }
  track Adhesion.CartesJ1
}

// A catalog KPI: it may measure any journey.
kpi Delai {
  measures duration(Adhesion.Signature to Adhesion.EnvoiCarte)
  target <= 24 hours
}
`;

export type Workspace = Awaited<ReturnType<typeof workspaceOf>>;

/** Builds an in-memory workspace (`/ws/<name>`) with every editor service of the journey language. */
export async function workspaceOf(files: Record<string, string>) {
    const { shared, Journey } = createJourneyServices(EmptyFileSystem);
    // As in the editor (the language server shows notation hints; `journey check` does not).
    Journey.JourneySettings.checkSeverity['non-standard-notation'] = 'hint';
    const documents: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        const document = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`file:///ws/${name}`));
        shared.workspace.LangiumDocuments.addDocument(document);
        documents[name] = document;
    }
    await shared.workspace.DocumentBuilder.build(Object.values(documents), { validation: true });
    const doc = (name: string) => {
        const document = documents[name];
        if (!document) throw new Error(`no test file ${name}`);
        return document;
    };
    return {
        shared, services: Journey, doc,
        uri: (name: string) => doc(name).uri.toString(),
        /** The position of the `nth` `needle` in file `name`, `delta` characters into it. */
        at(name: string, needle: string, delta = 0, nth = 1): Position {
            const text = doc(name).textDocument.getText();
            let index = -1;
            for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
            if (index < 0) throw new Error(`'${needle}' not found in ${name}`);
            return doc(name).textDocument.positionAt(index + delta);
        },
        text: (name: string) => doc(name).textDocument.getText()
    };
}

/** Position right after the `nth` `needle`. */
export function after(workspace: Workspace, name: string, needle: string, nth = 1): Position {
    return workspace.at(name, needle, needle.length, nth);
}

/** Applies LSP text edits to a text (edits must not overlap). */
export function applyEdits(text: string, edits: Array<{ range: { start: Position; end: Position }; newText: string }>): string {
    const offsets = (position: Position) => {
        const lines = text.split('\n');
        let offset = 0;
        for (let line = 0; line < position.line; line++) offset += lines[line].length + 1;
        return offset + position.character;
    };
    return [...edits]
        .map(edit => ({ start: offsets(edit.range.start), end: offsets(edit.range.end), text: edit.newText }))
        .sort((a, b) => b.start - a.start)
        .reduce((result, edit) => result.slice(0, edit.start) + edit.text + result.slice(edit.end), text);
}
