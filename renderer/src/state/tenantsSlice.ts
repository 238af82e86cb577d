/** Tenants and group labels, loaded once, for the scope picker. */
import type { Tenant } from '../../../common/contract.ts';
import { api, ApiClientError } from '../api/client.ts';
import type { SliceCreator } from './types.ts';

export type TenantsSlice = {
  tenants: Tenant[];
  groups: string[];
  loadTenants: () => Promise<void>;
};

export const createTenantsSlice: SliceCreator<TenantsSlice> = (set, get) => ({
  tenants: [],
  groups: [],
  loadTenants: async () => {
    try {
      const { tenants, groups } = await api['tenants.list']({});
      set({ tenants, groups });
    } catch (error) {
      get().showError(ApiClientError.from(error).message);
    }
  },
});
