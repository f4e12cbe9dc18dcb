import { parentPort } from 'node:worker_threads';

/** A call from the parent: run `name` exported by `module` with `args` (structured-cloneable). */
export interface IsolateCall {
  module: string;
  name: string;
  args: unknown[];
}

/** `loaded` comes first (the module is imported, the call begins), then the outcome. */
export type IsolateReply = { loaded: true } | { ok: true; value: unknown } | { ok: false; message: string };

// One call at a time: the parent sends the next only after this one's reply.
parentPort!.on('message', async ({ module, name, args }: IsolateCall) => {
  let reply: IsolateReply;
  try {
    const exported = (await import(module))[name] as (...a: unknown[]) => unknown;
    parentPort!.postMessage({ loaded: true } satisfies IsolateReply);
    reply = { ok: true, value: await exported(...args) };
  } catch (err) {
    reply = { ok: false, message: (err as Error)?.message ?? String(err) };
  }
  parentPort!.postMessage(reply);
});
