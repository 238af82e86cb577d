/**
 * The Monaco part of the detail panel, loaded lazily (see loadRawViewer.ts) so first paint and
 * the first rows never wait for it. Everything is bundled: workers come from our own origin as
 * module workers, which the CSP (`worker-src 'self' blob:`) allows; nothing is fetched from a CDN.
 */
import * as monaco from 'monaco-editor/editor';
// All editor features, registered before the first editor exists: the JSON language support
// pulls every contribution in anyway, and one registered after the editor's services start
// fails with "depends on UNKNOWN service".
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { jsonSpotAt, type JsonSpot } from '../format/jsonSpot.ts';
import { prettyJson } from '../format/prettyJson.ts';
import { followColorScheme, monacoTheme } from './monacoTheme.ts';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export type RawViewer = {
  /** Shows a text (an event's raw text, or its normalised JSON): re-indented when it is JSON, otherwise as it is. */
  show: (raw: string) => void;
  /** What is under the cursor (value and JSONPath), or null in text that is not JSON. */
  spotAtCursor: () => JsonSpot | null;
  /** Called as the cursor moves (a click, the arrow keys), with what is under it. */
  onSpotChange: (listener: (spot: JsonSpot | null) => void) => void;
  setWordWrap: (on: boolean) => void;
  dispose: () => void;
};

export function createRawViewer(container: HTMLElement): RawViewer {
  followColorScheme(monaco.editor);
  const model = monaco.editor.createModel('', 'json');
  const editor = monaco.editor.create(container, {
    model,
    readOnly: true,
    domReadOnly: true,
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    wordWrap: 'on',
    fontSize: 12,
    lineNumbersMinChars: 3,
    folding: true,
    showFoldingControls: 'always', // folding is a reading tool here: show where it can be done
    renderLineHighlight: 'none',
    contextmenu: true,
  });
  const spotAtCursor = (): JsonSpot | null => {
    const position = editor.getPosition();
    return position === null ? null : jsonSpotAt(model.getValue(), model.getOffsetAt(position));
  };
  // Also in the editor's context menu (right-click, or Shift+F10 in the editor).
  const copyAction = (id: string, label: string, pick: (spot: JsonSpot) => string) =>
    editor.addAction({
      id,
      label,
      contextMenuGroupId: '9_cutcopypaste',
      run: () => {
        const spot = spotAtCursor();
        if (spot) void navigator.clipboard?.writeText(pick(spot));
      },
    });
  copyAction('trailkeeper.copyValue', 'Copy value', (spot) => spot.value);
  copyAction('trailkeeper.copyPath', 'Copy JSON path', (spot) => spot.path);
  let spotListener: ((spot: JsonSpot | null) => void) | null = null;
  editor.onDidChangeCursorPosition(() => spotListener?.(spotAtCursor()));
  return {
    spotAtCursor,
    onSpotChange(listener) {
      spotListener = listener;
    },
    setWordWrap(on) {
      editor.updateOptions({ wordWrap: on ? 'on' : 'off' });
    },
    show(raw) {
      const pretty = prettyJson(raw);
      monaco.editor.setModelLanguage(model, pretty === null ? 'plaintext' : 'json');
      model.setValue(pretty ?? raw);
      editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
      spotListener?.(spotAtCursor()); // a new event: the cursor is back at its start
    },
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}
