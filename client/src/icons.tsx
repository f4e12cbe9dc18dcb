/**
 * Small icons drawn as SVG: emoji depend on the system's fonts (a headless or minimal Linux has none),
 * and these must read the same everywhere. Paths after Material Icons (Apache-2.0). Decorative: the
 * buttons carrying them have their own accessible names.
 */
const THUMB =
  'M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z';
const TRASH = 'M6 19c0 1.1.9 2 2 2h8c1.1 0 2-.9 2-2V7H6v12zM19 4h-3.5l-1-1h-5l-1 1H5v2h14V4z';

function Icon({ d, flip = false }: { d: string; flip?: boolean }) {
  return (
    <svg class="icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={d} fill="currentColor" transform={flip ? 'rotate(180 12 12)' : undefined} />
    </svg>
  );
}

export const ThumbUp = () => <Icon d={THUMB} />;
export const ThumbDown = () => <Icon d={THUMB} flip />;
export const Trash = () => <Icon d={TRASH} />;
