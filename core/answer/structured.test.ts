import { describe, expect, it, vi } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { linesOf } from '../text/tables.js';
import { ExtractiveAnswerer } from './extractive.js';

// Spied on, not replaced: to count how often a chunk is split into lines.
vi.mock('../text/tables.js', { spy: true });

const answerer = new ExtractiveAnswerer(() => 1);
function passage(text: string): Passage[] {
  const chunk: Chunk = {
    id: 0,
    source: 'settings.md',
    startLine: 1,
    endLine: text.split('\n').length,
    startOffset: 0,
    endOffset: text.length,
    text,
  };
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
  it('answers from the column the question names, in the row that covers the question', async () => {
    const port = await answerer.extract('What is the default port the server listens on?', passage(MARKDOWN));
    expect(port.answer).toBe('3000');
    expect(port.citations[0]).toMatchObject({ startLine: 5, endLine: 5 });
    expect(
      (await answerer.extract('What is the default rate limit in requests per minute?', passage(MARKDOWN))).answer,
    ).toBe('600');
  });

  it('never answers with a cell of the heading line, which states nothing', async () => {
    const table = [
      'Settings are read at start-up.',
      '',
      '| Setting | Default | Description |',
      '| --- | --- | --- |',
      '| `sync_interval` | `300` | Seconds between two sync passes |',
    ].join('\n');
    for (const question of ['What is the default port of the web dashboard?', 'Which setting controls the proxy?']) {
      const { answer, citations } = await answerer.extract(question, passage(table));
      expect(['Setting', 'Default', 'Description'], question).not.toContain(answer);
      expect(citations[0]?.quote ?? '', question).not.toContain('| Setting |');
    }
  });

  it('reads a converted Word or HTML table (no separator line) when the text before it is in the passage', async () => {
    const word = [
      'Opening hours of the branches:',
      'branch | opens | closes',
      'Harbour Street | 8 am | 6 pm',
      'Market Square | 9 am | 5 pm',
    ].join('\n');
    expect((await answerer.extract('When does the Market Square branch close?', passage(word))).answer).toBe('5 pm');
  });

  it('reads the heading ingest kept for a passage that opens among the rows', async () => {
    const rows = [
      '| `LOG_LEVEL` | `info` | pino level for the logs |',
      '| `RATE_LIMIT_RPM` | `600` | requests per client per minute |',
    ].join('\n');
    const [p] = passage(rows);
    const headed: Passage[] = [{ ...p!, chunk: { ...p!.chunk, tableHeading: '| variable | default | meaning |' } }];
    expect((await answerer.extract('What is the default rate limit in requests per minute?', headed)).answer).toBe(
      '600',
    );
  });

  it('answers from the field of a record the question names, in a related word form too', async () => {
    const stock = [
      'product: Widget A; price: 12.50 EUR; stock: 40; supplier: Acme Ltd',
      'product: Gadget C; price: 120 EUR; stock: 7; supplier: Globex',
    ].join('\n');
    expect((await answerer.extract('How many Widget A are in stock?', passage(stock))).answer).toBe('40');
    expect((await answerer.extract('Who supplies Gadget C?', passage(stock))).answer).toBe('Globex');
    expect((await answerer.extract('What is the price of Gadget C?', passage(stock))).answer).toBe('120 EUR');
  });

  it('takes the most specifically named field when the question names several', async () => {
    const offices = [
      'office: APAC; city: Singapore; manager: Mei Tan; headcount: 62',
      'office: EMEA; city: Berlin; manager: Jonas Falk; headcount: 140',
    ].join('\n');
    const weight = (s: string) => (s === 'headcount' ? 3 : 1);
    const weighted = new ExtractiveAnswerer(weight);
    expect((await weighted.extract('What is the headcount of the Singapore office?', passage(offices))).answer).toBe(
      '62',
    );
  });

  it('answers from the one field whose key says it holds the kind of answer asked for, when no key is named', async () => {
    const kit = [
      'tag: KT-0207; item: Camera; model: Canon EOS R8; assigned_to: Ines Duarte; location: Leeds kit room; bought_on: 2024-03-11',
      'tag: KT-0211; item: Tripod; model: Manfrotto 190; assigned_to: Noel Berg; location: Hull; bought_on: 2023-10-02',
    ].join('\n');
    expect((await answerer.extract('Who has camera KT-0207?', passage(kit))).answer).toBe('Ines Duarte');
    expect((await answerer.extract('Where is the Manfrotto 190 tripod?', passage(kit))).answer).toBe('Hull');
    expect((await answerer.extract('When was KT-0207 bought?', passage(kit))).answer).toBe('2024-03-11');
  });

  it("answers 'which X' from the row's identity when no key is named, a reason from a note, and never from a key naming another kind of X", async () => {
    const regions = [
      'code: us-east-1; name: US East (Virginia); status: degraded; status_note: Elevated latency since 07:40 UTC; failover_region: us-west-2',
      'code: ca-central-1; name: Canada (Montreal); status: maintenance; status_note: Database upgrade in progress; failover_region: us-east-1; maintenance_window: Wed 04:00-06:00 UTC',
      'code: eu-west-1; name: Ireland (Dublin); status: operational; failover_region: eu-central-1',
    ].join('\n');
    expect((await answerer.extract('Which region is degraded at the moment?', passage(regions))).answer).toBe(
      'us-east-1',
    );
    expect((await answerer.extract('Why is the Canada region in maintenance?', passage(regions))).answer).toBe(
      'Database upgrade in progress',
    );
    expect((await answerer.extract('What is the failover region for eu-west-1?', passage(regions))).answer).toBe(
      'eu-central-1',
    );
  });

  it('reads each record alone: another row naming what is asked does not make this row answer, and a field this record lacks is not in the documents', async () => {
    const regions = [
      'code: ca-central-1; name: Canada (Montreal); status: maintenance; status_note: Database upgrade in progress; maintenance_window: Wed 04:00-06:00 UTC',
      'code: ap-southeast-2; name: Australia (Sydney); status: planned; planned_launch: 2025-Q4; data_residency: AU',
      'code: eu-west-1; name: Ireland (Dublin); status: operational; maintenance_window: Sun 01:00-03:00 UTC',
    ].join('\n');
    // The Sydney record has no maintenance window; the Canada row above it has one, and does not speak for Sydney.
    const sydney = await answerer.extract('What is the maintenance window for the Sydney region?', passage(regions));
    expect(sydney).toMatchObject({ abstained: true, reason: 'missing-field' });
    expect(
      (await answerer.extract('What is the maintenance window for the Dublin region?', passage(regions))).answer,
    ).toBe('Sun 01:00-03:00 UTC');
    expect((await answerer.extract('When is the Sydney region planned to launch?', passage(regions))).answer).toBe(
      '2025-Q4',
    );
    // A row missing a name another row says is about that other thing; the Canada row names no Sydney.
    const status = await answerer.extract('What is the status note of the Sydney region?', passage(regions));
    expect(status.citations.every((c) => c.startLine === 2)).toBe(true);
  });

  it("reads a record's values, not its keys, for the names it says, and the rows of every retrieved chunk of the file", async () => {
    const units = [
      'unit_id: B-403; block: Birch House; status: Void - refurbishment',
      'unit_id: C-210; block: Cedar Point; status: Let; epc_rating: C',
    ].join('\n');
    // "EPC" is every row's key, so the B-403 row saying no "EPC" is not about something else: it lacks the field.
    expect(await answerer.extract('What is the EPC rating of B-403?', passage(units))).toMatchObject({
      abstained: true,
      reason: 'missing-field',
    });
    // The row naming B-403 in another chunk of the file keeps A-605's row from answering for it.
    const [first] = passage('unit_id: B-403; block: Birch House; status: Void - refurbishment');
    const [second] = passage('unit_id: A-605; block: Alder Court; status: Let; epc_rating: B');
    expect(
      (
        await answerer.extract('What is the EPC rating of B-403?', [
          first!,
          { ...second!, chunk: { ...second!.chunk, id: 1 } },
        ])
      ).answer,
    ).not.toBe('B');
  });

  it('reads the date field of the event the question names, and a contractor as who', async () => {
    const requests = [
      'ref: MR-003; date_reported: 2025-01-08; unit: C-705; description: Bathroom extractor fan not working; contractor: Spark & Co Electrical; date_completed: 2025-01-21',
      'ref: MR-017; date_reported: 2025-03-10; unit: A-104; description: Front door sticking; contractor: Quayside Joinery',
    ].join('\n');
    expect((await answerer.extract('When was the extractor fan in C-705 fixed?', passage(requests))).answer).toBe(
      '2025-01-21',
    );
    expect((await answerer.extract('When was the extractor fan in C-705 reported?', passage(requests))).answer).toBe(
      '2025-01-08',
    );
    expect(
      (await answerer.extract('Who is sorting out the sticking front door in A-104?', passage(requests))).answer,
    ).toBe('Quayside Joinery');
  });

  it('answers a when-question from a cell that says when, though the question names another column', async () => {
    const blocks = [
      '| Block | Bin store location | Refuse collection |',
      '| --- | --- | --- |',
      '| Alder Court | Basement | Tuesday |',
      '| Birch House | Rear courtyard | Thursday |',
    ].join('\n');
    expect((await answerer.extract('Which day do the bins get emptied at Birch House?', passage(blocks))).answer).toBe(
      'Thursday',
    );
    expect((await answerer.extract('Where is the bin store at Birch House?', passage(blocks))).answer).toBe(
      'Rear courtyard',
    );
  });

  it('answers "how much is/does … cost" from a price field, the one named or else the plainest, though the question names another field', async () => {
    const prices = [
      'sku: PB-STR-M; product: Starter plan; price_usd: 49.00; included_labels_per_month: 500; overage_usd_per_label: 0.12',
      'sku: PB-BUS-M; product: Business plan; price_usd: 299.00; included_labels_per_month: 5000; overage_usd_per_label: 0.08',
    ].join('\n');
    expect((await answerer.extract('How much is the Business plan per month?', passage(prices))).answer).toBe('299.00');
    expect(
      (await answerer.extract('What does each extra label cost on the Business plan?', passage(prices))).answer,
    ).toBe('0.08');
    expect(
      (await answerer.extract('How many labels a month are included with the Business plan?', passage(prices))).answer,
    ).toBe('5000');
  });

  it('answers from a header whose fields are aligned with spaces', async () => {
    const header = [
      'POSTMORTEM: Card payments failed',
      '',
      'Ticket: OPS-114        Priority: High        Owner: Dana Whitfield',
      'Date: 3 May 2025',
    ].join('\n');
    expect((await answerer.extract('What was the priority of OPS-114?', passage(header))).answer).toBe('High');
    expect((await answerer.extract('Who owns OPS-114?', passage(header))).answer).toBe('Dana Whitfield');
  });

  it("prefers the field named by the question's focus, and reads a JSON path's words", async () => {
    const flags =
      'key: quick_reply; description: Suggested replies under each message; enabled: true; rollout.regions: EU, UK; rollout.percent: 25';
    expect((await answerer.extract('Which regions is the quick reply flag enabled in?', passage(flags))).answer).toBe(
      'EU, UK',
    );
    expect((await answerer.extract('What percent of users get quick reply?', passage(flags))).answer).toBe('25');
  });

  it("reads a row with its table's heading: the row naming the question's subject answers, not a row after the heading", async () => {
    const rates = [
      'Mileage and parking rates',
      'Region | Parking cap per day | Mileage rate per mile',
      'Dundee | £12 | 45p',
      'Perth | £9 | 40p',
      'Stirling | £8 | 38p',
    ].join('\n');
    expect((await answerer.extract("What's the parking limit per day in Perth?", passage(rates))).answer).toBe('£9');
    expect((await answerer.extract('How much is the mileage rate in Stirling?', passage(rates))).answer).toBe('38p');
    // Every row has the heading's words; a row saying nothing of the question is no answer.
    expect(
      (await answerer.extract('What is the parking cap per day at the Inverness depot?', passage(rates))).abstained,
    ).toBe(true);
  });

  it('does not take a row for the heading when the passage opens mid-table', async () => {
    const midTable = [
      '| `LOG_LEVEL` | `info` | pino level |',
      '| `PORT` | `3000` | HTTP port the server listens on |',
    ].join('\n');
    // "info" would be the cell under the first row's "info" if that row were taken as the heading.
    expect(
      (
        await answerer.extract(
          'What info does the PORT setting give about the port the server listens on?',
          passage(midTable),
        )
      ).answer,
    ).not.toBe('3000');
  });

  it('splits a chunk into lines once, not once for each of its sentences: 8,000 lines took 5 s', async () => {
    const log = ['Pipe | here', ...Array.from({ length: 2_000 }, (_, i) => `Job ${i % 7} failed.`)].join('\n');
    vi.mocked(linesOf).mockClear();
    expect((await answerer.extract('Which job failed?', passage(log))).citations[0]).toMatchObject({ startLine: 2 });
    // Once for each reader of a chunk's lines (its code and headings, its table columns, its table rows), not 2,000 times.
    expect(vi.mocked(linesOf).mock.calls.filter(([t]) => t === log).length).toBeLessThanOrEqual(3);
  });
});

describe('record answers to who-questions', () => {
  it('take a name, never an identifier the question happens to name the key of', async () => {
    const trips = [
      'trip_id: T-2506; year_group: Year 6; class: Herons; destination: Oakmere Outdoor Centre; date: 2026-05-18; lead: Mr Ola Nwosu; transport: Vale Coaches',
      'trip_id: T-2505; year_group: Reception; class: Wrens; destination: Hensbury Library; date: 2026-03-04; lead: Mrs Amy Cole; transport: walking',
    ].join('\n');
    expect((await answerer.extract('Who is in charge of the Year 6 trip to Oakmere?', passage(trips))).answer).toBe(
      'Mr Ola Nwosu',
    );
    // Asked which trip, the identifier is still the answer.
    expect((await answerer.extract('Which trip goes to Oakmere?', passage(trips))).answer).toBe('T-2506');
  });
});
