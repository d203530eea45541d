/**
 * The object panel's width: dragged at its left edge (remembered across sessions) or "full" —
 * the whole width beside the sidebar, the table hidden until narrowed again.
 */
import { useCallback, useEffect, useState } from 'react';

const WIDTH_KEY = 'regatta.objectPanel.width';
const MIN_WIDTH = 320;
export type PanelSize = 'side' | 'full';

function applyWidth(width: number) {
  document.documentElement.style.setProperty('--side-width', `${width}px`);
}

/** The side column's width now, in pixels. */
export function sideWidth(): number {
  return document.querySelector('.shell__side')?.getBoundingClientRect().width ?? MIN_WIDTH;
}

export function usePanelWidth() {
  const [size, setSize] = useState<PanelSize>('side');

  useEffect(() => {
    const saved = Number(localStorage.getItem(WIDTH_KEY));
    if (saved >= MIN_WIDTH) applyWidth(saved);
  }, []);

  useEffect(() => {
    const root = document.documentElement;
    if (size === 'full') root.dataset.objectPanelSize = 'full';
    else delete root.dataset.objectPanelSize;
    return () => {
      delete root.dataset.objectPanelSize;
    };
  }, [size]);

  /** Starts a drag at the panel's left edge: the panel's width follows the pointer. */
  const startResize = useCallback((event: React.PointerEvent<HTMLElement>) => {
    event.preventDefault();
    const side = event.currentTarget.closest('.shell__side') as HTMLElement | null;
    const right = side ? side.getBoundingClientRect().right : window.innerWidth;
    let width = side?.getBoundingClientRect().width ?? MIN_WIDTH;
    const move = (moved: PointerEvent) => {
      width = Math.max(MIN_WIDTH, Math.min(right - moved.clientX, window.innerWidth - 300));
      applyWidth(width);
    };
    const stop = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', stop);
      localStorage.setItem(WIDTH_KEY, String(Math.round(width)));
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', stop);
  }, []);

  /** Keyboard resizing of the handle: arrows widen or narrow by 40 px. */
  const resizeBy = useCallback((delta: number) => {
    const width = Math.max(MIN_WIDTH, Math.round(sideWidth() + delta));
    applyWidth(width);
    localStorage.setItem(WIDTH_KEY, String(width));
  }, []);

  return { size, setSize, startResize, resizeBy };
}
