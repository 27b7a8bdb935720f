/**
 * What "near" the viewport means for the painter (drawing.ts): the observer's margin, and the area it stands for
 * in this frame, to tell a flag that scrolled away before the observer reported it.
 */
import type { Box } from './visibility.ts';

/** How far outside the viewport flags are drawn ahead, so that a scroll shows them already there. */
const NEAR_SHARE = 0.5;
export const NEAR_MARGIN = `${NEAR_SHARE * 100}%`;

/**
 * The viewport with the observer's margin, in this frame's viewport (the observer's root is the top frame's; a
 * frame clips what it shows to its own viewport, so an element outside this area is not near either).
 */
export function nearArea(): Box {
  const width = window.innerWidth;
  const height = window.innerHeight;
  return {
    left: -width * NEAR_SHARE,
    top: -height * NEAR_SHARE,
    right: width * (1 + NEAR_SHARE),
    bottom: height * (1 + NEAR_SHARE),
  };
}

export function isOutside(box: Box, area: Box): boolean {
  return box.right < area.left || box.left > area.right || box.bottom < area.top || box.top > area.bottom;
}
