import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';

const answerer = new ExtractiveAnswerer(() => 1);
function passage(text: string): Passage[] {
  const chunk: Chunk = { id: 0, source: 'settings.md', startLine: 1, endLine: text.split('\n').length, startOffset: 0, endOffset: text.length, text };
  return [{ chunk, score: 1 }];
}

const MARKDOWN = [
  'Settings are read at start-up.',
  '',
  '| variable | default | meaning |',
  '| --- | --- | --- |',
  '| `PORT` | `3000` | HTTP and WebSocket port the server listens on |',
  '| `RATE_LIMIT_RPM` | `600` | requests per client per minute |',
].join('\n');

describe('table answers', () => {
  it('answers from the column the question names, in the row that covers the question', () => {
    const port = answerer.extract('What is the default port the server listens on?', passage(MARKDOWN));
    expect(port.answer).toBe('3000');
    expect(port.citations[0]).toMatchObject({ startLine: 5, endLine: 5 });
    expect(answerer.extract('What is the default rate limit in requests per minute?', passage(MARKDOWN)).answer).toBe('600');
  });

  it('never answers with a cell of the heading line, which states nothing', () => {
    const table = ['Settings are read at start-up.', '', '| Setting | Default | Description |', '| --- | --- | --- |', '| `sync_interval` | `300` | Seconds between two sync passes |'].join('\n');
    for (const question of ['What is the default port of the web dashboard?', 'Which setting controls the proxy?']) {
      const { answer, citations } = answerer.extract(question, passage(table));
      expect(['Setting', 'Default', 'Description'], question).not.toContain(answer);
      expect(citations[0]?.quote ?? '', question).not.toContain('| Setting |');
    }
  });

  it('reads a converted Word or HTML table (no separator line) when the text before it is in the passage', () => {
    const word = ['Opening hours of the branches:', 'branch | opens | closes', 'Harbour Street | 8 am | 6 pm', 'Market Square | 9 am | 5 pm'].join('\n');
    expect(answerer.extract('When does the Market Square branch close?', passage(word)).answer).toBe('5 pm');
  });

  it('reads the heading ingest kept for a passage that opens among the rows', () => {
    const rows = ['| `LOG_LEVEL` | `info` | pino level for the logs |', '| `RATE_LIMIT_RPM` | `600` | requests per client per minute |'].join('\n');
    const [p] = passage(rows);
    const headed: Passage[] = [{ ...p!, chunk: { ...p!.chunk, tableHeading: '| variable | default | meaning |' } }];
    expect(answerer.extract('What is the default rate limit in requests per minute?', headed).answer).toBe('600');
  });

  it('answers from the field of a record the question names, in a related word form too', () => {
    const stock = ['product: Widget A; price: 12.50 EUR; stock: 40; supplier: Acme Ltd', 'product: Gadget C; price: 120 EUR; stock: 7; supplier: Globex'].join('\n');
    expect(answerer.extract('How many Widget A are in stock?', passage(stock)).answer).toBe('40');
    expect(answerer.extract('Who supplies Gadget C?', passage(stock)).answer).toBe('Globex');
    expect(answerer.extract('What is the price of Gadget C?', passage(stock)).answer).toBe('120 EUR');
  });

  it('takes the most specifically named field when the question names several', () => {
    const offices = ['office: APAC; city: Singapore; manager: Mei Tan; headcount: 62', 'office: EMEA; city: Berlin; manager: Jonas Falk; headcount: 140'].join('\n');
    const weight = (s: string) => (s === 'headcount' ? 3 : 1);
    const weighted = new ExtractiveAnswerer(weight);
    expect(weighted.extract('What is the headcount of the Singapore office?', passage(offices)).answer).toBe('62');
  });

  it('does not take a row for the heading when the passage opens mid-table', () => {
    const midTable = ['| `LOG_LEVEL` | `info` | pino level |', '| `PORT` | `3000` | HTTP port the server listens on |'].join('\n');
    // "info" would be the cell under the first row's "info" if that row were taken as the heading.
    expect(answerer.extract('What info does the PORT setting give about the port the server listens on?', passage(midTable)).answer).not.toBe('3000');
  });
});
