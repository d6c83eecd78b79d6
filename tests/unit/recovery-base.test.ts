/** What a restored notebook saves against: the file version it was autosaved from, not today's file. */
import { describe, expect, it } from 'vitest';
import { recoveredBase } from '../../src/renderer/notebook/recovery';
import type { FileStamp, NotebookFile, RecoveryEntry } from '../../src/shared/host-api';

const stamp = (sha: string, size = 10): FileStamp => ({ mtimeMs: 1_700_000_000_000, size, sha256: sha.repeat(64) });
const entry = (baseStamp: FileStamp | null | undefined, path: string | null = '/r/study.md'): RecoveryEntry => ({
  id: 'nb-1',
  path,
  title: 'study.md',
  text: 'recovered',
  savedAt: '2026-11-27T10:00:00.000Z',
  ...(baseStamp !== undefined ? { baseStamp } : {}),
});
const file = (s: FileStamp, text = 'on disk'): NotebookFile => ({ path: '/r/study.md', text, stamp: s });

describe('recoveredBase', () => {
  it('the file is still the version the work was based on: compare against it', () => {
    expect(recoveredBase(entry(stamp('a')), file(stamp('a')))).toEqual({ stamp: stamp('a'), savedText: 'on disk' });
  });

  it('the file changed after the crash: keep the old version, so saving reports a conflict', () => {
    expect(recoveredBase(entry(stamp('a')), file(stamp('b')))).toEqual({ stamp: stamp('a'), savedText: '' });
  });

  it('the file is gone: keep the old version too', () => {
    expect(recoveredBase(entry(stamp('a')), null)).toEqual({ stamp: stamp('a'), savedText: '' });
  });

  it('an entry from before base versions were recorded: no stamp, so saving asks before replacing the file', () => {
    expect(recoveredBase(entry(undefined), file(stamp('b')))).toEqual({ stamp: null, savedText: '' });
  });

  it('a notebook never saved has no base', () => {
    expect(recoveredBase(entry(null, null), null)).toEqual({ stamp: null, savedText: '' });
  });
});
