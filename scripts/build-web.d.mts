/** Types of scripts/build-web.mjs (the offline page's build), for the tests that call it. */
export declare const BUNDLE_GOAL_BYTES: number;
export declare function buildWeb(options?: { out?: string }): Promise<{ out: string; bytes: number; inputs: string[] }>;
