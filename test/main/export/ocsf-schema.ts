/**
 * A validator over the OCSF schema source files in test/fixtures/ocsf (not a JSON Schema: the
 * schema's own `extends` chains, dictionary types, requirements, enums and `at_least_one`
 * constraints). It names every problem with its path. Profiles (`$include`) are not applied:
 * an attribute only a profile adds is reported as unknown.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../fixtures/ocsf/', import.meta.url));

interface AttrSpec {
  requirement?: string;
  type?: string;
  is_array?: boolean;
  enum?: Record<string, unknown>;
}
interface Def {
  name: string;
  uid?: number;
  extends?: string;
  attributes: Record<string, AttrSpec>;
  constraints?: { at_least_one?: string[] };
  category?: string;
}

const read = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as unknown;
const dictionary = (read(join(ROOT, 'dictionary.json')) as { attributes: Record<string, AttrSpec> }).attributes;
const categories = (read(join(ROOT, 'categories.json')) as { attributes: Record<string, { uid: number }> }).attributes;

function defsIn(dir: string): Def[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? defsIn(join(dir, e.name)) : e.name.endsWith('.json') ? [read(join(dir, e.name)) as Def] : [],
  );
}
const events = defsIn(join(ROOT, 'events'));
const objects = new Map(defsIn(join(ROOT, 'objects')).map((d) => [d.name, d]));

/** The attributes of a definition with its parents', the child's settings winning; dictionary types filled in. */
function resolve(def: Def, lookup: (name: string) => Def | undefined): { attrs: Record<string, AttrSpec>; atLeastOne: string[][] } {
  const chain: Def[] = [];
  for (let d: Def | undefined = def; d; d = d.extends ? lookup(d.extends) : undefined) chain.push(d);
  const attrs: Record<string, AttrSpec> = {};
  const atLeastOne: string[][] = [];
  for (const d of chain.reverse()) {
    for (const [k, v] of Object.entries(d.attributes)) {
      if (k === '$include') continue;
      attrs[k] = { ...dictionary[k], ...attrs[k], ...v, enum: { ...dictionary[k]?.enum, ...attrs[k]?.enum, ...v.enum } };
    }
    // A child's constraint replaces its parent's (network_endpoint's list replaces _entity's).
    if (d.constraints?.at_least_one) atLeastOne.splice(0, atLeastOne.length, d.constraints.at_least_one);
  }
  return { attrs, atLeastOne };
}

const PRIMITIVE: Record<string, (v: unknown) => boolean> = {
  integer_t: Number.isSafeInteger, long_t: Number.isSafeInteger, timestamp_t: Number.isSafeInteger, port_t: Number.isSafeInteger,
  float_t: (v) => typeof v === 'number', boolean_t: (v) => typeof v === 'boolean', json_t: () => true,
};

/** The schema compiler fills these enums per class (base_event lists only 0); checked in validateOcsfEvent. */
const IDS_CHECKED_APART = new Set(['$.class_uid', '$.category_uid', '$.type_uid']);

function checkValue(value: unknown, spec: AttrSpec, path: string, problems: string[]): void {
  if (spec.is_array) {
    if (!Array.isArray(value)) return void problems.push(`${path}: must be an array`);
    value.forEach((v, i) => checkValue(v, { ...spec, is_array: false }, `${path}[${i}]`, problems));
    return;
  }
  const type = spec.type ?? 'string_t';
  if (type === 'object') {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) problems.push(`${path}: must be an object`);
    return;
  }
  const object = objects.get(type);
  if (object) return checkObject(value, object, path, problems);
  if (!type.endsWith('_t')) return void problems.push(`${path}: type ${type} is not in the copied schema`);
  const ok = PRIMITIVE[type] ?? ((v: unknown) => typeof v === 'string');
  if (!ok(value)) problems.push(`${path}: ${JSON.stringify(value)} is not a ${type}`);
  if (spec.enum && Object.keys(spec.enum).length > 0 && !IDS_CHECKED_APART.has(path) && !Object.hasOwn(spec.enum, String(value))) {
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${Object.keys(spec.enum).join(', ')}`);
  }
}

function checkMembers(value: Record<string, unknown>, attrs: Record<string, AttrSpec>, atLeastOne: string[][], path: string, problems: string[]): void {
  for (const [k, spec] of Object.entries(attrs)) {
    if (spec.requirement === 'required' && value[k] === undefined) problems.push(`${path}.${k}: required`);
  }
  for (const group of atLeastOne) {
    if (!group.some((k) => value[k] !== undefined)) problems.push(`${path}: needs at least one of ${group.join(', ')}`);
  }
  for (const [k, v] of Object.entries(value)) {
    const spec = attrs[k];
    if (!spec) problems.push(`${path}.${k}: not an attribute here`);
    else checkValue(v, spec, `${path}.${k}`, problems);
  }
}

function checkObject(value: unknown, def: Def, path: string, problems: string[]): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problems.push(`${path}: must be a ${def.name} object`);
  const { attrs, atLeastOne } = resolve(def, (n) => objects.get(n));
  checkMembers(value as Record<string, unknown>, attrs, atLeastOne, path, problems);
}

/** A class's category: its own, or the one its parent class names (iam.json for authentication). */
function categoryOf(def: Def): string | undefined {
  for (let d: Def | undefined = def; d; d = d.extends ? events.find((e) => e.name === d!.extends) : undefined) {
    if (d.category !== undefined && d.category !== 'other') return d.category;
  }
  return undefined;
}

/** The problems with one OCSF event, each with its path; [] when it conforms. */
export function validateOcsfEvent(event: Record<string, unknown>): string[] {
  const classUid = event['class_uid'];
  const categoryUid = event['category_uid'];
  const def = events.find((d) => {
    const category = categoryOf(d);
    return d.uid !== undefined && category !== undefined && categories[category]!.uid * 1000 + d.uid === classUid;
  });
  if (!def) return [`class_uid ${String(classUid)} is not a class in the copied schema`];
  const problems: string[] = [];
  const category = categoryOf(def)!;
  if (categories[category]!.uid !== categoryUid) problems.push(`category_uid ${String(categoryUid)} is not ${category}'s`);
  const { attrs, atLeastOne } = resolve(def, (n) => events.find((d) => d.name === n));
  checkMembers(event, attrs, atLeastOne, '$', problems);
  if (event['type_uid'] !== (classUid as number) * 100 + (event['activity_id'] as number)) problems.push('$.type_uid: must be class_uid * 100 + activity_id');
  return problems;
}
