import { describe, expect, it } from 'vitest';
import { asksWhy, statedCause } from './causes.js';

describe('statedCause', () => {
  it('gives the clause after a cause cue, without the cue', () => {
    expect(statedCause('Disks filled up because container logs were no longer pruned.')?.text).toBe(
      'container logs were no longer pruned',
    );
  });

  it('gives a purpose with its cue, which is what makes it read as a reason', () => {
    expect(
      statedCause('Overnight runs must start before 17:00, so that staff can check the cartridge before they leave.')
        ?.text,
    ).toBe('so that staff can check the cartridge before they leave');
    expect(statedCause('Samples are frozen in order to keep the RNA intact.')?.text).toBe(
      'in order to keep the RNA intact',
    );
    expect(statedCause('Runs start at 17:00 and finish overnight.')).toBeUndefined();
  });

  it('knows a why-question', () => {
    expect(asksWhy('Why do overnight runs have to start before 5 pm?')).toBe(true);
    expect(asksWhy('When do overnight runs start?')).toBe(false);
  });
});
