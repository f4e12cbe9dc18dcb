import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { aggregate, METRIC_NAMES } from './aggregate.js';
import { defaultOutDir, parseEvalArgs } from './options.js';
import { httpTarget } from './target.js';

describe('parseEvalArgs', () => {
  it('refuses a threshold on a metric that does not exist before the run, naming the ones that do', () => {
    expect(() => parseEvalArgs(['--min', 'recal@5=0.9'])).toThrow(
      /^--min recal@5=0.9: no metric "recal@5"; metrics: items, .*recall@5/,
    );
    expect(() => parseEvalArgs(['--max', 'wrongfulAbstension=0.1'])).toThrow(/no metric "wrongfulAbstension"/);
    expect(parseEvalArgs(['--min', 'recall@5=0.9', '--max', 'wrongfulAbstention=0.1'])).toMatchObject({
      min: { 'recall@5': 0.9 },
      max: { wrongfulAbstention: 0.1 },
    });
  });

  it('knows every metric a run reports', () => {
    const metrics = aggregate([]);
    for (const name of Object.keys(metrics)) expect(METRIC_NAMES).toContain(name);
  });

  it('refuses --split without --squad, and a --url without its scheme', () => {
    expect(() => parseEvalArgs(['set.jsonl', '--split', 'test'])).toThrow(
      '--split chooses SQuAD articles; it needs --squad',
    );
    expect(parseEvalArgs(['--squad', 'x.json', '--split', 'test']).split).toBe('test');
    expect(parseEvalArgs([]).split).toBe('all');
    expect(() => parseEvalArgs(['set.jsonl', '--url', 'localhost:3000'])).toThrow(
      "--url localhost:3000: give the server's address with its scheme, e.g. http://localhost:3000",
    );
  });
});

describe('defaultOutDir', () => {
  it('names a run after its set, or after the folder of a file called set.jsonl', () => {
    expect(defaultOutDir('/p', { set: '/p/evals/sets/techdocs-2/set.jsonl' })).toBe('/p/.eval/techdocs-2');
    expect(defaultOutDir('/p', { set: '/p/mine/faq.jsonl' })).toBe('/p/.eval/faq');
    expect(defaultOutDir('/p', {})).toBe('/p/.eval/corpus');
    expect(defaultOutDir('/p', { squad: '/x/dev.json' })).toBe('/p/.eval/squad');
  });
});

describe('httpTarget', () => {
  it('says which server could not be reached and why', async () => {
    // A port that was just free: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    const url = `http://127.0.0.1:${port}`;
    await expect(httpTarget(url).ask('Who?', 5)).rejects.toThrow(`${url} could not be reached (ECONNREFUSED)`);
  });
});
