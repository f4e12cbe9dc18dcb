import { describe, expect, it } from 'vitest';
import { missingNames, otherKind, unsaidNegation } from './unsaid.js';
import { ExtractiveAnswerer } from './extractive.js';
import type { Chunk } from '../types.js';

describe('missingNames', () => {
  it('hears a day said by its short form or inside a run of days', async () => {
    expect(missingNames('When does the first Saturday bus leave?', 'days: Sat; stop: Ashbridge; dep_1: 07:35')).toEqual(
      [],
    );
    expect(
      missingNames('When does the first Tuesday bus leave?', 'days: Mon-Fri; stop: Ashbridge; dep_1: 06:10'),
    ).toEqual([]);
    expect(
      missingNames('When does the first Sunday bus leave?', 'days: Mon-Fri; stop: Ashbridge; dep_1: 06:10'),
    ).toEqual(['Sunday']);
  });

  it('hears a numbered thing inside a run the passage names: "Years 3 to 6" says Year 4, not Year 7', async () => {
    const row = 'Hot lunch | Years 3 to 6 | £2.70 a day';
    expect(missingNames('How much is a hot lunch in Year 4?', row)).toEqual([]);
    expect(missingNames('How much is a hot lunch in Year 7?', row)).toEqual(['7']);
    expect(missingNames('Who is on level 3?', 'Rooms on levels 2–4 are closed.')).toEqual([]);
    // A date range or a score is no run of numbered things.
    expect(missingNames('What happened in June 5?', 'The fair ran June 3-6.')).toEqual(['5']);
  });

  it('hears an amount with zero pence as the whole amount, but not a version as its major number', async () => {
    expect(
      missingNames(
        'What happens if the account is more than £15 overdrawn?',
        'If the account is more than £15.00 in debt, we write to you.',
      ),
    ).toEqual([]);
    expect(
      missingNames(
        'What happens if the account is more than £15.50 overdrawn?',
        'If the account is more than £15 in debt, we write to you.',
      ),
    ).toEqual(['15.50']);
    expect(missingNames('Who approved version 2.0?', 'Version 2 was approved by the board.')).toEqual(['2.0']);
  });

  it('lists the names and numbers of the question that the passage never says', async () => {
    const passage = 'In 1966 Pakistan and India signed the Tashkent Declaration.';
    expect(missingNames('When did India and Pakistan sign the Tashkent Declaration?', passage)).toEqual([]);
    expect(missingNames('When did Nepal sign the Tashkent Declaration in 1967?', passage)).toEqual(['Nepal', '1967']);
  });

  it('reads a time of day said in the other writing as said: "5 pm" and "17:00", "9:30 am" and "09:30"', async () => {
    expect(missingNames('Why must runs start before 5 pm?', 'Runs that go overnight must start before 17:00.')).toEqual(
      [],
    );
    expect(missingNames('What opens at 09:30?', 'The desk opens at 9:30 am.')).toEqual([]);
    expect(missingNames('Why must runs start before 6 pm?', 'Runs that go overnight must start before 17:00.')).toEqual(
      ['6'],
    );
  });

  it('reads a code of letters and digits only whole: freezer F-07 and a 09:00 reading do not say F-09', async () => {
    const log = 'Freezer F-07 stopped cooling at 09:00; the F-series freezers were checked.';
    expect(missingNames('When did freezer F-09 fail?', log)).toEqual(['F-09']);
    expect(missingNames('When did freezer F-07 fail?', log)).toEqual([]);
  });

  it('reads the month of an ISO date as said ("2025-07-14" says July), as records write dates', async () => {
    const row = 'week_starting: 2025-07-14; primary: Amaia Soto; secondary: Kit Brannigan';
    expect(missingNames('Who is primary on call in the week of 14 July?', row)).toEqual([]);
    expect(missingNames('Who is primary on call in the week of 14 August?', row)).toEqual(['August']);
  });

  it('counts derived forms and near spellings as said', async () => {
    expect(missingNames('Which Californian city grew fastest?', 'California grew fast.')).toEqual([]);
    expect(missingNames('Who founded Tashkant?', 'Tashkent was founded long ago.')).toEqual([]);
    // Two letters swapped is one slip, not two.
    expect(missingNames('Who founded Tashkatn?', 'Tashkent was founded long ago.')).toEqual(['Tashkatn']);
    expect(missingNames('Who founded Tahskent?', 'Tashkent was founded long ago.')).toEqual([]);
    expect(missingNames('Who founded Tsahkent?', 'Tashkent was founded long ago.')).toEqual([]);
  });

  it('compares hyphenated names by their parts and abbreviations without their dots', async () => {
    const treaty = 'Rollo signed the treaty of Saint-Clair-sur-Epte with King Charles III.';
    expect(missingNames('Who did Rollo sign the treaty of Saint-Clair-sur-Epte with?', treaty)).toEqual([]);
    expect(
      missingNames('Is graph isomorphism NP-complete?', 'Graph isomorphism is not known to be NP-complete.'),
    ).toEqual([]);
    expect(
      missingNames(
        'What did the 1994 earthquake cost the US?',
        'The 1994 earthquake was the costliest in U.S. history.',
      ),
    ).toEqual([]);
    expect(missingNames('Is it NP-hard?', 'Graph isomorphism is not known to be NP-complete.')).toEqual(['NP-hard']);
  });

  it('reads names from capitals only where capitals mean something', async () => {
    const passage = 'Zabihullah Mujahid is the spokesperson of the Taliban government.';
    for (const q of [
      'WHO IS THE SPOKESPERSON OF THE TALIBAN GOVERNMENT?',
      'Who Is The Spokesperson Of The Taliban Government?',
      '🙂 Who is the spokesperson of the Taliban government?',
      '1. Who is the spokesperson of the Taliban government?',
      '- Who is the spokesperson of the Taliban government?',
      '(Who is the spokesperson of the Taliban government?)',
      'Tell me, Who is the spokesperson of the Taliban government?',
      'Can I ask who the spokesperson of the Taliban government is?',
    ])
      expect(missingNames(q, passage), q).toEqual([]);
    // Still a name check: in plain case, and for a small word in capitals (the WHO, not "who").
    expect(missingNames('Who is the spokesperson of the Kabul government?', passage)).toEqual(['Kabul']);
    expect(missingNames('What did the WHO say about the Taliban?', passage)).toEqual(['WHO']);
    expect(missingNames('Assuming that T is a polynomial, what is the spokesperson?', passage)).toEqual(['T']);
    expect(missingNames('1. Who is the spokesperson in 2024?', passage)).toEqual(['2024']);
  });
});

describe('unsaidNegation', () => {
  it('flags a negated question answered by a sentence that says nothing negative', async () => {
    expect(unsaidNegation('What does not help algorithms?', 'Probabilistic decisions often help algorithms.')).toBe(
      true,
    );
    expect(unsaidNegation('What does not help algorithms?', 'Sorting does not help algorithms.')).toBe(false);
    expect(unsaidNegation("What can't be solved in linear time?", 'It cannot be solved in linear time.')).toBe(false);
    expect(unsaidNegation('What decides whether or not it halts?', 'The oracle decides it.')).toBe(false);
    expect(unsaidNegation('What helps algorithms?', 'Probabilistic decisions often help algorithms.')).toBe(false);
    // A why-not question is answered by a cause, which need not say "not".
    expect(
      unsaidNegation(
        'Why were warehouses on version 3.0 not affected?',
        'Version 3.0 fetches labels through the new gateway.',
      ),
    ).toBe(false);
    // A negation in a condition says when, not what is not so.
    expect(unsaidNegation("What happens if I don't reply?", 'We put the submission on hold.')).toBe(false);
    // A how-to question is answered by a method, which need not say "not".
    expect(
      unsaidNegation(
        "How can I check that the files aren't corrupted?",
        'Run md5sum -c md5sums.txt in the project folder.',
      ),
    ).toBe(false);
    expect(
      unsaidNegation("What happens if I don't reply, and what is not refunded?", 'We put the submission on hold.'),
    ).toBe(true);
  });
});

describe('otherKind', () => {
  it('tells a sentence about another kind of the thing asked about', async () => {
    const s = "Full-time drivers get 28 days' leave a year including bank holidays.";
    expect(otherKind('How many days of annual leave do part-time drivers get?', s)).toBe(true);
    expect(otherKind('How many days of annual leave do full-time drivers get?', s)).toBe(false);
    expect(otherKind('How many days of leave do drivers get?', s)).toBe(false);
    // Said in other writing, it is the same kind.
    expect(
      otherKind(
        'Is there long-term parking?',
        'Long term parking is on level 3; short-term parking is by the entrance.',
      ),
    ).toBe(false);
  });

  it('abstains rather than answer with the other kind', async () => {
    const text = "## Annual leave\n\nFull-time drivers get 28 days' leave a year including bank holidays.";
    const chunk: Chunk = {
      id: 0,
      source: 'handbook.md',
      startLine: 1,
      endLine: 3,
      startOffset: 0,
      endOffset: text.length,
      text,
    };
    const answerer = new ExtractiveAnswerer(() => 1);
    expect(
      (await answerer.extract('How many days of annual leave do part-time drivers get?', [{ chunk, score: 1 }]))
        .abstained,
    ).toBe(true);
    expect(
      (await answerer.extract('How many days of annual leave do full-time drivers get?', [{ chunk, score: 1 }])).answer,
    ).toBe('28 days');
  });
});
