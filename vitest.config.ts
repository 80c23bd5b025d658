import { defineConfig } from 'vitest/config';

// Unit tests (pure core logic) and DOM tests (happy-dom with realistic portal HTML).
export default defineConfig({
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: ['test/unit/**/*.test.ts', 'test/dom/**/*.test.ts', 'test/dom/**/*.test.tsx'],
  },
});
