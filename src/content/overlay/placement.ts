// Where the overlay sits: anchored to a corner of the viewport, some pixels in
// from its two edges. Dragging moves it anywhere; dropping it near a corner
// docks it there; the arrow keys dock it to a corner.

export type Corner = 'bottom-right' | 'bottom-left' | 'top-right' | 'top-left';

export interface Placement {
  corner: Corner;
  /** Distance from the corner's vertical edge (left or right), px. */
  x: number;
  /** Distance from the corner's horizontal edge (top or bottom), px. */
  y: number;
}

export const DOCK_GAP = 16;
/** Dropped this close to a corner's edges: docked to it. */
const SNAP = 48;

export const DEFAULT_PLACEMENT: Placement = { corner: 'bottom-right', x: DOCK_GAP, y: DOCK_GAP };

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The placement that puts a box of this size at (left, top), anchored to the nearest corner, kept on screen. */
export function placementFor(box: Box, viewport: { width: number; height: number }, snap = false): Placement {
  const left = Math.min(Math.max(0, box.left), Math.max(0, viewport.width - box.width));
  const top = Math.min(Math.max(0, box.top), Math.max(0, viewport.height - box.height));
  const right = viewport.width - (left + box.width);
  const bottom = viewport.height - (top + box.height);
  const isLeft = left + box.width / 2 < viewport.width / 2;
  const isTop = top + box.height / 2 < viewport.height / 2;
  const corner = `${isTop ? 'top' : 'bottom'}-${isLeft ? 'left' : 'right'}` as Corner;
  let x = Math.round(isLeft ? left : right);
  let y = Math.round(isTop ? top : bottom);
  if (snap && x < SNAP && y < SNAP) {
    x = DOCK_GAP;
    y = DOCK_GAP;
  }
  return { corner, x, y };
}

/** Arrow keys: dock toward that side, keeping the other axis. */
export function dockToward(current: Corner, key: string): Corner | null {
  const [v, h] = current.split('-') as ['top' | 'bottom', 'left' | 'right'];
  switch (key) {
    case 'ArrowUp':
      return `top-${h}`;
    case 'ArrowDown':
      return `bottom-${h}`;
    case 'ArrowLeft':
      return `${v}-left`;
    case 'ArrowRight':
      return `${v}-right`;
    default:
      return null;
  }
}

/** The :host rule that places the host; px only, so the page's root font size never moves us. */
export function placementCss(p: Placement): string {
  const [v, h] = p.corner.split('-') as ['top' | 'bottom', 'left' | 'right'];
  const top = v === 'top' ? `${p.y}px` : 'auto';
  const bottom = v === 'bottom' ? `${p.y}px` : 'auto';
  const left = h === 'left' ? `${p.x}px` : 'auto';
  const right = h === 'right' ? `${p.x}px` : 'auto';
  return `:host { inset: ${top} ${right} ${bottom} ${left} !important; }`;
}
