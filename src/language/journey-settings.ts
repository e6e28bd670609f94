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

    severityOf(code: string, fallback: CheckSeverity): CheckSeverity {
        return this.checkSeverity[code] ?? fallback;
    }
}
