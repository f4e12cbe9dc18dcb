import { describe, expect, it } from 'vitest';
import { isHeading } from './headings.js';

const headings = (text: string) => text.split('\n').filter((_, i, lines) => isHeading(lines, i));

describe('isHeading', () => {
  it('finds Markdown headings, lines in capitals and short lines standing alone without a sentence end', () => {
    const text = [
      '# Upgrade guide',
      '',
      'ROOT CAUSE',
      'The timer was switched off.',
      '',
      'How long we keep data',
      '',
      'Data is deleted after 2 years.',
    ].join('\n');
    expect(headings(text)).toEqual(['# Upgrade guide', 'ROOT CAUSE', 'How long we keep data']);
    expect(headings('PRODUCT COUNCIL: MINUTES\n1. MINUTES OF THE LAST MEETING\nThe minutes were accepted.')).toEqual([
      'PRODUCT COUNCIL: MINUTES',
      '1. MINUTES OF THE LAST MEETING',
    ]);
  });

  it('leaves content alone: sentences, list items, records, table rows, and short lines inside a paragraph', () => {
    const text = [
      '',
      'Access is granted for up to 8 hours.',
      '',
      '- Restore the token',
      '',
      'owner: Tobias; due: 4 Apr',
      '',
      '| A | B |',
      '',
      'Questions go to',
      'the Edge team.',
      '',
    ].join('\n');
    expect(headings(text)).toEqual([]);
    // "#edge-agent" is a channel name, not a Markdown heading.
    expect(headings('\n#edge-agent on Slack.\n')).toEqual([]);
  });
});
