// Types for build-cli.mjs, for the TypeScript tests and benchmarks.
export declare const root: string;
export declare const cliEntry: string;
export declare const cliBundle: string;
export declare function cliNeedsBuild(bundle?: string): boolean;
export declare function buildCli(options?: { outfile?: string; quiet?: boolean }): Promise<string>;
