/** Layout: top bar, error banner, then the event table with the detail panel beside it. */
import { useEffect } from 'react';
import { DetailPanel } from './components/DetailPanel.tsx';
import { ErrorBanner } from './components/ErrorBanner.tsx';
import { EventTable } from './components/EventTable.tsx';
import { TopBar } from './components/TopBar.tsx';
import { useGlobalKeys } from './hooks/useGlobalKeys.ts';
import { useAppStore } from './state/store.ts';

export function App() {
  const detailOpen = useAppStore((s) => s.detailOpen);
  useGlobalKeys();

  useEffect(() => {
    const { loadTenants, refresh } = useAppStore.getState();
    // Independent: the first page must not wait for the tenant list.
    void refresh();
    void loadTenants();
  }, []);

  return (
    <div className="app">
      <TopBar />
      <ErrorBanner />
      <main className={detailOpen ? 'workspace with-detail' : 'workspace'}>
        <EventTable />
        {detailOpen && <DetailPanel />}
      </main>
    </div>
  );
}
