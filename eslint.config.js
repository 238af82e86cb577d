import js from '@eslint/js';
import importX from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

/**
 * The layers, as import rules: each entry says which folders a folder must never import from.
 * Imports flow one way: common ← domain ← query/ingest ← store ← store-worker; the main thread
 * (api, server, electron, store-host) reaches SQLite only through the store host's messages, so
 * it never loads better-sqlite3. The renderer and the preload see only the neutral `common/`.
 */
const MAIN_LAYERS = [
  'api', 'cli', 'demo', 'domain', 'electron', 'export', 'ingest', 'intake', 'jobs', 'presets', 'query', 'rules', 'secrets',
  'server', 'store', 'store-host', 'store-worker', 'sync', 'sync-worker',
];
const mainExcept = (...allowed) => MAIN_LAYERS.filter((l) => !allowed.includes(l)).map((l) => `./main/${l}`);

const LAYERS = [
  { target: './common', from: ['./main', './preload', './renderer', './test'], why: 'common/ is shared by every process and imports none of them' },
  { target: './preload', from: ['./main', './renderer', './test'], why: 'the preload imports only common/' },
  { target: './renderer', from: ['./main', './preload', './test'], why: 'the renderer imports only common/ (the contract)' },
  { target: './main/domain', from: [...mainExcept('domain'), './preload', './renderer'], why: 'the domain imports only common/' },
  { target: './main/query', from: [...mainExcept('query', 'domain'), './preload', './renderer'], why: 'the query compiler imports only the domain and common/' },
  { target: './main/ingest', from: [...mainExcept('ingest', 'domain'), './preload', './renderer'], why: 'importers import only the domain and common/' },
  { target: './main/demo', from: [...mainExcept('demo', 'ingest', 'domain'), './preload', './renderer'], why: 'the demo is handed an import function; it never imports the store' },
  { target: './main/store', from: [...mainExcept('store', 'domain', 'query'), './preload', './renderer'], why: 'the store imports only the domain, the query compiler and common/' },
  { target: './main/store-worker', from: ['./main/api', './main/electron', './main/server', './main/store-host', './preload', './renderer'], why: 'the worker thread knows nothing of the main thread' },
  { target: './main/sync-worker', from: [...mainExcept('sync-worker', 'sync', 'ingest', 'domain'), './preload', './renderer'], why: 'the sync worker thread imports only sync, ingest, domain and common/' },
  { target: './main/store-host', from: [...mainExcept('store-host', 'store-worker'), './preload', './renderer'], why: 'the store host talks to its workers by message only' },
  { target: './main/jobs', from: ['./main/api', './main/electron', './main/server', './main/store', './main/store-worker', './preload', './renderer'], why: 'background jobs run on the main thread and reach SQLite through the store host' },
  { target: './main/rules', from: [...mainExcept('rules', 'domain', 'query'), './preload', './renderer'], why: 'the Sigma compiler imports only the domain, the query compiler and common/' },
  { target: './main/presets', from: [...mainExcept('presets', 'domain'), './preload', './renderer'], why: 'preset files import only common/' },
  { target: './main/secrets', from: [...mainExcept('secrets'), './preload', './renderer'], why: 'the key stores stand alone' },
  { target: './main/sync', from: ['./main/electron', './main/server', './main/cli', './main/store-worker', './preload', './renderer'], why: 'the sync engine runs on the main thread and writes through the store host' },
  { target: './main/intake', from: ['./main/electron', './main/server', './main/cli', './main/store', './main/store-worker', './preload', './renderer'], why: 'syslog intake writes through the store host' },
  { target: './main/export', from: ['./main/electron', './main/server', './main/cli', './preload', './renderer'], why: 'exports are shared by the worker, the API and the command line' },
  { target: './main/api', from: ['./main/electron', './main/server', './main/store', './main/store-worker', './preload', './renderer'], why: 'handlers run on the main thread and reach SQLite through the store host' },
  { target: './main/server', from: ['./main/electron', './main/store', './main/store-worker', './preload', './renderer'], why: 'the HTTP host runs on the main thread and reaches SQLite through the store host' },
  { target: './main/electron', from: ['./main/server', './main/store', './main/store-worker', './preload', './renderer'], why: 'the Electron shell reaches SQLite through the store host' },
  { target: './main', from: ['./test'], why: 'shipped code never imports tests' },
];

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
    files: ['common/**/*.ts', 'main/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
      // no-cycle parses each imported file: TypeScript files need the TypeScript parser.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: LAYERS.map(({ target, from, why }) => ({ target, from, message: `Layer rule: ${why}.` })) },
      ],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    // The security decisions must stay testable without an Electron binary (importing 'electron'
    // for real tries to download it): these modules may import Electron's types only.
    files: [
      'main/electron/{trusted-url,ipc-router,app-files,web-preferences,window-state,menu,permissions}.ts',
      'main/workspace-path.ts',
      'main/csp.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', allowTypeImports: true, message: 'Import Electron types only here; index.ts passes the real objects in.' }] },
      ],
    },
  },
  {
    files: ['main/electron/open-external.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
