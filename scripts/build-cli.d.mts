// Types for build-cli.mjs, for the TypeScript tests and benchmarks.
export declare const root: string;
export declare const cliEntry: string;
export declare const cliDir: string;
export declare const cliBundle: string;
export declare function cliNeedsBuild(dir?: string): boolean;
export declare function buildCli(options?: { outdir?: string; quiet?: boolean }): Promise<string>;
