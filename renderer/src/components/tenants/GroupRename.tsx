/** Renames a group on every tenant carrying it (merging into a group of the new name if one exists). */
import { useState } from 'react';
import { useAppStore } from '../../state/store.ts';
import { useTenantAdmin } from '../../state/tenantAdmin.ts';

export function GroupRename() {
  const groups = useAppStore((s) => s.groups);
  const renameGroup = useTenantAdmin((s) => s.renameGroup);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  if (groups.length === 0) return <p className="muted">No groups yet: add a group name to a tenant below to create one.</p>;
  const chosen = groups.includes(from) ? from : groups[0]!;
  return (
    <form
      className="group-rename"
      onSubmit={(e) => {
        e.preventDefault();
        if (to.trim() === '' || to.trim() === chosen) return;
        void renameGroup(chosen, to.trim());
        setTo('');
      }}
    >
      <label>
        Rename group
        <select className="control" aria-label="Group to rename" data-testid="group-rename-from" value={chosen} onChange={(e) => setFrom(e.target.value)}>
          {groups.map((g) => (
            <option key={g} value={g}>{g}</option>
          ))}
        </select>
      </label>
      <label>
        to
        <input className="control" aria-label="New group name" data-testid="group-rename-to" maxLength={200} value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <button type="submit" className="control" data-testid="group-rename-apply" disabled={to.trim() === '' || to.trim() === chosen}>
        Rename
      </button>
    </form>
  );
}
