/**
 * Sigma YAML text → rules. A file may hold several documents (a correlation beside the rules it
 * references). Each document becomes a detection rule, a correlation rule, or an entry saying
 * why it cannot be used (invalid, or a construct this engine does not implement): never a rule
 * with part of its logic dropped.
 */
import { parseAllDocuments } from 'yaml';
import { InvalidRule, UnsupportedRule, type Cond } from './ast.ts';
import { parseCondition } from './condition.ts';
import { sourceKinds, type Logsource } from './logsource.ts';
import { selection } from './selection.ts';
import { parseCorrelation, type CorrelationSpec } from './correlation-spec.ts';

export interface RuleMeta {
  /** The rule's `id`, or its title when it has none (the spec's own examples). */
  id: string;
  name: string | null;
  title: string;
  level: string;
  author: string;
  /** `modified`, else `date`: what a finding records as the rule's version. */
  version: string;
  description: string;
  file: string;
}

export interface DetectionRule extends RuleMeta {
  kind: 'detection';
  sourceKinds: string[];
  cond: Cond;
}

export interface CorrelationRule extends RuleMeta {
  kind: 'correlation';
  spec: CorrelationSpec;
}

/**
 * Trailkeeper's own rule for what Sigma cannot say (distances, an actor's habits, history):
 * a documented SELECT of event ids over `events`, run on the read-only connection. The view
 * and the logsource's tenants limit which of those ids become findings.
 */
export interface SqlRule extends RuleMeta {
  kind: 'sql';
  sourceKinds: string[];
  sql: string;
}

export interface UnusableRule {
  kind: 'unsupported' | 'invalid';
  id: string;
  title: string;
  file: string;
  reason: string;
}

export type LoadedRule = DetectionRule | CorrelationRule | SqlRule | UnusableRule;

function text(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v);
}

function meta(doc: Record<string, unknown>, file: string): RuleMeta {
  const title = text(doc['title']);
  if (!title) throw new InvalidRule('the rule has no title');
  return {
    id: text(doc['id']) || title,
    name: doc['name'] === undefined ? null : text(doc['name']),
    title,
    level: text(doc['level']) || 'medium',
    author: text(doc['author']) || 'unknown',
    version: text(doc['modified']) || text(doc['date']) || '',
    description: text(doc['description']),
    file,
  };
}

function detectionRule(doc: Record<string, unknown>, m: RuleMeta): DetectionRule {
  const detection = doc['detection'];
  if (!detection || typeof detection !== 'object' || Array.isArray(detection)) throw new InvalidRule('the rule has no detection map');
  const det = detection as Record<string, unknown>;
  const condition = det['condition'];
  if (condition === undefined) throw new InvalidRule('the detection has no condition');
  if (det['timeframe'] !== undefined) throw new UnsupportedRule('detection timeframe (Sigma 1 aggregation) is not supported; use a correlation rule');
  const defs = new Map<string, Cond>();
  for (const [name, def] of Object.entries(det)) {
    if (name === 'condition') continue;
    defs.set(name, selection(name, def));
  }
  const conditions = Array.isArray(condition) ? condition : [condition];
  if (conditions.some((c) => typeof c !== 'string')) throw new InvalidRule('the condition must be text');
  const parsed = conditions.map((c) => parseCondition(c as string, defs));
  const kinds = sourceKinds(doc['logsource'] as Logsource | undefined);
  return { ...m, kind: 'detection', sourceKinds: kinds, cond: parsed.length === 1 ? parsed[0]! : { k: 'or', items: parsed } };
}

function oneDocument(doc: unknown, file: string): LoadedRule {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    return { kind: 'invalid', id: '', title: '', file, reason: 'a YAML document is not a map' };
  }
  const d = doc as Record<string, unknown>;
  const id = text(d['id']) || text(d['title']);
  const title = text(d['title']);
  try {
    if (d['action'] !== undefined) throw new UnsupportedRule(`rule collections (action: ${text(d['action'])}) are not supported`);
    if (d['filter'] !== undefined && d['detection'] === undefined) throw new UnsupportedRule('Sigma filter documents are not supported');
    const m = meta(d, file);
    if (d['correlation'] !== undefined) return { ...m, kind: 'correlation', spec: parseCorrelation(d['correlation']) };
    if (d['sql'] !== undefined) {
      if (typeof d['sql'] !== 'string' || !/^\s*(WITH|SELECT)\b/i.test(d['sql'])) throw new InvalidRule('sql must be one SELECT (or WITH … SELECT) of event ids');
      return { ...m, kind: 'sql', sourceKinds: sourceKinds(d['logsource'] as Logsource | undefined), sql: d['sql'] };
    }
    return detectionRule(d, m);
  } catch (e) {
    if (e instanceof UnsupportedRule) return { kind: 'unsupported', id, title, file, reason: e.message };
    if (e instanceof InvalidRule) return { kind: 'invalid', id, title, file, reason: e.message };
    throw e;
  }
}

/** Every document of one Sigma file. A YAML syntax error makes one invalid entry naming its line. */
export function loadSigma(source: string, file: string): LoadedRule[] {
  const docs = parseAllDocuments(source, { prettyErrors: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: LoadedRule[] = [];
  for (const doc of list) {
    if (doc.errors.length) {
      out.push({ kind: 'invalid', id: '', title: '', file, reason: `YAML: ${doc.errors[0]!.message.split('\n')[0]}` });
      continue;
    }
    const value = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (value === null || value === undefined) continue;
    out.push(oneDocument(value, file));
  }
  return out;
}
