/**
 * Where an import goes, as both Import dialogs ask it: the first tenant is chosen, "New tenant…"
 * shows the name field, only a new tenant is created (under the name given) before importing,
 * and a forced source kind goes with the import.
 */
import { act } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeTenant } from '../../support/fake-api.ts';
import { byTestId, render, type Rendered } from './render.ts';

const created = vi.hoisted(() => ({ names: [] as string[] }));
vi.mock('../../../renderer/src/api/client.ts', () => ({
  api: {
    'tenants.create': async (input: { name: string }) => {
      created.names.push(input.name);
      return { id: 99 };
    },
  },
}));
const state = { tenants: [fakeTenant({ id: 4, name: 'Incident 9' }), fakeTenant({ id: 5, name: 'Incident 10' })] };
vi.mock('../../../renderer/src/state/store.ts', () => ({
  useAppStore: (select: (s: typeof state) => unknown) => select(state),
}));

const { ImportTargetFields, importInto, useImportTarget } = await import('../../../renderer/src/components/ImportTargetFields.tsx');
type Target = ReturnType<typeof useImportTarget>;

let target: Target | null = null;
function Harness() {
  target = useImportTarget();
  return <ImportTargetFields target={target} disabled={false} newTenantPlaceholder="e.g. Incident 42" />;
}

let view: Rendered | null = null;
beforeEach(() => {
  created.names = [];
});
afterEach(async () => {
  await view?.unmount();
  view = null;
});
const el = (id: string) => byTestId(view!.container, id);
const choose = (id: string, value: string) =>
  act(async () => {
    const select = el(id) as HTMLSelectElement;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  });

describe('ImportTargetFields', () => {
  it('starts at the first tenant and imports into it without creating one', async () => {
    view = await render(<Harness />);
    expect((el('import-tenant') as HTMLSelectElement).value).toBe('4');
    expect(el('import-new-tenant')).toBeNull();
    await choose('import-tenant', '5');
    await choose('import-source', 'okta');
    expect(await importInto(target!, 'unused')).toEqual({ tenantId: 5, sourceKind: 'okta' });
    expect(created.names).toEqual([]);
  });

  it('"New tenant…" asks for a name and creates that tenant', async () => {
    view = await render(<Harness />);
    await choose('import-tenant', 'new');
    const name = el('import-new-tenant') as HTMLInputElement;
    expect(name.placeholder).toBe('e.g. Incident 42');
    expect(target!.creatingTenant).toBe(true);
    expect(await importInto(target!, 'Case 7')).toEqual({ tenantId: 99 }); // no source forced: detected from the file
    expect(created.names).toEqual(['Case 7']);
  });
});
