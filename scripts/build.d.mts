/** Types for scripts/build.mjs (imported by the tests' global set-up). */
export declare const ROOT: string;
export declare const DIST: string;
export declare function ensureBuilt(options?: {
  page?: boolean;
  force?: boolean;
  log?: (line: string) => void;
}): Promise<{ code: boolean; page: boolean }>;
