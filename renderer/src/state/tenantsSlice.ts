/** Tenants and group labels, loaded once, for the scope picker. */
import type { Tenant, TrailkeeperApi } from '../../../common/contract.ts';
import { ApiClientError } from '../api/ApiClientError.ts';
import type { SliceCreator } from './types.ts';

export type TenantsSlice = {
  tenants: Tenant[];
  groups: string[];
  loadTenants: () => Promise<void>;
};

export const createTenantsSlice = (api: TrailkeeperApi): SliceCreator<TenantsSlice> => (set, get) => ({
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
