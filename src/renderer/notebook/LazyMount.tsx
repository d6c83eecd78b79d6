/**
 * Mounts a cell only once it comes near the visible part of the notebook, so a notebook of
 * thousands of cells opens at once: until then a placeholder of about the cell's height holds its
 * place (the scroll bar stays honest), and no CodeMirror editor or Markdown rendering is paid for
 * cells nobody looked at. A mounted cell stays mounted, keeping its editor state.
 */
import { useEffect, useRef, useState } from 'react';
import type { Block } from '../../shared/notebook/model';

/** The first cells of a notebook mount at once: small notebooks never see a placeholder. */
export const EAGER_CELLS = 24;
/** How far beyond the visible area cells are mounted ahead of scrolling. */
const MOUNT_MARGIN = '1500px 0px';
const LINE_PX = 20;

/** About how tall a cell will be, from its text and snapshot (the placeholder's height). */
export function estimatedHeight(block: Block): number {
  if (block.kind === 'markdown') return 36 + Math.min(block.text.split('\n').length, 400) * LINE_PX;
  const lines = Math.min(block.source.split('\n').length, 30);
  if (block.kind === 'chart') return 110 + Math.max(90, lines * LINE_PX) + 320;
  const snapshot = block.snapshot ? 40 + Math.min(block.snapshot.rows.length, 10) * 26 : 0;
  return 110 + Math.max(90, lines * LINE_PX) + snapshot;
}

export function LazyMount({
  eager,
  block,
  mountSignal,
  children,
}: {
  eager: boolean;
  block: Block;
  mountSignal: number;
  children: React.ReactNode;
}): React.JSX.Element {
  const [mounted, setMounted] = useState(eager);
  const placeholder = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (mounted || !placeholder.current) return;
    const el = placeholder.current;
    const observer = new IntersectionObserver((entries) => entries.some((e) => e.isIntersecting) && setMounted(true), {
      root: el.closest('.workspace'),
      rootMargin: MOUNT_MARGIN,
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [mounted]);

  // A cell that is to get the focus (run and advance, a new cell) mounts now.
  useEffect(() => {
    if (mountSignal) setMounted(true);
  }, [mountSignal]);

  if (mounted) return <>{children}</>;
  return <div ref={placeholder} className="cell-placeholder" data-testid="cell-placeholder" data-cell-id={block.id} style={{ height: estimatedHeight(block) }} />;
}
