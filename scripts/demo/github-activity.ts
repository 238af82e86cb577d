/** Everyday life in one GitHub organisation: SSO, git traffic, membership, tokens, hooks, settings. */
import { GithubLog, type GhMember, type GhOrg } from './github-log.ts';
import type { Rng } from '../lib/prng.ts';
import { businessTime, DAY, HOUR, MINUTE, WINDOW_END, WINDOW_START, type OktaTenant } from './world.ts';

const REPOS = ['ledger-api', 'payments-gateway', 'risk-models', 'infra-terraform', 'web-portal', 'mobile-app',
  'data-pipeline', 'docs', 'fraud-detection', 'kyc-service', 'shared-libs', 'ci-templates'];

export const GIT_AGENT = 'git/2.45.2';

/** The org's members are the engineers of an Okta tenant, signing in through it with SAML. */
export function makeGithubOrg(rng: Rng, tenant: OktaTenant, name: string, owners: readonly string[]): GhOrg {
  const members: GhMember[] = tenant.people
    .filter((p, i) => owners.includes(p.displayName) || i % 2 === 0 || p.role === 'Super Administrator')
    .map((p) => ({
      person: p,
      login: `${p.first[0]}${p.last}-ff`.toLowerCase(),
      id: rng.int(1_000_000, 160_000_000),
      role: owners.includes(p.displayName) ? 'owner' : 'member',
      joinedAt: p.activeFrom,
      leftAt: p.activeTo,
    }));
  return {
    name,
    id: rng.int(60_000_000, 190_000_000),
    business: 'fabrikam-finance',
    businessId: rng.int(1_000, 90_000),
    repos: REPOS.map((r) => ({ name: `${name}/${r}`, id: rng.int(400_000_000, 900_000_000) })),
    members,
  };
}

function repoFields(repo: { name: string; id: number }): Record<string, unknown> {
  return { repo: repo.name, repo_id: repo.id, repository: repo.name, repository_id: repo.id, repository_public: false };
}

function userFields(m: GhMember): Record<string, unknown> {
  return { user: m.login, user_id: m.id };
}

export function gitTraffic(log: GithubLog, rng: Rng, m: GhMember, t: number, action: 'git.clone' | 'git.fetch' | 'git.push'): void {
  log.emit(t, m, action, {
    ...repoFields(rng.pick(log.org.repos)),
    programmatic_access_type: rng.chance(0.7) ? 'SSH key' : 'OAuth access token',
    transport_protocol: rng.chance(0.7) ? 2 : 1,
    transport_protocol_name: rng.chance(0.7) ? 'ssh' : 'http',
  }, { agent: GIT_AGENT });
}

export function everydayGithub(log: GithubLog, rng: Rng, sessions: number, tzHours: number): void {
  const org = log.org;
  const active = (t: number): GhMember[] => org.members.filter((m) => m.joinedAt <= t && m.leftAt > t);
  const owners = org.members.filter((m) => m.role === 'owner');
  const when = (fromDay = 1, toDay = 178): number =>
    businessTime(rng, tzHours, WINDOW_START + fromDay * DAY, WINDOW_START + toDay * DAY);

  for (let i = 0; i < sessions; i++) {
    const m = rng.pick(org.members);
    let t = businessTime(rng, tzHours, m.joinedAt, Math.min(m.leftAt, WINDOW_END) - 4 * HOUR);
    log.emit(t, m, 'org.sso_response', { saml_sso_response_status: 'success' });
    const git = rng.int(0, 4);
    for (let k = 0; k < git; k++) {
      t += rng.int(1, 50) * MINUTE + rng.int(0, 59_999);
      gitTraffic(log, rng, m, t, rng.weighted([['git.clone', 2], ['git.fetch', 3], ['git.push', 3]] as const));
    }
  }

  // Joiners are invited and accept; leavers are removed.
  for (const m of org.members) {
    if (m.joinedAt > WINDOW_START) {
      const t = businessTime(rng, tzHours, m.joinedAt - 3 * DAY, m.joinedAt - DAY);
      const owner = rng.pick(owners);
      log.emit(t, owner, 'org.invite_member', { ...userFields(m), invitee_email: m.person.email, permission: 'read' });
      log.emit(t + rng.int(1, 20) * HOUR, m, 'org.add_member', { ...userFields(m), permission: 'read' });
      log.emit(t + rng.int(21, 30) * HOUR, owner, 'team.add_member', { ...userFields(m), team: `${org.name}/engineering` });
    }
    if (m.leftAt < WINDOW_END) {
      log.emit(businessTime(rng, tzHours, m.leftAt, m.leftAt + DAY), rng.pick(owners), 'org.remove_member', { ...userFields(m), permission: 'read' });
    }
  }
  // Role changes: members promoted to owner (admin), one demoted again.
  for (let i = 0; i < 3; i++) {
    const t = when(10, 160);
    const m = rng.pick(active(t).filter((x) => x.role === 'member'));
    log.emit(t, rng.pick(owners), 'org.update_member', { ...userFields(m), old_permission: 'read', permission: 'admin' });
    if (i === 0) log.emit(t + rng.int(5, 12) * DAY, rng.pick(owners), 'org.update_member', { ...userFields(m), old_permission: 'admin', permission: 'read' });
  }
  for (let i = 0; i < 8; i++) {
    const t = when();
    const m = rng.pick(active(t));
    log.emit(t, rng.pick(owners), rng.chance(0.8) ? 'team.add_member' : 'team.remove_member',
      { ...userFields(m), team: `${org.name}/${rng.pick(['engineering', 'platform', 'data', 'security'])}` });
  }
  // Fine-grained personal access tokens: requested by a member, granted by an owner, some revoked.
  for (let i = 0; i < 5; i++) {
    const t = when(3, 170);
    const m = rng.pick(active(t));
    const token = { token_id: rng.int(1_000_000, 9_999_999), user_programmatic_access_name: rng.pick(['deploy-bot', 'release-notes', 'backfill', 'renovate-local']) };
    log.emit(t, m, 'personal_access_token.request_created', { ...token, permissions: { contents: 'read', metadata: 'read' } });
    log.emit(t + rng.int(1, 6) * HOUR, rng.pick(owners), 'personal_access_token.access_granted', { ...token, ...userFields(m) });
    if (i < 2) log.emit(t + rng.int(4, 20) * DAY, rng.pick(owners), 'personal_access_token.access_revoked', { ...token, ...userFields(m) });
  }
  // Webhooks and apps.
  const hookId = rng.int(400_000_000, 499_999_999);
  const hookDay = rng.int(12, 40);
  log.emit(when(hookDay, hookDay + 1), rng.pick(owners), 'hook.create', { hook_id: hookId, name: 'webhook', config: { url: 'https://ci.fabrikam-finance.example/hooks/github', content_type: 'json', insecure_ssl: '0' }, events: ['push', 'pull_request'], active: true });
  log.emit(when(hookDay + 30, hookDay + 60), rng.pick(owners), 'hook.config_changed', { hook_id: hookId, name: 'webhook', config: { url: 'https://ci.fabrikam-finance.example/hooks/github/v2', content_type: 'json', insecure_ssl: '0' }, config_was: { url: 'https://ci.fabrikam-finance.example/hooks/github' } });
  log.emit(when(150, 170), rng.pick(owners), 'hook.destroy', { hook_id: hookId, name: 'webhook' });
  for (const app of ['dependabot-preview', 'slack-github', 'snyk-security']) {
    log.emit(when(5, 150), rng.pick(owners), 'integration_installation.create', { integration: app, installation_id: rng.int(10_000_000, 60_000_000), repository_selection: 'all' });
  }
  log.emit(when(120, 170), rng.pick(owners), 'integration_installation.destroy', { integration: 'dependabot-preview' });
  // Repositories and their settings.
  for (let i = 0; i < 4; i++) {
    const repo = rng.pick(org.repos);
    log.emit(when(), rng.pick(owners), 'repo.create', { ...repoFields(repo), visibility: 'private' });
  }
  for (let i = 0; i < 6; i++) {
    const repo = rng.pick(org.repos);
    log.emit(when(), rng.pick(owners), rng.chance(0.3) ? 'protected_branch.create' : 'protected_branch.update',
      { ...repoFields(repo), branch: 'main', required_approving_review_count: rng.pick([1, 2]), enforce_admins: rng.chance(0.5) });
  }
  for (let i = 0; i < 8; i++) {
    const t = when();
    log.emit(t, rng.pick(active(t)), 'repository_vulnerability_alert.resolve',
      { ...repoFields(rng.pick(org.repos)), alert_number: rng.int(1, 300), severity: rng.pick(['low', 'moderate', 'high']) });
  }
  log.emit(when(30, 60), rng.pick(owners), 'org.update_default_repository_permission', { permission: 'read', old_permission: 'write' });
  log.emit(when(60, 90), rng.pick(owners), 'org.enable_two_factor_requirement', {});
  // Audit log streaming to the SIEM, and exports of the audit log.
  const streamDay = rng.int(4, 9);
  log.emit(when(streamDay, streamDay + 1), owners[0] as GhMember, 'audit_log_streaming.create', { audit_log_stream_sink: 'splunk', audit_log_stream_enabled: true });
  log.emit(when(70, 80), owners[0] as GhMember, 'audit_log_streaming.update', { audit_log_stream_sink: 'splunk', audit_log_stream_enabled: true, audit_log_stream_change: 'token rotated' });
  for (let i = 0; i < 2; i++) {
    log.emit(when(20, 170), rng.pick(owners), 'org.audit_log_export', { query_phrase: rng.pick(['action:repo', 'action:org.update_member', '']), format: rng.pick(['csv', 'json']) });
  }
}
