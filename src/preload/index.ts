/**
 * Preload (built as CommonJS, out/preload/index.cjs, so the renderer stays sandboxed): exposes the
 * host API as window.workbench and nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createHostApi } from './host-api-client';

contextBridge.exposeInMainWorld('workbench', createHostApi(ipcRenderer));
