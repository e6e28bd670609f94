/**
 * Time relative to events in a reader's words, for the map and the hover: `6 to 12 months
 * before Separation` reads « 6 à 12 mois avant Séparation » in French, `every 2 weeks`
 * « toutes les 2 semaines ». The step named is shown by its title.
 */
import { messages, type Locale } from '../i18n/i18n.js';
import type { DeadlineModel, TimeOffsetModel, TimingModel } from './journey-model.js';

/** A step's title from its id (`Id` or `Journey.Id`); the id itself when unknown. */
export type StepTitle = (id: string) => string;

export function offsetWords(offset: TimeOffsetModel, locale: Locale): string {
    const m = messages(locale);
    if (/^[JD][+-]\d+$/.test(offset.text)) return offset.text;
    if (/^day\b/.test(offset.text)) return m.t('time.day', { day: offset.amount });
    if (offset.upTo !== undefined) return m.t('time.range', { from: offset.amount, to: offset.upTo, unit: offset.unit });
    return m.t('time.amount', { amount: offset.amount, unit: offset.unit });
}

export function timingWords(timing: TimingModel, locale: Locale, titleOf: StepTitle): string {
    const m = messages(locale);
    switch (timing.kind) {
        case 'every': return m.t('time.every', { count: timing.every, unit: timing.unit });
        case 'during': return m.t('time.during', { step: titleOf(timing.during) });
        case 'relative': return m.t('time.relative', { offset: offsetWords(timing.offset, locale), relation: timing.relation, step: titleOf(timing.event) });
    }
}

export function deadlineWords(deadline: DeadlineModel, locale: Locale, titleOf: StepTitle): string {
    return messages(locale).t('time.relative', { offset: offsetWords(deadline.offset, locale), relation: deadline.relation, step: titleOf(deadline.event) });
}
