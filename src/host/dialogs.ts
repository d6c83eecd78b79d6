/**
 * The dialog service both hosts plug into the method table: Electron's native dialogs
 * (src/main/dialogs.ts), or none in the web host, where the renderer shows its own file dialog.
 */
import type { OpenDialogOptions, SaveDialogOptions } from '../shared/host-api';

/** Who asked: the web contents of the calling window, when known. */
export interface CallerContext {
  webContentsId?: number;
}

export interface DialogService {
  showOpenDialog(options: OpenDialogOptions, caller?: CallerContext): Promise<string[] | null>;
  showSaveDialog(options: SaveDialogOptions, caller?: CallerContext): Promise<string | null>;
}

/** For hosts without native dialogs (the web host): the renderer shows its own. */
export const NO_NATIVE_DIALOGS: DialogService = {
  showOpenDialog: async () => null,
  showSaveDialog: async () => null,
};
