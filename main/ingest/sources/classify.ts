/**
 * The shape every per-source mapping table shares: an action name (or a prefix ending in '*')
 * to a category and an activity. An activity of null means "read it off the verb in the name",
 * which keeps the tables short without guessing the category.
 */
import type { Activity, Category } from '../../domain/event.ts';

export type ClassRule = readonly [pattern: string, category: Category, activity: Activity | null];

export interface EventClass {
  category: Category;
  activity: Activity;
}

const VERBS: ReadonlyArray<readonly [Activity, readonly string[]]> = [
  ['create', ['create', 'created', 'add', 'added', 'grant', 'granted', 'new', 'install', 'installed', 'invite',
    'invited', 'register', 'import', 'enroll', 'upload', 'generate', 'request', 'put', 'attach', 'allocate',
    'associate', 'run', 'copy', 'issue', 'approve', 'approved', 'authorize', 'consent']],
  ['delete', ['delete', 'deleted', 'remove', 'removed', 'revoke', 'revoked', 'destroy', 'destroyed', 'uninstall',
    'purge', 'erase', 'detach', 'terminate', 'deregister', 'disassociate', 'release', 'deauthorize', 'unassign']],
  ['update', ['update', 'updated', 'change', 'changed', 'modify', 'set', 'rename', 'replace', 'edit', 'enable',
    'disable', 'activate', 'deactivate', 'suspend', 'unsuspend', 'lock', 'unlock', 'reset', 'transfer', 'restore',
    'start', 'stop', 'reboot', 'tag', 'untag', 'apply', 'assign', 'resolve', 'dismiss', 'reopen', 'push', 'move']],
  ['read', ['read', 'get', 'list', 'describe', 'view', 'download', 'export', 'search', 'clone', 'fetch', 'head',
    'lookup', 'query', 'scan', 'select', 'preview', 'access', 'accessed']],
  ['login', ['login', 'logon', 'signin', 'authenticate', 'authentication', 'sso']],
  ['logout', ['logout', 'logoff', 'signout']],
];

const VERB_ACTIVITY = new Map<string, Activity>();
for (const [activity, words] of VERBS) for (const w of words) VERB_ACTIVITY.set(w, activity);

/** The activity named by the first verb among the words, or 'other'. */
export function activityFromWords(words: readonly string[]): Activity {
  for (const w of words) {
    const hit = VERB_ACTIVITY.get(w.toLowerCase());
    if (hit !== undefined) return hit;
  }
  return 'other';
}

/** Words of an action name: dots, underscores, dashes, spaces and camelCase humps all split. */
export function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w.length > 0);
}

/**
 * A lookup over one source's table. Exact names win; otherwise the longest matching prefix rule.
 * Results are cached per name because a source only ever uses a few hundred distinct actions.
 */
export function classifier(
  rules: readonly ClassRule[],
  fallback: (name: string) => EventClass,
  verbWords: (name: string) => string[] = (name) => wordsOf(name).reverse(),
): (name: string) => EventClass {
  const exact = new Map<string, ClassRule>();
  const prefixes: ClassRule[] = [];
  for (const rule of rules) {
    if (rule[0].endsWith('*')) prefixes.push(rule);
    else exact.set(rule[0], rule);
  }
  prefixes.sort((a, b) => b[0].length - a[0].length);
  const cache = new Map<string, EventClass>();

  return (name) => {
    const cached = cache.get(name);
    if (cached !== undefined) return cached;
    const rule = exact.get(name) ?? prefixes.find((r) => name.startsWith(r[0].slice(0, -1)));
    const result: EventClass = rule === undefined
      ? fallback(name)
      : { category: rule[1], activity: rule[2] ?? activityFromWords(verbWords(name)) };
    if (cache.size < 10_000) cache.set(name, result);
    return result;
  };
}
