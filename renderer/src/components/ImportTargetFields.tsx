/**
 * Where an import goes, asked the same way by both Import dialogs (browser upload, desktop files):
 * an existing tenant or a new one by name (made under "Imported files"), and the source kind, or
 * detection from the file. The dialog keeps the choice with useImportTarget and shows the fields.
 */
import { useState } from 'react';
import { IMPORT_SOURCE_KINDS, type ImportSourceKind, type Tenant } from '../../../common/contract.ts';
import { api } from '../api/client.ts';
import { useAppStore } from '../state/store.ts';

const NEW_TENANT = 'new';

export interface ImportTarget {
  tenants: readonly Tenant[];
  /** A tenant id as text, or NEW_TENANT. */
  tenantChoice: string;
  setTenantChoice(choice: string): void;
  newName: string;
  setNewName(name: string): void;
  sourceKind: ImportSourceKind | '';
  setSourceKind(kind: ImportSourceKind | ''): void;
  creatingTenant: boolean;
}

/** The choice starts at the first tenant, or at a new tenant when there is none. */
export function useImportTarget(): ImportTarget {
  const tenants = useAppStore((s) => s.tenants);
  const [tenantChoice, setTenantChoice] = useState<string>(tenants[0] ? String(tenants[0].id) : NEW_TENANT);
  const [newName, setNewName] = useState('');
  const [sourceKind, setSourceKind] = useState<ImportSourceKind | ''>('');
  return { tenants, tenantChoice, setTenantChoice, newName, setNewName, sourceKind, setSourceKind, creatingTenant: tenantChoice === NEW_TENANT };
}

/**
 * Where to import: the chosen tenant's id (creating the new tenant `newTenantName` first when one
 * is asked for) and the source kind when one is forced.
 */
export async function importInto(target: ImportTarget, newTenantName: string): Promise<{ tenantId: number; sourceKind?: ImportSourceKind }> {
  const tenantId = target.creatingTenant ? (await api['tenants.create']({ name: newTenantName, groups: [] })).id : Number(target.tenantChoice);
  return { tenantId, ...(target.sourceKind ? { sourceKind: target.sourceKind } : {}) };
}

export function ImportTargetFields({ target, disabled, newTenantPlaceholder }: { target: ImportTarget; disabled: boolean; newTenantPlaceholder: string }) {
  return (
    <>
      <label className="field">
        <span>Tenant</span>
        <select className="control" data-testid="import-tenant" disabled={disabled} value={target.tenantChoice} onChange={(e) => target.setTenantChoice(e.target.value)}>
          {target.tenants.map((t) => (
            <option key={t.id} value={String(t.id)}>
              {t.name} ({t.connectionLabel})
            </option>
          ))}
          <option value={NEW_TENANT}>New tenant…</option>
        </select>
      </label>
      {target.creatingTenant && (
        <label className="field">
          <span>New tenant name</span>
          <input
            className="control"
            data-testid="import-new-tenant"
            disabled={disabled}
            maxLength={200}
            placeholder={newTenantPlaceholder}
            value={target.newName}
            onChange={(e) => target.setNewName(e.target.value)}
          />
        </label>
      )}
      <label className="field">
        <span>Source</span>
        <select
          className="control"
          data-testid="import-source"
          disabled={disabled}
          value={target.sourceKind}
          onChange={(e) => target.setSourceKind(e.target.value as ImportSourceKind | '')}
        >
          <option value="">Detect from the file</option>
          {IMPORT_SOURCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
