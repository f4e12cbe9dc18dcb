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
