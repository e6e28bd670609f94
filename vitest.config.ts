import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['./src/polyfills.ts'],
        testTimeout: 30_000,
        hookTimeout: 600_000,
        reporters: ['default']
    }
});
