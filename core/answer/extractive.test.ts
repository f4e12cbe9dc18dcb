import { describe, expect, it, vi } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { NOT_IN_DOCUMENTS } from './answerer.js';
import { citationFor } from './citations.js';
import { ExtractiveAnswerer } from './extractive.js';
import { agentForms, questionTerms } from './evidence.js';
import { answerType, focusWord } from './question-type.js';

// Spied on, not replaced: to count the sentences placed for citations.
vi.mock('./citations.js', { spy: true });

const text = [
  'The committee met in Geneva on Tuesday, 4 March 2025.',
  'It was chaired by Maria Okonkwo, the treasurer of the group.',
  'Over 1,200 delegates attended the session.',
].join('\n');
const chunk: Chunk = {
  id: 0,
  source: 'notes/meeting.txt',
  startLine: 10,
  endLine: 12,
  startOffset: 0,
  endOffset: text.length,
  text,
};
const passages: Passage[] = [{ chunk, score: 1 }];
/** One retrieved passage holding `text`, at the notes' place. */
const passageOf = (text: string): Passage[] => [{ chunk: { ...chunk, text, endOffset: text.length }, score: 1 }];
const answerer = new ExtractiveAnswerer(() => 1, undefined, null);

// These pin the hand-written rules' verdict (ExtractiveAnswerer.rulesVerdict), which the learned reader
// weighs as a feature and READER=rules answers with; the learned reader is tested in reader/reader.test.ts.
describe('answerType', () => {
  it('reads the kind of answer a question wants', async () => {
    expect(answerType('When did it start?')).toBe('date');
    expect(answerType('What year was it founded?')).toBe('date');
    expect(answerType('Who chaired it?')).toBe('person');
    expect(answerType('How many delegates came?')).toBe('number');
    expect(answerType('Where did they meet?')).toBe('place');
    expect(answerType('Why did they meet?')).toBe('reason');
    expect(answerType('What is the population of Geneva?')).toBe('number');
    // A price wants a currency where the text gives one; "how much RAM" is an amount, no price.
    expect(answerType('How much is the Business plan per month?')).toBe('money');
    expect(answerType('What does each extra label cost?')).toBe('money');
    expect(answerType('What was the budget of the project?')).toBe('money');
    expect(answerType('How much RAM is recommended?')).toBe('number');
    // Paying and charging ask for a price in any tense.
    expect(answerType('How much are we paying to have the playground resurfaced?')).toBe('money');
    expect(answerType("What do you charge if I'm late collecting?")).toBe('money');
    // A number to ring is a telephone number; "what number of" counts.
    expect(answerType('What number do I ring to say my daughter is ill?')).toBe('phone');
    expect(answerType('What is the helpline number?')).toBe('phone');
    expect(answerType('What number of delegates came?')).toBe('number');
    // A deadline is a date or a time, whatever it is called.
    expect(answerType("What's the cut-off for booking Breakfast Club?")).toBe('date');
    expect(answerType('What is the closing date for applications?')).toBe('date');
    expect(answerType('How warm did the freezer get?')).toBe('measure');
    expect(answerType('How soon should an urgent repair be attended to?')).toBe('measure');
    expect(answerType('What was the name of the Thermo engineer who replaced the compressor?')).toBe('person');
    expect(answerType('What is the name of the booking tool?')).toBe('entity');
    // The noun before "of" is the kind asked for, where only the tagger finds the verb.
    expect(focusWord('Which version of corebook added the check-in command?')).toBe('version');
    expect(focusWord('What part of the NovaSeq had to be replaced?')).toBe('part');
    expect(focusWord('What kind of machine is a Turing machine?')).toBe('machine');
    expect(answerType('What caused the outage?')).toBe('reason');
    // A leading "when ..." clause is a condition, not the question.
    expect(answerType('When sorting takes long, what case complexity is that?')).toBe('entity');
    expect(answerType('When the committee met in Geneva, who chaired it?')).toBe('person');
    // "when" asks for a date only as the question word; later it says under what condition.
    expect(answerType('Who chaired the committee when it met in Geneva?')).toBe('person');
    expect(answerType('What happens when a PDF is encrypted?')).toBe('other');
    expect(answerType('What does the WATCH setting do?')).toBe('other');
    expect(answerType('And when did they meet?')).toBe('date');
    // "whose" after the question word is a relative, not a question for a person.
    expect(answerType('What kind of problem is one whose answer is yes or no?')).toBe('entity');
    expect(answerType('Besides the treasurer, who signs the cheques?')).toBe('person');
    expect(answerType('How long is the measure?')).toBe('measure');
    // A rate is a number ("3% above base rate"); "at what rate" asks how fast, maybe in words ("rapidly").
    expect(answerType('What interest rate is charged on rent arrears?')).toBe('number');
    expect(answerType('What is the state average growth rate?')).toBe('number');
    expect(answerType('At what rate is the county growing?')).toBe('entity');
    expect(answerType('What was the lost property collection fee before April?')).toBe('money');
    expect(answerType('What hours is the counter open?')).toBe('date');
    expect(answerType('What was our punctuality figure for April?')).toBe('number');
    expect(answerType('What was the percentage of people that voted in favour?')).toBe('number');
  });

  it('reads "the driver" for "who was driving" and "Owner:" for "who owns", in who-questions only', async () => {
    const report =
      'Bus 2317 broke down on Pennock Hill. It is an Alexander Dennis Enviro200 from Carrow Street depot. The driver, Sam Adeyemi, stopped in the lay-by.';
    expect((await answerer.extract('Who was driving bus 2317 when it broke down?', passageOf(report))).answer).toBe(
      'Sam Adeyemi',
    );
    const policy =
      'Retention policy, version 3.\nOwner: Dr Imogen Raftery\nApproved by the Board of Governors in March.';
    expect((await answerer.extract('Who owns the retention policy?', passageOf(policy))).answer).toBe(
      'Dr Imogen Raftery',
    );
    // Asked how long, "printer" says nothing of printing.
    expect(
      agentForms(
        questionTerms('Who prints the labels?', () => 1),
        'print',
      ),
    ).toEqual(['printer', 'printor']);
    expect(
      agentForms(
        questionTerms('How long can the warehouse not print?', () => 1),
        'print',
      ),
    ).toEqual([]);
  });

  it('looks further down for a phrase of the kind asked for before saying the documents lack it', async () => {
    const lines = [
      'Lost mobile phones are held at the counter.',
      'Lost mobile phones held at the counter are logged.',
      'Lost mobile phones held at the counter are checked for an owner name.',
      'Lost mobile phones held at the counter are locked in the safe.',
    ];
    // The duration is said in the sentence after them, which leans on the one before.
    const policy = [...lines, 'They are destroyed after 90 days.'].join(' ');
    expect(
      (await answerer.extract('How long are lost mobile phones held at the counter?', passageOf(policy))).answer,
    ).toBe('90 days');
    // A sentence covering little of the question is not searched: how long is not said.
    const other = [...lines, 'Umbrellas go to the depot.', 'Umbrellas are destroyed after 30 days.'].join(' ');
    expect(
      (await answerer.extract('How long are lost mobile phones held at the counter?', passageOf(other))).abstained,
    ).toBe(true);
  });

  it('does not count with a bare "one": it is a pronoun or determiner there', async () => {
    const text =
      'The one exception to the bike rule is the X5 between Ashbridge and Pennock. No one may ride on the rack.';
    expect((await answerer.extract('How many exceptions are there to the bike rule?', passageOf(text))).abstained).toBe(
      true,
    );
    // Before what it counts, "one" is a count (the question's own word trimmed off).
    const bus = 'Each X5 bus carries one wheelchair in the bay by the door.';
    expect((await answerer.extract('How many wheelchairs can each X5 bus carry?', passageOf(bus))).answer).toBe('one');
  });

  it('answers "what time" with a time of day over a date', async () => {
    const guide = 'Your first day is Tuesday 1 April; please arrive at reception at 9:30 and ask for your buddy.';
    expect((await answerer.extract('What time should I arrive on my first day?', passageOf(guide))).answer).toBe(
      '9:30',
    );
    expect((await answerer.extract('What day is my first day?', passageOf(guide))).answer).not.toBe('9:30');
  });

  it('answers a rate with the number, not the words around it', async () => {
    const lease =
      '4.2 If any Rent is unpaid for 14 days or more after the date on which it fell due, the Landlord may charge interest on the unpaid amount at 3% above the Bank of England base rate, calculated daily from the due date until payment is received.';
    expect((await answerer.extract('What interest rate is charged on rent arrears?', passageOf(lease))).answer).toBe(
      '3%',
    );
  });

  it('answers "who" with a role where the text names no person', async () => {
    const policy =
      'Expenses are paid monthly. Claims above £500 also need the approval of the budget holder for your team.';
    const at = passageOf(policy);
    expect((await answerer.extract('Who approves claims above £500?', at)).answer).toBe('budget holder');
    const named = 'Claims above £500 also need the approval of Dana Whitfield, the budget holder.';
    const atNamed = passageOf(named);
    expect((await answerer.extract('Who approves claims above £500?', atNamed)).answer).toBe('Dana Whitfield');
  });

  it('finds the noun naming the kind of thing asked for', async () => {
    expect(focusWord('On which social media platform did she post?')).toBe('platform');
    expect(focusWord('Which gas pipeline was discussed?')).toBe('pipeline');
    // No auxiliary after the noun: the tagger finds the verb.
    expect(focusWord('Which plans include SAML single sign-on?')).toBe('plans');
    expect(focusWord('Which operating systems support the agent?')).toBe('systems');
    expect(focusWord('What was the outcome?')).toBeUndefined();
    expect(focusWord('Who chaired it?')).toBeUndefined();
  });
});

describe('ExtractiveAnswerer', () => {
  it('answers with the short phrase of the asked type, verbatim, and cites its sentence and line', async () => {
    const when = await answerer.extract('When did the committee meet?', passages);
    expect(when.answer).toBe('Tuesday, 4 March 2025');
    expect(when.citations[0]).toMatchObject({
      source: 'notes/meeting.txt',
      startLine: 10,
      endLine: 10,
      quote: 'The committee met in Geneva on Tuesday, 4 March 2025.',
    });
    expect((await answerer.extract('Who chaired the committee?', passages)).answer).toBe('Maria Okonkwo');
    expect((await answerer.extract('How many delegates attended the session?', passages)).answer).toMatch(
      /^(Over )?1,200$/,
    );
    const where = await answerer.extract('Where did the committee meet?', passages);
    expect(where.answer).toBe('Geneva');
    expect(where.citations[0]?.startLine).toBe(10);
  });

  it("cites each place once: two sentences of one line make one citation, the answer's", async () => {
    const line = 'The committee met in Geneva in March. The committee met again in Geneva in May.';
    const at = passageOf(line);
    const r = await answerer.extract('When did the committee meet in Geneva?', at);
    expect(r.citations).toHaveLength(1);
    expect(r.answer).toContain(r.citations[0]!.quote.includes('May') ? 'May' : 'March');
  });

  it("never answers with half a parenthesis, also once the question's own words are trimmed off", async () => {
    const statement =
      'In a statement released by the Taliban-controlled Arg (Presidential Palace), Akhund assured the delegation.';
    const at = passageOf(statement);
    for (const question of ['What is Arg?', 'Who released the statement from the Arg?', 'What did the Arg release?']) {
      const { answer } = await answerer.extract(question, at);
      expect(answer.split('(').length, `${question} → ${answer}`).toBe(answer.split(')').length);
    }
  });

  it('tells a city from a country when the question names which it wants', async () => {
    const travel = 'The delegation flew from Australia to Melbourne, then drove to Canberra.';
    const at = passageOf(travel);
    expect(answerType('In which city did the delegation land?')).toBe('city');
    expect((await answerer.extract('From which country did the delegation fly?', at)).answer).toBe('Australia');
    expect((await answerer.extract('Which city did the delegation fly to?', at)).answer).toBe('Melbourne');
  });

  it('answers a "which <noun>" question with the name standing beside that noun', async () => {
    const post =
      'The treasurer, Maria Okonkwo of Kenya, later wrote on the messaging platform Q that the talks had gone well.';
    const at = passageOf(post);
    expect((await answerer.extract('On which messaging platform did the treasurer write?', at)).answer).toBe('Q');
    // Asked without the words before the noun, the whole phrase "messaging platform Q" is no answer; its name is.
    expect((await answerer.extract('On which platform did the treasurer write?', at)).answer).toBe('Q');
    const pipe = 'Engineers from three countries inspected the TAPI gas pipeline near the border.';
    const on = passageOf(pipe);
    expect((await answerer.extract('Which pipeline did the engineers inspect?', on)).answer).toBe('TAPI gas');
    // A capitalised noun belongs to the name.
    const line = 'The two crossings lie on the Durand Line, which Kabul has never recognised.';
    const along = passageOf(line);
    expect((await answerer.extract('Along which line do the crossings lie?', along)).answer).toBe('Durand Line');
  });

  it('takes a common word before the noun asked about as its kind, answering only "what kind of" questions', async () => {
    const say = async (text: string, question: string) => (await answerer.extract(question, passageOf(text))).answer;
    expect(
      await say(
        'Business trips are covered by our travel insurer Aldgate Mutual.',
        'Which insurer covers business trips?',
      ),
    ).toBe('Aldgate Mutual');
    expect(
      await say('SAML SSO is available on the Business and Enterprise plans.', 'Which plans include SAML SSO?'),
    ).toBe('Business and Enterprise');
    expect(
      await say(
        'A non-deterministic machine checks many possibilities at the same time.',
        'What type of machine checks many possibilities at the same time?',
      ),
    ).toBe('non-deterministic');
  });

  it('answers "how many X" with the count standing beside X, and "which X" never with one', async () => {
    const text =
      'Around 14,300 shipments missed their collection and went out a day late. 38 customers were affected; two of them, Corvane Home and Bellweather Outdoor, have asked for service credits.';
    const at = passageOf(text);
    expect((await answerer.extract('How many shipments went out a day late?', at)).answer).toBe('Around 14,300');
    expect((await answerer.extract('Which customers have asked for service credits?', at)).answer).toBe(
      'Corvane Home and Bellweather Outdoor',
    );
  });

  it('answers a web address whole, "how often" with a frequency and "how much notice" with a measure', async () => {
    const text = [
      'ACS (reply) URL: https://app.example.io/sso/saml/acs.',
      'Everyone completes the data protection course within 14 days of joining and again every 12 months.',
      'We email workspace owners 30 days before the signing certificate expires, and again a single day before.',
    ].join('\n');
    const at = passageOf(text);
    expect((await answerer.extract('What ACS URL do I give my identity provider?', at)).answer).toBe(
      'https://app.example.io/sso/saml/acs',
    );
    expect((await answerer.extract('How often do we redo the data protection course?', at)).answer).toBe(
      'every 12 months',
    );
    expect(
      (await answerer.extract('How much warning do owners get before the signing certificate expires?', at)).answer,
    ).toBe('30 days');
  });

  it('answers a price question with an amount written as a price, never a house number or a bare count', async () => {
    const text =
      'Halvorsen Freight AS, Strandkaien 18, Bergen, pays the fees set out in Schedule 2 to 4 Cutler Street.';
    const at = passageOf(text);
    expect((await answerer.extract('How much is the annual fee Halvorsen Freight pays?', at)).abstained).toBe(true);
    const priced = 'Halvorsen Freight pays an annual fee of £48,000.';
    expect(
      (await answerer.extract('How much is the annual fee Halvorsen Freight pays?', passageOf(priced))).answer,
    ).toBe('£48,000');
  });

  it('answers "when" with a time of day, its "am" kept', async () => {
    const hours = 'The handbook says the office opens at 9 am on weekdays.';
    const at = passageOf(hours);
    expect((await answerer.extract('When does the office open?', at)).answer).toBe('9 am');
  });

  it('answers "when" with a whole schedule, and not "who" with a time zone or a field label', async () => {
    const text = [
      'Ticket: OPS-114        Priority: High',
      'Backups older than 30 days are removed by the `snapshot-cleaner` job every Friday at 22:15 UTC.',
    ].join('\n');
    const at = passageOf(text);
    expect((await answerer.extract('When does the snapshot cleaner run?', at)).answer).toBe(
      'every Friday at 22:15 UTC',
    );
    expect((await answerer.extract('Who removes backups older than 30 days?', at)).answer).not.toMatch(
      /^(?:UTC|Priority|Ticket)$/,
    );
  });

  it('answers "how many" with a count in words ("a single", "hundreds of")', async () => {
    const text = 'Each request gets a single reply, and hundreds of clients connect every hour.';
    const at = passageOf(text);
    expect((await answerer.extract('How many replies does each request get?', at)).answer).toBe('single');
    expect((await answerer.extract('How many clients connect every hour?', at)).answer).toBe('hundreds');
  });

  it('answers "how long" with a measure, never a bare number or a house number, and keeps a percent sign', async () => {
    const lease =
      'The lease between Ardmore Ltd, 4 Quay Street, and the tenant runs for 24 months; the tenant pays 3% a year more.';
    const at = passageOf(lease);
    expect((await answerer.extract('How long does the lease run?', at)).answer).toBe('24 months');
    expect((await answerer.extract('How much more does the tenant pay each year?', at)).answer).toBe('3%');
    const bare = 'The lease between Ardmore Ltd, 4 Quay Street, and the tenant was signed by both.';
    const only = passageOf(bare);
    expect(
      (await answerer.extract('How long does the lease between Ardmore and the tenant run?', only)).abstained,
    ).toBe(true);
  });

  it("takes a name as said when another retrieved passage of the same document says it, not another document's", async () => {
    const top = 'SUPPLY AGREEMENT between Corvane Foods Ltd and the Buyer.';
    const term = '4.1 This Agreement continues for an initial term of 24 months.';
    const head = { ...chunk, source: 'corvane-contract.txt', text: top, endOffset: top.length };
    const body = {
      ...chunk,
      id: 1,
      source: 'corvane-contract.txt',
      startLine: 40,
      endLine: 40,
      text: term,
      endOffset: term.length,
    };
    const question = 'How long is the initial term of the Corvane agreement?';
    expect(
      (
        await answerer.extract(question, [
          { chunk: body, score: 1 },
          { chunk: head, score: 0.5 },
        ])
      ).answer,
    ).toBe('24 months');
    const elsewhere = { ...head, source: 'corvane-letter.txt' };
    expect(
      (
        await answerer.extract(question, [
          { chunk: body, score: 1 },
          { chunk: elsewhere, score: 0.5 },
        ])
      ).abstained,
    ).toBe(true);
  });

  it('answers with inline code whole, a path for "where"', async () => {
    const manual = [
      'If uploads stall, check the log at `/var/log/relay/agent.log` for errors from the Relay service.',
      '- `relayctl reload` — re-reads the configuration file without stopping transfers.',
    ].join('\n');
    const at = passageOf(manual);
    expect((await answerer.extract('Where is the agent log?', at)).answer).toBe('/var/log/relay/agent.log');
    expect((await answerer.extract('Which command re-reads the configuration file?', at)).answer).toBe(
      'relayctl reload',
    );
  });

  it('answers "what command" with a line of a fenced block whole, read with the prose introducing it, never the fence', async () => {
    const runbook = [
      '### Re-run a failed job',
      '',
      'Find the run id in the dashboard or with `kestrelctl runs --failed`, then re-run it:',
      '',
      '```sh',
      '$ kestrelctl rerun <run-id> --reason "retry"',
      '```',
      '',
      'A reason is required; it is kept in the audit log.',
    ].join('\n');
    const at = passageOf(runbook);
    const result = await answerer.extract('What command do I use to re-run a failed job?', at);
    expect(result.answer).toBe('kestrelctl rerun <run-id> --reason "retry"');
    expect(result.citations[0]!.quote).toBe('$ kestrelctl rerun <run-id> --reason "retry"');
    expect(answerType('Which environment variable sets the port?')).toBe('code');
    // "variable" alone is a word of mathematics as often as of configuration.
    expect(answerType('What variable is associated with logarithmic space?')).toBe('entity');
    const fences = (await answerer.extract('How do I re-run a failed job with a reason?', at)).citations.map(
      (c) => c.quote,
    );
    expect(fences.some((q) => q.startsWith('```'))).toBe(false);
  });

  it('answers "when am I allowed …" with the condition a sentence states when it gives no date, and "when did …" only with a date', async () => {
    const policy =
      'Premium economy is allowed on flights longer than 6 hours. Business class needs a director to approve it.';
    expect((await answerer.extract('When am I allowed to fly premium economy?', passageOf(policy))).answer).toBe(
      'Premium economy is allowed on flights longer than 6 hours.',
    );
    expect(
      (await answerer.extract('When did premium economy become allowed on flights?', passageOf(policy))).abstained,
    ).toBe(true);
  });

  it('answers "how do I …" with the command of the code block the best sentence introduces', async () => {
    const guide = [
      '## Before you upgrade',
      '',
      '1. Tell the site lead.',
      '2. Back up the configuration and the local queue:',
      '',
      '```sh',
      '$ sudo pbagent backup --output /var/backups/agent.tar.gz',
      '```',
      '',
      'Keep the file for seven days.',
    ].join('\n');
    const result = await answerer.extract('How do I back up the configuration and the local queue?', passageOf(guide));
    expect(result.answer).toBe('sudo pbagent backup --output /var/backups/agent.tar.gz');
    expect(result.citations[0]!.quote).toBe('$ sudo pbagent backup --output /var/backups/agent.tar.gz');
    // Without a block after it, the sentence answers.
    expect((await answerer.extract('How do I keep the file?', passageOf(guide))).answer).toBe(
      'Keep the file for seven days.',
    );
  });

  it('never answers with a question the text asks on a line of its own (an FAQ), but reads one inside a paragraph', async () => {
    const faq = passageOf(
      [
        'Sample submission FAQ',
        '',
        'What happens if my samples fail quality control?',
        'We email you the QC report and put the submission on hold.',
      ].join('\n'),
    );
    expect((await answerer.extract('What happens when samples fail quality control?', faq)).answer).toBe(
      'We email you the QC report and put the submission on hold.',
    );
    const paragraph = passageOf(
      'The problem asks: is there a route through all 15 cities with at most 2000 kilometres? No fast method is known.',
    );
    expect(
      (await answerer.extract('How many kilometres may the route through the 15 cities be at most?', paragraph)).answer,
    ).toBe('2000 kilometres');
  });

  it('keeps the unit of an amount the question names, and asks a frequency for its period', async () => {
    const policy = passageOf(
      'A project owner may ask for the 60-day delivery period to be extended by up to 30 days. The alarm on every freezer will be tested on the first Monday of each month.',
    );
    expect((await answerer.extract('By how much can the 60-day delivery period be extended?', policy)).answer).toBe(
      '30 days',
    );
    expect((await answerer.extract('How often will the freezer alarms be tested?', policy)).answer).toBe(
      'first Monday of each month',
    );
  });

  it("reads a changelog's dated release heading as saying when the release came", async () => {
    const changelog = passageOf(
      [
        '# corebook changelog',
        '',
        '## [2.4.0] - 2025-05-06',
        '',
        '### Added',
        '- A waiting list for released slots.',
        '',
        '## [2.3.1] - 2025-03-24',
        '',
        '### Fixed',
        '- Login tokens expired after 7 days.',
      ].join('\n'),
    );
    expect((await answerer.extract('When was corebook 2.4.0 released?', changelog)).answer).toBe('2025-05-06');
  });

  it('looks further down for the person a who-question asks about, among sentences as good as the best', async () => {
    const thread = passageOf(
      [
        'Illumina will send an engineer to repair the NovaSeq on Thursday.',
        'Until the Illumina engineer has repaired the NovaSeq, Helix takes no bookings.',
        'The Illumina engineer needs the NovaSeq empty to repair it.',
        'Repair of the NovaSeq by the Illumina engineer is covered by Helix Care.',
        'The Illumina engineer, Rosalind Achebe, repaired the NovaSeq on Friday.',
      ].join('\n'),
    );
    expect((await answerer.extract('Who was the Illumina engineer who repaired the NovaSeq?', thread)).answer).toBe(
      'Rosalind Achebe',
    );
  });

  it('asked who, does not take the last word of a name the question says for someone ("Form" of "Pet Request Form")', async () => {
    const policy = passageOf(
      'If we refuse a pet request, the tenant can ask for it to be reviewed, using the Pet Request Form. The review is done by Rebecca Hale.',
    );
    expect((await answerer.extract('Who can review a refused pet request?', policy)).answer).not.toBe('Form');
  });

  it('never answers with a heading: the sentences under it do', async () => {
    const guide = [
      '## Rolling back',
      '',
      'If the agent has not connected after 15 minutes, reinstall the previous version.',
      '',
      'ACCESS PERIOD',
      '',
      'Access is granted for up to 8 hours.',
    ].join('\n');
    const at = passageOf(guide);
    expect((await answerer.extract('How do I go about rolling back?', at)).answer).toBe(
      'If the agent has not connected after 15 minutes, reinstall the previous version.',
    );
    expect((await answerer.extract('How long is the access period?', at)).answer).toBe('8 hours');
  });

  it('answers "why" with the cause a sentence gives, from a sentence covering the question as well as the best', async () => {
    const docs = [
      'Disk usage on the workers is shown on the dashboard | worker disks | 85% alert',
      'Four of the six workers ran out of disk space because container logs were no longer being pruned.',
    ].join('\n');
    const at = passageOf(docs);
    const result = await answerer.extract('Why did the worker disks run out of space?', at);
    expect(result.answer).toBe('container logs were no longer being pruned');
    expect(result.citations[0]!.startLine).toBe(11);
    expect((await answerer.extract('What caused the workers to run out of disk space?', at)).answer).toBe(
      'container logs were no longer being pruned',
    );
    // The cause may follow the sentence that names what happened ("Date of incident: …").
    const report = [
      'Label printing outage on 12 June',
      'The agents could not reach the rendering service, because its TLS certificate had expired at midnight.',
    ].join('\n');
    const atReport = passageOf(report);
    expect((await answerer.extract('What caused the label printing outage on 12 June?', atReport)).answer).toBe(
      'its TLS certificate had expired at midnight',
    );
    // Without a stated cause, the best sentence answers, whole.
    const plain = passageOf('The workers ran out of disk space on Tuesday.');
    expect((await answerer.extract('Why did the workers run out of disk space?', plain)).answer).toBe(
      'The workers ran out of disk space on Tuesday.',
    );
  });

  it('does not answer "who" with a month the capitals pattern took for a name', async () => {
    const notes = [
      'Product steering meeting — 11 February 2025, Room 4B',
      'Attendees: Dana Whitfield (chair), Marcus Lee, Sofia Alvarez',
    ].join('\n');
    const at = passageOf(notes);
    expect((await answerer.extract('Who chaired the product steering meeting?', at)).answer).toBe('Dana Whitfield');
  });

  it('answers a question asking for several things with the whole list the phrase stands in', async () => {
    const manual =
      'Relay is a small background agent. It runs on Linux, macOS and Windows Server 2019 or later, and it is free.';
    const at = passageOf(manual);
    expect((await answerer.extract('Which operating systems does Relay run on?', at)).answer).toBe(
      'Linux, macOS and Windows Server 2019',
    );
    const two = 'The classes NL and NC lie between L and P, and it is not known which are equal.';
    const between = passageOf(two);
    expect((await answerer.extract('What are two complexity classes between L and P?', between)).answer).toBe(
      'NL and NC',
    );
  });

  it('does not answer a population question with a date', async () => {
    const r = await answerer.extract('What is the population of Geneva?', passages);
    expect(r).toMatchObject({ abstained: true, answer: NOT_IN_DOCUMENTS });
  });

  it('answers from a passage that names what the question names, not from a better-worded one that does not', async () => {
    const other = 'At its last meeting the committee of treasurers was chaired by Jean Dupont.';
    const lyon: Passage = {
      chunk: { ...chunk, id: 1, source: 'notes/lyon.txt', text: other, endOffset: other.length },
      score: 2,
    };
    const r = await answerer.extract('Who chaired the meeting of the committee of treasurers in Geneva?', [
      lyon,
      ...passages,
    ]);
    expect(r.answer).toBe('Maria Okonkwo');
    expect(r.citations[0]?.source).toBe('notes/meeting.txt');
  });

  it('abstains when the question asks what is not so and the text only says what is', async () => {
    const r = await answerer.extract('Who did not chair the committee?', passages);
    expect(r).toMatchObject({ abstained: true, reason: 'negation' });
    const denied = 'The delegates from Chile did not attend the session.';
    const at = passageOf(denied);
    expect((await answerer.extract('Which delegates did not attend the session?', at)).abstained).toBe(false);
    expect((await answerer.extract('Who chaired the committee, whether or not it met?', passages)).answer).toBe(
      'Maria Okonkwo',
    );
  });

  it('cites the right line of a multi-line chunk', async () => {
    const r = await answerer.extract('Who was the treasurer of the group?', passages);
    expect(r.citations[0]?.startLine).toBe(11);
    expect(r.answer).toBe('Maria Okonkwo');
  });

  it('places only the sentences it cites, not every one as good: a log of 20,000 such lines took 7 s', async () => {
    // Placing a sentence reads its chunk up to it; done for each of thousands of equally good lines, that is quadratic.
    const log = Array.from({ length: 2_000 }, (_, i) => `Job ${i % 7} failed.`).join('\n');
    vi.mocked(citationFor).mockClear();
    const r = await answerer.extract('Which job failed?', passageOf(log));
    expect(r.citations.map((c) => c.startLine)).toEqual([10, 11, 12]);
    expect(vi.mocked(citationFor).mock.calls.length).toBe(3);
  });

  it('abstains when the passages do not cover the question or lack what it names', async () => {
    for (const q of [
      'What is the capital of Peru?',
      'When did the committee meet in Nairobi?',
      'How many delegates attended in 1999?',
    ]) {
      const r = await answerer.extract(q, passages);
      expect(r, q).toMatchObject({ answer: NOT_IN_DOCUMENTS, abstained: true, citations: [] });
    }
    expect((await answerer.extract('Who chaired it?', [])).abstained).toBe(true);
  });

  it('leaves a question naming what no passage names open, marked so, for the learned reader to weigh', () => {
    expect(answerer.prepare('When did the committee meet in Nairobi?', passages)).toMatchObject({
      namesUnsaid: true,
      best: { text: 'The committee met in Geneva on Tuesday, 4 March 2025.' },
    });
    expect(answerer.prepare('When did the committee meet in Geneva?', passages)).toMatchObject({ namesUnsaid: false });
  });

  it('streams deltas that add up to the answer, then done', async () => {
    const events = [];
    for await (const e of answerer.answer({ question: 'Who chaired the committee?', passages })) events.push(e);
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    const streamed = events
      .filter((e) => e.type === 'delta')
      .map((e) => (e.type === 'delta' ? e.text : ''))
      .join('');
    expect(done?.type === 'done' && done.answer).toBe(streamed);
  });
});

describe('what time', () => {
  it("answers with a time of day in the list item the question's line introduces, before a day without one", async () => {
    const text =
      'If your child is ill, you must let us know on **every day** of the absence:\n\n1. Phone the absence line on **01632 960 712** (press 1) before **09:15**, or e-mail the office.';
    expect(
      (await answerer.extract('By what time do I need to let school know my son is ill?', passageOf(text))).answer,
    ).toBe('09:15');
  });
});

describe('a number to ring', () => {
  it('is answered by the telephone number, not by a number beside it', async () => {
    const text =
      'If your child is ill, phone the absence line on 01632 960 712 (press 1) before 09:15, every day of the absence.';
    expect((await answerer.extract('What number do I ring if my child is ill?', passageOf(text))).answer).toBe(
      '01632 960 712',
    );
    expect(
      (
        await answerer.extract(
          'What number do I ring if my child is ill?',
          passageOf('If your child is ill, tell the class teacher on day 1.'),
        )
      ).abstained,
    ).toBe(true);
  });
});
