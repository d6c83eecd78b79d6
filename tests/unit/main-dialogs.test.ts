import { describe, expect, it, vi } from 'vitest';
import { createNativeDialogs, dialogFilters, type NativeDialog } from '../../src/main/dialogs';
import { NO_NATIVE_DIALOGS } from '../../src/host/dialogs';

type Win = { name: string };

function setup(results: { open?: { canceled: boolean; filePaths: string[] }[]; save?: { canceled: boolean; filePath?: string }[] } = {}) {
  const opens = [...(results.open ?? [])];
  const saves = [...(results.save ?? [])];
  const dialog: NativeDialog<Win> = {
    showOpenDialog: vi.fn(async () => opens.shift() ?? { canceled: true, filePaths: [] }),
    showSaveDialog: vi.fn(async () => saves.shift() ?? { canceled: true }),
  };
  const focused: Win = { name: 'focused' };
  const windowFor = vi.fn((caller?: { webContentsId?: number }) => (caller?.webContentsId === 7 ? { name: 'caller' } : focused));
  return { dialogs: createNativeDialogs<Win>({ dialog, windowFor, homeDir: '/home/r' }), dialog, windowFor };
}

describe('dialog filters', () => {
  it('notebooks: .md and .markdown', () => {
    expect(dialogFilters('notebook')).toEqual([{ name: 'Notebooks (Markdown)', extensions: ['md', 'markdown'] }]);
  });
  it('imports: data files, then all files', () => {
    expect(dialogFilters('import')).toEqual([
      { name: 'Data files (CSV, TSV, text, Parquet)', extensions: ['csv', 'tsv', 'txt', 'parquet'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });
  it('exports: by the extension of the suggested name', () => {
    expect(dialogFilters('export', 'result.csv')).toEqual([
      { name: 'CSV files', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ]);
    expect(dialogFilters('export', 'r.PARQUET')[0]).toEqual({ name: 'Parquet files', extensions: ['parquet'] });
    expect(dialogFilters('export', 'r.json')[0]).toEqual({ name: 'JSON (array) files', extensions: ['json'] });
    expect(dialogFilters('export', 'r.xlsx')[0]).toEqual({ name: 'Excel (XLSX) files', extensions: ['xlsx'] });
    expect(dialogFilters('export', 'r.ndjson')[0]).toEqual({ name: 'NDJSON (one object per line) files', extensions: ['ndjson'] });
    expect(dialogFilters('export', 'r.xyz')[0]).toEqual({ name: 'XYZ files', extensions: ['xyz'] });
    expect(dialogFilters('export', 'no-extension')).toEqual([{ name: 'All files', extensions: ['*'] }]);
  });
});

describe('native dialogs', () => {
  it('open: attaches to the caller window, starts in the home folder, returns the paths or null', async () => {
    const { dialogs, dialog } = setup({
      open: [
        { canceled: false, filePaths: ['/data/a.csv', '/data/b.csv'] },
        { canceled: true, filePaths: [] },
      ],
    });
    expect(await dialogs.showOpenDialog({ purpose: 'import', multiple: true }, { webContentsId: 7 })).toEqual(['/data/a.csv', '/data/b.csv']);
    expect(dialog.showOpenDialog).toHaveBeenCalledWith(
      { name: 'caller' },
      expect.objectContaining({ title: 'Import Data', defaultPath: '/home/r', properties: ['openFile', 'multiSelections'], filters: dialogFilters('import') }),
    );
    expect(await dialogs.showOpenDialog({ purpose: 'import' })).toBeNull();
    // The next dialog of the same purpose starts where the last one ended.
    expect(vi.mocked(dialog.showOpenDialog).mock.calls[1]![0]).toEqual({ name: 'focused' });
    expect(vi.mocked(dialog.showOpenDialog).mock.calls[1]![1]).toMatchObject({ defaultPath: '/data', properties: ['openFile'] });
  });

  it('open without multiple returns one path', async () => {
    const { dialogs } = setup({ open: [{ canceled: false, filePaths: ['/n/a.md', '/n/b.md'] }] });
    expect(await dialogs.showOpenDialog({ purpose: 'notebook' })).toEqual(['/n/a.md']);
  });

  it('save: suggests the name in the last folder, asks before overwriting, appends .md to notebooks', async () => {
    const { dialogs, dialog } = setup({
      save: [{ canceled: false, filePath: '/home/r/notes/arrivals' }, { canceled: false, filePath: '/home/r/notes/x.markdown' }, { canceled: true }],
    });
    expect(await dialogs.showSaveDialog({ purpose: 'notebook', defaultName: 'untitled.md' })).toBe('/home/r/notes/arrivals.md');
    expect(dialog.showSaveDialog).toHaveBeenCalledWith(
      { name: 'focused' },
      expect.objectContaining({
        title: 'Save Notebook',
        defaultPath: '/home/r/untitled.md',
        filters: dialogFilters('notebook'),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      }),
    );
    expect(await dialogs.showSaveDialog({ purpose: 'notebook', defaultName: 'b.md' })).toBe('/home/r/notes/x.markdown');
    expect(vi.mocked(dialog.showSaveDialog).mock.calls[1]![1].defaultPath).toBe('/home/r/notes/b.md');
    expect(await dialogs.showSaveDialog({ purpose: 'export', defaultName: 'result.csv' })).toBeNull();
    expect(vi.mocked(dialog.showSaveDialog).mock.calls[2]![1]).toMatchObject({
      title: 'Export Result',
      defaultPath: '/home/r/result.csv',
      filters: dialogFilters('export', 'result.csv'),
    });
  });

  it('the web host has none: null, so the renderer shows its own', async () => {
    expect(await NO_NATIVE_DIALOGS.showOpenDialog({ purpose: 'notebook' })).toBeNull();
    expect(await NO_NATIVE_DIALOGS.showSaveDialog({ purpose: 'export', defaultName: 'r.csv' })).toBeNull();
  });
});
