import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  /** Names the panel for assistive technology (the heading's id). */
  titleId: string;
  title: ComponentChildren;
  /** Lines under the title: where in the document, how many documents. */
  meta?: ComponentChildren;
  /** Says what "Close" closes, for screen readers. */
  closeLabel: string;
  class?: string;
  hidden?: boolean;
  /** The heading takes focus whenever this changes, so keyboard users land in the panel. */
  focusKey?: unknown;
  onClose(): void;
  children: ComponentChildren;
}

/** The side panel's frame: a focusable title, a Close button (and Escape), a scrolling body. */
export function SidePanel({
  titleId,
  title,
  meta,
  closeLabel,
  class: extra,
  hidden,
  focusKey,
  onClose,
  children,
}: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusKey]);
  return (
    <aside
      class={extra ? `panel ${extra}` : 'panel'}
      hidden={hidden}
      aria-labelledby={titleId}
      onKeyDown={(e) => e.key === 'Escape' && onClose()}
    >
      <header class="panel-header">
        <div>
          <h2 id={titleId} tabIndex={-1} ref={heading}>
            {title}
          </h2>
          {meta}
        </div>
        <button type="button" class="button small" onClick={onClose} aria-label={closeLabel}>
          Close
        </button>
      </header>
      <div class="panel-body">{children}</div>
    </aside>
  );
}
