import { describe, expect, it } from 'vitest';
import { abortable } from './abortable.js';

describe('abortable', () => {
  it('passes a result through, and stops waiting with `cancelled` once the signal aborts', async () => {
    expect(await abortable(Promise.resolve(7), new AbortController().signal)).toBe(7);
    const controller = new AbortController();
    const never = new Promise<number>(() => {});
    const waiting = abortable(never, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toMatchObject({ code: 'cancelled' });
    await expect(abortable(never, controller.signal)).rejects.toMatchObject({ code: 'cancelled' });
  });
});
