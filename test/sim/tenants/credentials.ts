/**
 * The simulator's fixed names and secrets: fake values that exist only here, so a test (or a
 * person trying the app against `npm run sim`) knows what to type into Connections.
 */
export const SIM = {
  okta: { org: 'acme', apiToken: '00simOktaApiToken0000000000000000000000000', oauthToken: 'simOktaOAuthAccessToken', noLogsToken: '00simOktaTokenWithoutLogRead000000000000000' },
  github: { org: 'acme-corp', enterprise: 'acme-ent', ownerToken: 'ghp_simOwnerToken000000000000000000000000', memberToken: 'ghp_simMemberToken00000000000000000000000' },
  entra: {
    tenantId: '8f1c7b52-5f5e-4c2a-9d55-3c7c1e0b9a11',
    clientId: 'b3a0d5e4-6c1f-4f0e-8a7d-2e9b5c4d3f21',
    clientSecret: 'sim~EntraClientSecret.0000000000000000',
    /** An app registration without AuditLog.Read.All: Graph answers 403. */
    unconsentedClientId: 'c4b1e6f5-7d2a-4a1f-9b8e-3f0c6d5e4a32',
  },
  portal: { slugs: ['acme', 'globex'] as const, adminTokens: { acme: 'portal-admin-acme-0000', globex: 'portal-admin-globex-0000' } as Record<string, string>, viewerToken: 'portal-viewer-acme-0000' },
  msp: {
    account: 'Northwind MSP',
    tokens: { Admin: 'msp-admin-token-0000', Supervisor: 'msp-supervisor-token-0000', Analyst: 'msp-analyst-token-0000' } as Record<string, string>,
    customers: [
      { id: 'cus_1001', slug: 'acme-health', name: 'Acme Health' },
      { id: 'cus_1002', slug: 'globex', name: 'Globex Corporation' },
      { id: 'cus_1003', slug: 'initech', name: 'Initech' },
    ],
    /** The customers the Supervisor account is assigned to. */
    supervisorAssigned: ['acme-health', 'initech'],
  },
} as const;
