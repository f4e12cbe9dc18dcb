// A module whose import never finishes, for isolate.test.ts.
for (;;);
export const never = () => 'never';
