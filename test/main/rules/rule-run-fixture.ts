/**
 * A small workspace and rule pack for the rule-run tests: one Okta tenant of generated events
 * (plus the export tests' hostile ones), a detection rule whose title and author begin with
 * formula characters, a correlation over it (group and measure), and on request a rule that
 * runs until it is cancelled (it loops through the reader's cancel point, so cancel stops it).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleHandlers } from '../../../main/api/rule-handlers.ts';
import { exportHandlers } from '../../../main/export/api-handlers.ts';
import { CANCEL_POINT_FUNCTION } from '../../../main/query/cancel-point.ts';
import type { StoreHost } from '../../../main/store-host/store-host.ts';
import { fillWorkspace, openExportWorkspace } from '../export/export-fixture.ts';

export const SESSION_RULE = `title: =Session started
id: 5e551011-0000-4000-8000-000000000001
name: session_start
author: "@analyst, 'quoted"
date: 2026-12-01
modified: 2026-12-05
level: low
logsource: {product: okta, service: okta}
detection:
  sel: {eventType: user.session.start}
  condition: sel
---
title: Many sessions for one actor
id: 5e551011-0000-4000-8000-000000000002
author: Trailkeeper tests
date: 2026-12-02
level: medium
correlation:
  type: event_count
  rules: [session_start]
  group-by: [actor]
  timespan: 6h
  generate: true
  condition: {gte: 15}
`;

export const SLOW_RULE = `title: Runs until cancelled
id: 5e551011-0000-4000-8000-000000000003
author: Trailkeeper tests
date: 2026-12-03
logsource: {product: okta}
sql: |
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000000000 AND ${CANCEL_POINT_FUNCTION}())
  SELECT i FROM n WHERE i < 0
`;

export function writePack(dir: string, opts: { slow?: boolean } = {}): string {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a_session.yml'), SESSION_RULE);
  if (opts.slow) writeFileSync(join(dir, 'b_slow.yml'), SLOW_RULE);
  return dir;
}

export interface RuleWorkspace {
  store: StoreHost;
  rules: ReturnType<typeof ruleHandlers>;
  exports: ReturnType<typeof exportHandlers>;
  workspacePath: string;
}

/** A workspace filled with `events` generated events, and the rule and export handlers over `packDir`. */
export async function openRuleWorkspace(dir: string, packDir: string, events = 2000): Promise<RuleWorkspace> {
  const workspacePath = join(dir, 'workspace.trailkeeper');
  const { store, handlers } = await openExportWorkspace(workspacePath);
  await fillWorkspace(store, events);
  return { store, rules: ruleHandlers(store, packDir, `${workspacePath}.rules`), exports: handlers, workspacePath };
}

export const ALL = { scope: { kind: 'all' as const }, range: { from: null, to: null }, query: '' };
