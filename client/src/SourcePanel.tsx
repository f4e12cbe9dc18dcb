import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SourceResponse } from '../../core/protocol.js';
import { fileName, lineRange, locateQuote, splitLines, windowAround, type QuoteLocation } from './lines.js';
import { fetchSource, type SourceResult } from './sources.js';
import { SidePanel } from './SidePanel.js';
import type { SourceTarget } from './target.js';

/** Lines shown on each side of the cited span; more can be revealed, so huge documents stay quick. */
const MARGIN = 200;

interface Props {
  target: SourceTarget;
  onClose(): void;
}

/** The side panel: a cited span in its file, the cited lines highlighted and scrolled into view. */
export function SourcePanel({ target, onClose }: Props) {
  const [result, setResult] = useState<SourceResult | undefined>();

  // Keyed on the target, not just its file: a chip clicked again after a failed load tries again
  // (a loaded file comes from fetchSource's short cache).
  useEffect(() => {
    let live = true;
    setResult(undefined);
    void fetchSource(target.source).then((r) => live && setResult(r));
    return () => {
      live = false;
    };
  }, [target]);

  const meta = (
    <>
      <p class="panel-meta">
        {target.label}
        {target.startLine > 0 ? ` · ${lineRange(target.startLine, target.endLine)}` : ''}
        {target.page ? ` · page ${target.page}` : ''}
        {target.section ? ` · § ${target.section}` : ''}
      </p>
      {target.source !== fileName(target.source) && <p class="panel-path">{target.source}</p>}
    </>
  );

  return (
    <SidePanel
      titleId="panel-title"
      title={fileName(target.source)}
      meta={meta}
      closeLabel="Close source panel"
      focusKey={target}
      onClose={onClose}
    >
      {!result && <p class="muted">Loading the document…</p>}
      {result && !result.ok && (
        <p class="error" role="alert">
          {result.message}
        </p>
      )}
      {result?.ok && result.source.changedSinceIndexed && (
        <p class="stale" role="status">
          This file changed after it was indexed, so the cited lines may have moved. Ingest again to refresh the
          citations.
        </p>
      )}
      {result?.ok && (
        <DocumentView
          key={`${target.source}:${target.startLine}:${target.endLine}`}
          source={result.source}
          target={target}
        />
      )}
    </SidePanel>
  );
}

function DocumentView({ source, target: cited }: { source: SourceResponse; target: SourceTarget }) {
  const doc = useMemo(() => splitLines(source.text, source.pageStarts), [source]);
  const location = useMemo(
    () =>
      cited.quote
        ? locateQuote(doc.lines, cited.quote, cited.startLine, cited.endLine)
        : { found: 'in-place' as const },
    [doc, cited],
  );
  const target =
    location.found === 'moved' ? { ...cited, startLine: location.startLine, endLine: location.endLine } : cited;
  const total = doc.lines.length;
  const [range, setRange] = useState(() => windowAround(total, target.startLine, target.endLine, MARGIN));
  const first = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    first.current?.scrollIntoView({ block: 'center' });
  }, []);

  const rows = [];
  for (let n = range.from; n <= range.to; n++) {
    const text = doc.lines[n - 1] ?? '';
    const cited = n >= target.startLine && n <= target.endLine;
    const page = doc.pages?.[n - 1];
    if (page !== undefined && (n === 1 || doc.pages?.[n - 2] !== page)) {
      rows.push(
        <div class="page-break" key={`p${page}`}>
          Page {page}
        </div>,
      );
    }
    rows.push(
      <div class={cited ? 'line cited' : 'line'} key={n} data-line={n} ref={n === target.startLine ? first : undefined}>
        <span class="line-number" aria-hidden="true">
          {n}
        </span>
        <span class="line-text">{cited ? <LineText text={text} quote={target.quote} /> : text || '\u200b'}</span>
      </div>,
    );
  }

  return (
    <div class="document" aria-label={`${source.source}, ${lineRange(range.from, range.to)} of ${total}`}>
      <QuoteNote location={location} cited={cited} />
      {range.from > 1 && (
        <button
          type="button"
          class="link-button more"
          onClick={() => setRange((r) => ({ ...r, from: Math.max(1, r.from - MARGIN * 2) }))}
        >
          Show earlier lines ({range.from - 1} more)
        </button>
      )}
      {rows}
      {range.to < total && (
        <button
          type="button"
          class="link-button more"
          onClick={() => setRange((r) => ({ ...r, to: Math.min(total, r.to + MARGIN * 2) }))}
        >
          Show later lines ({total - range.to} more)
        </button>
      )}
    </div>
  );
}

/** Said when the quoted text is no longer where the citation put it (the file was edited since). */
function QuoteNote({ location, cited }: { location: QuoteLocation; cited: SourceTarget }) {
  if (location.found === 'in-place') return null;
  return (
    <p class="stale moved" role="status">
      {location.found === 'moved'
        ? `The file changed since this answer: the quoted text is now at ${lineRange(location.startLine, location.endLine)} (cited as ${lineRange(cited.startLine, cited.endLine)}).`
        : `The file changed since this answer: the quoted text is no longer in it (it was at ${lineRange(cited.startLine, cited.endLine)}, highlighted below).`}
    </p>
  );
}

/** A cited line; the quoted sentence, when it lies within the line, is marked more strongly. */
function LineText({ text, quote }: { text: string; quote: string | undefined }) {
  const at = quote ? text.indexOf(quote) : -1;
  if (!quote || at < 0) return <mark>{text || '\u200b'}</mark>;
  return (
    <mark>
      {text.slice(0, at)}
      <strong class="quote">{quote}</strong>
      {text.slice(at + quote.length)}
    </mark>
  );
}
