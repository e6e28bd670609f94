import type { Module } from 'langium';
import type { LangiumSharedServices, PartialLangiumServices, PartialLangiumSharedServices } from 'langium/lsp';
import { createParserOf, GuardedParser } from '../journey-parser.js';
import type { JourneyServices } from '../journey-module.js';
import { JourneyCodeActionProvider } from './journey-code-actions.js';
import { JourneyCodeLensProvider } from './journey-code-lens.js';
import { JourneyCompletionProvider } from './journey-completion.js';
import { JourneyConfigurationProvider, JourneyWorkspaceManager } from './journey-configuration.js';
import { JourneyDocumentBuilder } from './journey-document-builder.js';
import { JourneyDocumentLinkProvider } from './journey-document-links.js';
import { JourneyDocumentUpdateHandler } from './journey-document-update-handler.js';
import { JourneyIncrementalScopeProvider } from './journey-global-scope.js';
import { JourneyHoverProvider } from './journey-hover.js';
import { JourneyRenameProvider } from './journey-rename.js';
import { JourneySemanticTokenProvider } from './journey-semantic-tokens.js';
import { JourneyDocumentSymbolProvider, JourneyFuzzyMatcher, JourneyNodeKindProvider } from './journey-symbols.js';

/** The editor features of the journey language (the formatter is registered with the language). */
export const JourneyLspModule: Module<JourneyServices, PartialLangiumServices> = {
    parser: {
        // Huge, binary or foreign files get one clear error instead of blocking the server.
        LangiumParser: (services) => createParserOf(services, GuardedParser)
    },
    references: {
        // The language's scoping, with a global scope that is updated per document instead of rebuilt per edit.
        ScopeProvider: (services) => new JourneyIncrementalScopeProvider(services as JourneyServices)
    },
    lsp: {
        CompletionProvider: (services) => new JourneyCompletionProvider(services),
        HoverProvider: (services) => new JourneyHoverProvider(services as JourneyServices),
        RenameProvider: (services) => new JourneyRenameProvider(services as JourneyServices),
        DocumentSymbolProvider: () => new JourneyDocumentSymbolProvider(),
        SemanticTokenProvider: (services) => new JourneySemanticTokenProvider(services),
        CodeActionProvider: (services) => new JourneyCodeActionProvider(services as JourneyServices),
        CodeLensProvider: (services) => new JourneyCodeLensProvider(services as JourneyServices),
        DocumentLinkProvider: (services) => new JourneyDocumentLinkProvider(services)
    }
};

/** Workspace-wide services: settings from the client, start-up validation, builds of edits, symbol kinds. */
export const JourneySharedLspModule: Module<LangiumSharedServices, PartialLangiumSharedServices> = {
    lsp: {
        NodeKindProvider: () => new JourneyNodeKindProvider(),
        FuzzyMatcher: () => new JourneyFuzzyMatcher(),
        DocumentUpdateHandler: (services) => new JourneyDocumentUpdateHandler(services)
    },
    workspace: {
        DocumentBuilder: (services) => new JourneyDocumentBuilder(services),
        ConfigurationProvider: (services) => new JourneyConfigurationProvider(services),
        WorkspaceManager: (services) => new JourneyWorkspaceManager(services)
    }
};
