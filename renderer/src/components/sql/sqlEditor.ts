/**
 * The console's Monaco editor, loaded lazily: SQL highlighting, completion of the workspace's
 * tables and columns, and Ctrl/Cmd+Enter to run. Workers are bundled (see monaco/rawViewer.ts).
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/sql/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import { followColorScheme, monacoTheme } from '../../monaco/monacoTheme.ts';

self.MonacoEnvironment ??= { getWorker: () => new EditorWorker() };

/** The documented tables and their columns, offered as completions. */
const SCHEMA: Record<string, string[]> = {
  events: ['id', 'tenant_id', 'source_id', 'ts', 'ts_raw', 'category', 'action', 'activity', 'outcome', 'severity', 'actor_type', 'actor_id',
    'actor_name', 'actor_email', 'actor_role', 'target_type', 'target_id', 'target_name', 'ip', 'user_agent', 'geo_country', 'geo_city', 'message', 'raw'],
  tenants: ['id', 'connection_id', 'external_id', 'name', 'groups', 'source_kind', 'event_count', 'newest_ts'],
  connections: ['id', 'kind', 'label', 'base_url'],
  findings: ['id', 'run_id', 'rule_id', 'rule_version', 'title', 'level', 'author', 'tenant_id', 'ts', 'ts_end', 'event_ids'],
  rule_runs: ['id', 'started_at', 'view', 'rule_count', 'cancelled'],
  annotations: ['event_id', 'starred', 'note', 'updated_at'],
  annotation_tags: ['event_id', 'tag'],
};

let completionRegistered = false;
function registerCompletion(): void {
  if (completionRegistered) return;
  completionRegistered = true;
  monaco.languages.registerCompletionItemProvider('sql', {
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = { startLineNumber: position.lineNumber, endLineNumber: position.lineNumber, startColumn: word.startColumn, endColumn: word.endColumn };
      const suggestions = [
        ...Object.keys(SCHEMA).map((t) => ({ label: t, kind: monaco.languages.CompletionItemKind.Struct, insertText: t, range, detail: 'table' })),
        ...[...new Set(Object.values(SCHEMA).flat())].map((c) => ({ label: c, kind: monaco.languages.CompletionItemKind.Field, insertText: c, range, detail: 'column' })),
        ...['json_extract(raw, \'$.\')', 'strftime(\'%Y-%m-%d %H:%M\', ts / 1000, \'unixepoch\')'].map((f) => ({ label: f, kind: monaco.languages.CompletionItemKind.Function, insertText: f, range })),
      ];
      return { suggestions };
    },
  });
}

export interface SqlEditor {
  value: () => string;
  setValue: (text: string) => void;
  dispose: () => void;
}

export function createSqlEditor(container: HTMLElement, initial: string, onRun: () => void, onChange: (text: string) => void): SqlEditor {
  registerCompletion();
  followColorScheme(monaco.editor);
  const editor = monaco.editor.create(container, {
    value: initial,
    language: 'sql',
    theme: monacoTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 13,
    scrollBeyondLastLine: false,
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, onRun);
  const sub = editor.onDidChangeModelContent(() => onChange(editor.getValue()));
  editor.focus();
  return {
    value: () => editor.getValue(),
    setValue: (text) => editor.setValue(text),
    dispose: () => {
      sub.dispose();
      editor.dispose();
    },
  };
}
