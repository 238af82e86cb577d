/** Quick time ranges; all time by default. */
import { isRangePresetId, RANGE_PRESETS } from '../format/rangePresets.ts';
import { useAppStore } from '../state/store.ts';

export function RangePicker() {
  const rangePreset = useAppStore((s) => s.rangePreset);
  const setRangePreset = useAppStore((s) => s.setRangePreset);
  return (
    <select
      className="control range-picker"
      data-testid="range-picker"
      aria-label="Time range"
      value={rangePreset}
      onChange={(e) => {
        if (isRangePresetId(e.target.value)) setRangePreset(e.target.value);
      }}
    >
      {RANGE_PRESETS.map((p) => (
        <option key={p.id} value={p.id}>{p.label}</option>
      ))}
    </select>
  );
}
