/** Which connector serves each connection kind (docs/design.md §5): the one place kinds meet code. */
import { SyncError, type Connector, type ConnectorKind } from './connector.ts';

export type ConnectorRegistry = ReadonlyMap<string, Connector>;

export const CONNECTOR_KINDS: readonly ConnectorKind[] = ['okta', 'github', 'entra', 'portal', 'msp'];

export function createRegistry(connectors: readonly Connector[]): ConnectorRegistry {
  return new Map(connectors.map((c) => [c.kind, c]));
}

export function connectorFor(registry: ConnectorRegistry, kind: string): Connector {
  const connector = registry.get(kind);
  if (!connector) throw new SyncError(`Trailkeeper has no connector for "${kind}" connections in this version.`);
  return connector;
}
