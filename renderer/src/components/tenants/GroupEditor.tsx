/**
 * A tenant's group labels: each with a button to remove it, and a box to add one with Enter (an
 * existing group from the list, or a new name, which creates the group). Leaving the box adds
 * nothing: a half-typed name is not a decision.
 */
import { useState } from 'react';
import type { Tenant } from '../../../../common/contract.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';

export const GROUPS_LIST_ID = 'tenant-groups-list';
const MAX_NAME = 200;

export function GroupEditor({ tenant }: { tenant: Tenant }) {
  const setGroups = useTenantAdmin((s) => s.setGroups);
  const [text, setText] = useState('');
  const add = () => {
    const name = text.trim();
    if (name === '' || name.length > MAX_NAME) return;
    setText('');
    if (!tenant.groups.includes(name)) void setGroups(tenant.id, [...tenant.groups, name]);
  };
  return (
    <div className="group-editor" data-testid="group-editor">
      {tenant.groups.map((g) => (
        <span key={g} className="group-chip" data-testid="group-chip">
          {g}
          <button
            type="button"
            className="chip-remove"
            aria-label={`Remove group ${g} from ${tenant.name}`}
            onClick={() => void setGroups(tenant.id, tenant.groups.filter((x) => x !== g))}
          >
            ×
          </button>
        </span>
      ))}
      <input
        className="control group-add"
        list={GROUPS_LIST_ID}
        aria-label={`Add a group to ${tenant.name} (a new name creates it)`}
        data-testid="group-add"
        placeholder="add group"
        maxLength={MAX_NAME}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            add();
          }
        }}
      />
    </div>
  );
}
