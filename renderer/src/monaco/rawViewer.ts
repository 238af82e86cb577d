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
import { prettyJson } from '../format/prettyJson.ts';
import { followColorScheme, monacoTheme } from './monacoTheme.ts';

self.MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    return label === 'json' ? new JsonWorker() : new EditorWorker();
  },
};

export type RawViewer = {
  /** Shows an event's raw text: re-indented JSON when it is JSON, otherwise as it is. */
  show: (raw: string) => void;
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
    renderLineHighlight: 'none',
    contextmenu: true,
  });
  return {
    show(raw) {
      const pretty = prettyJson(raw);
      monaco.editor.setModelLanguage(model, pretty === null ? 'plaintext' : 'json');
      model.setValue(pretty ?? raw);
      editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
    },
    dispose() {
      editor.dispose();
      model.dispose();
    },
  };
}
