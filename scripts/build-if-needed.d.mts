// Types for build-if-needed.mjs, so TypeScript tests (e2e) can build before starting the host.
export declare const root: string;
export declare function needsBuild(): boolean;
export declare function ensureBuilt(options?: { force?: boolean }): void;
