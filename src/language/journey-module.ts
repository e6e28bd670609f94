import { inject, type Module } from 'langium';
import {
    createDefaultModule, createDefaultSharedModule, type DefaultSharedModuleContext, type LangiumServices,
    type LangiumSharedServices, type PartialLangiumServices, type PartialLangiumSharedServices
} from 'langium/lsp';
import { JourneyGeneratedSharedModule, JourneyLanguageGeneratedModule } from './generated/module.js';
import { journeyBatchModule, JourneyBatchSharedModule, type JourneyBatchOptions } from './journey-batch-module.js';
import { JourneyDocumentValidator, JourneyLinker, JourneyValidationRegistry } from './journey-diagnostics.js';
import { JourneyFormatter } from './journey-formatter.js';
import { JourneyNameProvider } from './journey-naming.js';
import { JourneyAstNodeDescriptionProvider, JourneyReferenceDescriptionProvider, JourneyScopeComputation, JourneyScopeProvider } from './journey-scope.js';
import { JourneySettings } from './journey-settings.js';
import { JourneyValidator, registerValidationChecks } from './journey-validator.js';
import { JourneyValueConverter } from './journey-value-converter.js';
import { registerNotationChecks } from './journey-notation.js';
import { JourneyLspModule, JourneySharedLspModule } from './lsp/journey-lsp-module.js';
import { KpiStatuses } from './lsp/kpi-statuses.js';

/** Services the journey language adds to Langium's. */
export type JourneyAddedServices = {
    JourneySettings: JourneySettings;
    /** The latest KPI results, shown by the code lens and hover; filled by the Node language server. */
    KpiStatuses: KpiStatuses;
    validation: {
        JourneyValidator: JourneyValidator;
    };
};

export type JourneyServices = LangiumServices & JourneyAddedServices;

export const JourneyModule: Module<JourneyServices, PartialLangiumServices & JourneyAddedServices> = {
    JourneySettings: () => new JourneySettings(),
    KpiStatuses: () => new KpiStatuses(),
    workspace: {
        AstNodeDescriptionProvider: (services) => new JourneyAstNodeDescriptionProvider(services),
        ReferenceDescriptionProvider: (services) => new JourneyReferenceDescriptionProvider(services)
    },
    parser: {
        ValueConverter: () => new JourneyValueConverter()
    },
    references: {
        NameProvider: () => new JourneyNameProvider(),
        ScopeComputation: (services) => new JourneyScopeComputation(services),
        ScopeProvider: (services) => new JourneyScopeProvider(services),
        Linker: (services) => new JourneyLinker(services)
    },
    validation: {
        ValidationRegistry: (services) => new JourneyValidationRegistry(services),
        DocumentValidator: (services) => new JourneyDocumentValidator(services),
        JourneyValidator: (services) => new JourneyValidator(services)
    },
    lsp: {
        Formatter: (services) => new JourneyFormatter(services.Grammar)
    }
};

/**
 * Creates the shared and the journey services. `context.connection` is given by the language
 * server; the CLI and tests pass a file system only. `batch`: the services of a command that
 * builds a workspace once (journey-batch-module.ts: lean parser, no reference index).
 * `shared`: what a host replaces among the shared services (the Node language server reads the
 * workspace from disk as `journey check` does).
 */
export function createJourneyServices(context: DefaultSharedModuleContext, options: {
    batch?: JourneyBatchOptions;
    shared?: Module<LangiumSharedServices, PartialLangiumSharedServices>;
} = {}): {
    shared: LangiumSharedServices;
    Journey: JourneyServices;
} {
    const { batch } = options;
    const overrides = options.shared ?? {};
    const shared = batch
        ? inject(createDefaultSharedModule(context), JourneyGeneratedSharedModule, JourneySharedLspModule, JourneyBatchSharedModule, overrides)
        : inject(createDefaultSharedModule(context), JourneyGeneratedSharedModule, JourneySharedLspModule, overrides);
    const Journey = batch
        ? inject(createDefaultModule({ shared }), JourneyLanguageGeneratedModule, JourneyModule, JourneyLspModule, journeyBatchModule(batch))
        : inject(createDefaultModule({ shared }), JourneyLanguageGeneratedModule, JourneyModule, JourneyLspModule);
    shared.ServiceRegistry.register(Journey);
    registerValidationChecks(Journey);
    registerNotationChecks(Journey, context.connection ? 'hint' : 'off');
    if (context.connection) {
        // The language the client's user reads (`journey.locale` may override it).
        shared.lsp.LanguageServer.onInitialize(params => Journey.JourneySettings.setClientLocale(params.locale));
    } else {
        // Without a client there is no configuration to wait for.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Journey };
}
