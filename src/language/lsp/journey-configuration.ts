import { Cancellation, DefaultConfigurationProvider, DefaultWorkspaceManager, type BuildOptions, type ConfigurationInitializedParams, type WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken } from 'vscode-languageserver';
import { LOCALES, type Locale } from '../i18n/i18n.js';
import type { CheckSeverity, JourneySettings } from '../journey-settings.js';

const SEVERITIES = new Set<CheckSeverity>(['error', 'warning', 'info', 'hint', 'off']);

/** The `journey.*` settings as the client sends them (section `journey`). */
export interface JourneyConfiguration {
    emotionScale?: { min?: unknown; max?: unknown };
    severity?: Record<string, unknown>;
    locale?: unknown;
}

/** Copies the editor's `journey.*` settings into the validator's settings, ignoring invalid values. */
export function applyConfiguration(settings: JourneySettings, configuration: JourneyConfiguration | undefined, defaults: { min: number; max: number }): void {
    const min = configuration?.emotionScale?.min;
    const max = configuration?.emotionScale?.max;
    settings.emotionScale = Number.isInteger(min) && Number.isInteger(max) && (min as number) < (max as number)
        ? { min: min as number, max: max as number }
        : { ...defaults };
    const severities: Record<string, CheckSeverity> = {};
    for (const [code, severity] of Object.entries(configuration?.severity ?? {})) {
        if (SEVERITIES.has(severity as CheckSeverity)) severities[code] = severity as CheckSeverity;
    }
    settings.checkSeverity = severities;
    const locale = configuration?.locale;
    settings.localeSetting = typeof locale === 'string' && (LOCALES as readonly string[]).includes(locale) ? locale as Locale : 'auto';
}

/**
 * Feeds the `journey` configuration section (fetched at start-up with `workspace/configuration`,
 * then pushed by `workspace/didChangeConfiguration`) into every language's `JourneySettings`,
 * and re-validates the open workspace when it changes.
 */
export class JourneyConfigurationProvider extends DefaultConfigurationProvider {
    private readonly shared: LangiumSharedServices;
    private readonly defaults = new Map<JourneySettings, { min: number; max: number }>();
    /** Set once the start-up fetch is done: later updates come from the user. */
    private started = false;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    protected override updateSectionConfiguration(section: string, configuration: unknown): void {
        super.updateSectionConfiguration(section, configuration);
        if (section !== 'journey') return;
        const localeChanged: JourneySettings[] = [];
        for (const language of this.serviceRegistry.all) {
            const settings = (language as { JourneySettings?: JourneySettings }).JourneySettings;
            if (!settings) continue;
            if (!this.defaults.has(settings)) this.defaults.set(settings, { ...settings.emotionScale });
            const before = settings.locale;
            applyConfiguration(settings, configuration as JourneyConfiguration, this.defaults.get(settings)!);
            if (settings.locale !== before) localeChanged.push(settings);
        }
        if (this.started) {
            // Diagnostics are worded at validation (linking errors included): validating again rewords them.
            void this.revalidate().then(() => localeChanged.forEach(settings => settings.localeChanged()));
        }
    }

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        await super.initialized(params);
        this.started = true;
    }

    /** Settings change diagnostics everywhere: validate every document again. */
    private async revalidate(): Promise<void> {
        // The write lock queues this build after any running one; documents loaded later are validated when built.
        // Not cancellable: a later write (an edit, another setting) cancels the running one, which would
        // leave files that no edit touches with the diagnostics of the old settings (seen in VS Code after
        // switching journey.locale: the Problems panel kept English lines). A write queued meanwhile waits.
        const documents = this.shared.workspace.LangiumDocuments.all.toArray();
        await this.shared.workspace.WorkspaceLock.write(() => this.shared.workspace.DocumentBuilder.build(documents, { validation: true }, Cancellation.CancellationToken.None));
    }
}

/**
 * Validates the whole workspace at start-up (so the Problems panel lists every file, not only
 * the open ones), once the client's settings are known.
 */
export class JourneyWorkspaceManager extends DefaultWorkspaceManager {
    override initialBuildOptions: BuildOptions = { validation: true };
    private readonly configuration: LangiumSharedServices['workspace']['ConfigurationProvider'];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.configuration = services.workspace.ConfigurationProvider;
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken?: CancellationToken): Promise<void> {
        await this.configuration.ready;
        return super.initializeWorkspace(folders, cancelToken);
    }
}
