// For the Langium generator, which runs before TypeScript compiles src/polyfills.ts (same shim).
if (typeof Object.groupBy !== 'function') {
    Object.groupBy = (items, keyOf) => {
        const groups = Object.create(null);
        let index = 0;
        for (const item of items) (groups[keyOf(item, index++)] ??= []).push(item);
        return groups;
    };
}
