// Functions for isolate.test.ts to run in a worker: well-behaved, failing, endless and greedy.
export const double = async (x: number) => x * 2;
export const fail = () => {
  throw new Error('the document is broken');
};
export const spin = () => {
  for (;;);
};
export const hog = () => {
  const kept: number[][] = [];
  for (;;) kept.push(new Array(1_000_000).fill(kept.length));
};
export const leave = () => process.exit(3);
/** Counts the calls inside it at once in `shared[0]` and the most ever in `shared[1]`, holding its place for a moment. */
export const overlap = (buffer: SharedArrayBuffer) => {
  const shared = new Int32Array(buffer);
  const now = Atomics.add(shared, 0, 1) + 1;
  for (let most = Atomics.load(shared, 1); now > most; most = Atomics.load(shared, 1))
    Atomics.compareExchange(shared, 1, most, now);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 150);
  Atomics.sub(shared, 0, 1);
  return now;
};
