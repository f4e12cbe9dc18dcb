// A module that takes a while to import (as a converter's parsers do), for isolate.test.ts.
const until = performance.now() + 800;
while (performance.now() < until);
export const ready = () => 'ready';
