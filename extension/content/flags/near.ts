/**
 * What "near" the viewport means for the painter (drawing.ts): the observer's options, and the area its margin
 * stands for in this frame, to tell a flag that scrolled away before the observer reported it.
 */
import type { Box } from './visibility.ts';

/** How far outside the viewport flags are drawn ahead, so that a scroll shows them already there. */
const NEAR_SHARE = 0.5;

/**
 * At most how often the observer works out which flagged elements are near: Chromium's `delay` (Firefox has no
 * such option and ignores it). Without it, Chromium does so for every flagged element at every frame of a scroll;
 * with the bench's 5,000 flagged cells in a scrolling pane that was the largest part of each frame (a trace), and
 * the pane scrolled at half its frame rate in one run out of three. Flags are drawn half a viewport ahead, so one
 * reported up to this late is still drawn before it shows, and Chromium reports the last state once the scroll
 * stops.
 */
const NEAR_REPORT_MS = 50;

export const NEAR_OBSERVER: IntersectionObserverInit & { delay: number } = {
  rootMargin: `${NEAR_SHARE * 100}%`,
  delay: NEAR_REPORT_MS,
};

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
