import { describe, expect, it } from 'vitest';
import type { Chunk, Passage } from '../types.js';
import { ExtractiveAnswerer } from './extractive.js';
import { askedUnits, keyUnit } from './units.js';

describe('keyUnit', () => {
  it('reads the unit a key gives its values from its last part, and a price from a money word anywhere', async () => {
    expect(keyUnit('range_km')).toEqual({ kind: 'measure', family: 'distance' });
    expect(keyUnit('battery_kwh')).toEqual({ kind: 'measure', family: 'energy' });
    expect(keyUnit('duration (min)')).toEqual({ kind: 'measure', family: 'time' });
    expect(keyUnit('cost_per_term')).toEqual({ kind: 'money' });
    expect(keyUnit('price_gbp')).toEqual({ kind: 'money' });
    // A key that is only a word names a thing, not a unit: "days: Mon-Fri", "year: 2024".
    expect(keyUnit('days')).toBeUndefined();
    expect(keyUnit('year')).toBeUndefined();
    expect(keyUnit('fleet_no')).toBeUndefined();
  });

  it('knows which units a "how far / how long" question allows', async () => {
    expect(askedUnits('How far can it go on a charge?')).toEqual(['distance']);
    expect(askedUnits('How long does the battery last?')).toEqual(['time', 'distance']);
    expect(askedUnits('How big is the battery?')).toBeUndefined();
  });
});

describe('record values measured by their key', () => {
  // As in a real index, the fleet number is rare and the question's other words are common.
  const answerer = new ExtractiveAnswerer((term) => (term === '4001' ? 6 : 1));
  const record =
    'fleet_no: 4001; model: Yutong E12; year: 2024; battery_kwh: 422; range_km: 320; seats: 42; standing: 30';
  const chunk: Chunk = {
    id: 0,
    source: 'fleet.json',
    startLine: 1,
    endLine: 1,
    startOffset: 0,
    endOffset: record.length,
    text: record,
  };
  const passages: Passage[] = [{ chunk, score: 1 }];

  it('answers "how far" with the value whose key is a distance, not the energy beside it', async () => {
    expect((await answerer.extract('How far can electric bus 4001 go on a charge?', passages)).answer).toBe('320');
  });
});
