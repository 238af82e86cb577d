/** Layout: top bar, error banner, then the event table with the detail panel beside it. */
import { useEffect } from 'react';
import { DetailPanel } from './components/DetailPanel.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { EventTable } from './components/EventTable.tsx';
import { FieldSidebar } from './components/FieldSidebar.tsx';
import { TopBar } from './components/TopBar.tsx';
import { useGlobalKeys } from './hooks/useGlobalKeys.ts';
import { useAppStore } from './state/store.ts';
import { useSyncStore } from './state/syncSlice.ts';
import { ConnectionsScreen } from './components/connections/ConnectionsScreen.tsx';
import { TenantsScreen } from './components/tenants/TenantsScreen.tsx';
import { applyStartView } from './components/presets/presetView.ts';

export function App() {
  const detailOpen = useAppStore((s) => s.detailOpen);
  const screen = useSyncStore((s) => s.screen);
  useGlobalKeys();

  useEffect(() => {
    const { loadTenants, refresh, loadWorkspacePrefs } = useAppStore.getState();
    // Independent: the first page must not wait for the tenant list.
    void refresh();
    void loadTenants();
    // This workspace's columns and query history, remembered in the page.
    void loadWorkspacePrefs();
    // A preset marked as the start view replaces the default view once it is known.
    void applyStartView();
  }, []);

  return (
    <div className="app">
      {/* Each part fails alone: a panel that throws leaves the others working. */}
      <ErrorBoundary what="the top bar">
        <TopBar />
      </ErrorBoundary>
      <ErrorBanner />
      {screen === 'connections' ? (
        <ErrorBoundary what="the Connections screen">
          <ConnectionsScreen />
        </ErrorBoundary>
      ) : screen === 'tenants' ? (
        <ErrorBoundary what="the Tenants screen">
          <TenantsScreen />
        </ErrorBoundary>
      ) : (
      <main className={detailOpen ? 'workspace with-detail' : 'workspace'}>
        <ErrorBoundary what="the field sidebar">
          <FieldSidebar />
        </ErrorBoundary>
        <ErrorBoundary what="the event table">
          <EventTable />
        </ErrorBoundary>
        {detailOpen && (
          <ErrorBoundary what="the event detail">
            <DetailPanel />
          </ErrorBoundary>
        )}
      </main>
      )}
    </div>
  );
}
