/** One selection switches scope: all tenants, a group, or one tenant; several tenants (marked in the palette: Ctrl/Cmd+K, or "Several tenants…" here) show as one entry. */
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { buildScopeOptions, scopeFromValue, scopeToValue } from '../format/scopeOptions.ts';
import { useAppStore } from '../state/store.ts';
import { requestScopePalette } from './scopePaletteRequests.ts';

/** The picker's entry that opens the palette to mark several tenants (the select holds one value). */
const SEVERAL = 'several-tenants';

export function ScopePicker() {
  const { tenants, groups, scope, setScope } = useAppStore(
    useShallow((s) => ({ tenants: s.tenants, groups: s.groups, scope: s.scope, setScope: s.setScope })),
  );
  const options = useMemo(() => buildScopeOptions(tenants, groups), [tenants, groups]);
  return (
    <select
      className="control scope-picker"
      data-testid="scope-picker"
      aria-label="Scope"
      value={scopeToValue(scope)}
      onChange={(e) => (e.target.value === SEVERAL ? requestScopePalette() : setScope(scopeFromValue(e.target.value)))}
    >
      <option value={options.all.value}>{options.all.label}</option>
      {scope.kind === 'tenants' && scope.tenantIds.length > 1 && (
        <option value={scopeToValue(scope)}>
          {scope.tenantIds.length} tenants: {scope.tenantIds.map((id) => tenants.find((t) => t.id === id)?.name ?? `#${id}`).join(', ')}
        </option>
      )}
      {options.groups.length > 0 && (
        <optgroup label="Groups">
          {options.groups.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </optgroup>
      )}
      {options.tenants.length > 0 && (
        <optgroup label="Tenants">
          {options.tenants.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </optgroup>
      )}
      {options.tenants.length > 1 && <option value={SEVERAL}>Several tenants… (Ctrl+K)</option>}
    </select>
  );
}
