#!/usr/bin/env node
// The `trailkeeper` bin: the built command (out/main/cli.js) when present, else its TypeScript
// source, which Node >= 22.18 runs by stripping types.
/* global URL */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const built = fileURLToPath(new URL('../../out/main/cli.js', import.meta.url));
await import(existsSync(built) ? pathToFileURL(built).href : new URL('./trailkeeper.ts', import.meta.url).href);
