import { z } from 'zod/v4';

const ON = ['1', 'true', 'on'] as const;
const OFF = ['0', 'false', 'off'] as const;

/**
 * An on/off environment setting: 1, true or on; 0, false or off; unset or empty, `byDefault` (off
 * unless told otherwise). Anything else is refused with a message naming the setting. Shared by
 * core/config.ts and core/providers/settings.ts (which config.ts imports), so it lives apart from both.
 */
export const flag = (name: string, byDefault = false) =>
  z
    .enum([...ON, ...OFF, ''], { error: `${name} must be 1 or 0` })
    .default('')
    .transform((v) => (v === '' ? byDefault : (ON as readonly string[]).includes(v)));
