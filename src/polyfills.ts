/**
 * Langium 4.4 pulls chevrotain 13, which calls `Object.groupBy` (Node >= 21). The CLI, the
 * server and the VS Code extension host all run on Node 20, so every entry point imports this
 * file first. `scripts/polyfills.mjs` does the same for the Langium generator.
 */
type KeyOf<T, K> = (item: T, index: number) => K;

if (typeof (Object as { groupBy?: unknown }).groupBy !== 'function') {
    Object.defineProperty(Object, 'groupBy', {
        configurable: true,
        writable: true,
        value: function groupBy<T>(items: Iterable<T>, keyOf: KeyOf<T, PropertyKey>) {
            const groups: Record<PropertyKey, T[]> = Object.create(null);
            let index = 0;
            for (const item of items) {
                (groups[keyOf(item, index++)] ??= []).push(item);
            }
            return groups;
        }
    });
}

export {};
