import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // One checked wrapper may open external links (main/electron/open-external.ts).
      'no-restricted-properties': [
        'error',
        { object: 'shell', property: 'openExternal', message: 'Use openExternalSafely from main/electron/open-external.ts.' },
      ],
    },
  },
  {
    files: ['main/electron/open-external.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
