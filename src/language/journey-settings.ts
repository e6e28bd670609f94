import { DEFAULT_LOCALE, messages, resolveLocale, type Locale, type Messages } from './i18n/i18n.js';
import { DEFAULT_EMOTION_SCALE } from './model/kpi-semantics.js';

export type CheckSeverity = 'error' | 'warning' | 'info' | 'hint' | 'off';

/**
 * The user-adjustable part of validation (VS Code settings `journey.*`). The language server
 * updates it from the client's configuration; the CLI uses the defaults.
 */
export class JourneySettings {
    /** Scale for journeys that do not declare `emotion scale`. */
    emotionScale: { min: number; max: number } = { ...DEFAULT_EMOTION_SCALE };
    /** Severity overrides for the optional checks, by diagnostic code. */
    checkSeverity: Record<string, CheckSeverity> = {};

    /** The locale the client's user reads (LSP `initialize`'s `locale`), English when none. */
    clientLocale: Locale = DEFAULT_LOCALE;
    /** `journey.locale`: `auto` follows the client's locale. */
    localeSetting: Locale | 'auto' = 'auto';

    /** The language of every message: the `journey.locale` setting, else the client's, else English. */
    get locale(): Locale {
        return this.localeSetting === 'auto' ? this.clientLocale : this.localeSetting;
    }

    /** The messages of `locale`. */
    get messages(): Messages {
        return messages(this.locale);
    }

    /** The client's locale as LSP's `initialize` carries it (`fr`, `fr-CA`, `en-us`…). */
    setClientLocale(locale: string | undefined): void {
        this.clientLocale = resolveLocale(locale);
    }

    private readonly localeListeners: Array<(locale: Locale) => void> = [];

    /** Calls `listener` after the locale changed and the workspace was validated again (hosts refresh code lenses, previews). */
    onLocaleChange(listener: (locale: Locale) => void): void {
        this.localeListeners.push(listener);
    }

    localeChanged(): void {
        for (const listener of this.localeListeners) listener(this.locale);
    }

    severityOf(code: string, fallback: CheckSeverity): CheckSeverity {
        return this.checkSeverity[code] ?? fallback;
    }
}
