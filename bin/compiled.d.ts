/** Types of compiled.js (plain JavaScript, so that choosing what to run needs no build). */
export declare const BUILD_STAMP: string;
export declare function compiledMain(root?: URL, env?: Record<string, string | undefined>): string | undefined;
