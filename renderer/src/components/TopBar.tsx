/** App name and the controls that define the view. */
import { BackgroundStatus } from './BackgroundStatus.tsx';
import { ImportButton } from './ImportButton.tsx';
import { ExportButton } from './export/ExportButton.tsx';
import { QueryBox } from './QueryBox.tsx';
import { RulesButton } from './rules/RulesButton.tsx';
import { PresetsButton } from './presets/PresetsButton.tsx';
import { SqlButton } from './sql/SqlButton.tsx';
import { RangePicker } from './RangePicker.tsx';
import { ScopePicker } from './ScopePicker.tsx';
import { SyncStatus } from './connections/SyncStatus.tsx';
import { TenantsButton } from './tenants/TenantsButton.tsx';
import { SyslogIntakeButton } from './intake/SyslogIntakeButton.tsx';
import { TimeZoneToggle } from './TimeZoneToggle.tsx';
import { TotalCount } from './TotalCount.tsx';

export function TopBar() {
  return (
    <header className="top-bar">
      <span className="app-name">Trailkeeper</span>
      <ScopePicker />
      <QueryBox />
      <RangePicker />
      <TimeZoneToggle />
      <TotalCount />
      <BackgroundStatus />
      <SyncStatus />
      <TenantsButton />
      <ImportButton />
      <ExportButton />
      <PresetsButton />
      <RulesButton />
      <SqlButton />
      <SyslogIntakeButton />
    </header>
  );
}
