/**
 * Desktop drag-and-drop: files dropped anywhere on the window go to the preload's registerDrop,
 * which hands their own paths to the main process and answers an opaque drop id; `onDrop` gets
 * that id and the files' names (never a path). Without the bridge (browser mode) it does nothing.
 */
import { useEffect } from 'react';
import type { DropRegistration } from '../../../common/contract.ts';
import type { TrailkeeperBridge } from '../api/bridge.ts';

export function useFileDrop(bridge: TrailkeeperBridge | undefined, onDrop: (registration: DropRegistration) => void): void {
  useEffect(() => {
    if (!bridge) return;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onDragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDropEvent = (e: DragEvent) => {
      if (!hasFiles(e) || !e.dataTransfer) return;
      // Without preventDefault Chromium would navigate to the dropped file.
      e.preventDefault();
      bridge.registerDrop(e.dataTransfer.files).then(onDrop, (error: unknown) =>
        onDrop({ ok: false, message: `The drop could not be taken: ${error instanceof Error ? error.message : String(error)}` }),
      );
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDropEvent);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDropEvent);
    };
  }, [bridge, onDrop]);
}
