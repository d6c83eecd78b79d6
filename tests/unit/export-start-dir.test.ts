/**
 * The export's save dialog starts in the notebook's folder (issue 13, item 11): the argument is
 * checked at the host boundary, and the native dialog opens there instead of the last folder used.
 */
import { describe, expect, it, vi } from 'vitest';
import { createNativeDialogs, type NativeDialog } from '../../src/main/dialogs';
import { validateHostArgs } from '../../src/host/validation';

describe('a save dialog with a start folder', () => {
  it('opens in that folder; without one, where the last dialog of its purpose ended', async () => {
    const saves = [{ canceled: false, filePath: '/elsewhere/a.csv' }, { canceled: true }, { canceled: true }];
    const dialog: NativeDialog<null> = {
      showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] })),
      showSaveDialog: vi.fn(async () => saves.shift() ?? { canceled: true }),
    };
    const dialogs = createNativeDialogs<null>({ dialog, windowFor: () => null, homeDir: '/home/r' });
    await dialogs.showSaveDialog({ purpose: 'export', defaultName: 'a.csv' });
    await dialogs.showSaveDialog({ purpose: 'export', defaultName: 'b.csv', startDir: '/home/r/project' });
    await dialogs.showSaveDialog({ purpose: 'export', defaultName: 'c.csv' });
    const paths = vi.mocked(dialog.showSaveDialog).mock.calls.map((c) => c[1].defaultPath);
    expect(paths).toEqual(['/home/r/a.csv', '/home/r/project/b.csv', '/elsewhere/c.csv']);
  });

  it('takes only an absolute folder path', () => {
    expect(validateHostArgs('showSaveDialog', [{ purpose: 'export', defaultName: 'r.csv', startDir: '/home/r/project' }])).toHaveLength(1);
    expect(validateHostArgs('showSaveDialog', [{ purpose: 'export', defaultName: 'r.csv', startDir: 'C:\\Users\\r' }])).toHaveLength(1);
    for (const bad of ['relative/dir', '', 42, '/a\0b', `/${'a'.repeat(5000)}`]) {
      expect(() => validateHostArgs('showSaveDialog', [{ purpose: 'export', defaultName: 'r.csv', startDir: bad }])).toThrow(/startDir/);
    }
  });
});
