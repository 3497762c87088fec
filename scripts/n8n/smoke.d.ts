// Types for smoke.js (plain CommonJS).

/** Runs the real-n8n smoke check (see smoke.js); throws on the first failure, after stopping n8n. */
export function runSmoke(options?: {
	/** Also log in to the editor with headless chromium and take screenshots. */
	browser?: boolean;
	/** Keep the temporary folder (n8n.log, database, screenshots). */
	keep?: boolean;
}): Promise<{ timings: Record<string, number>; tmp: string | null }>;
export function writeProbePackage(dir: string): void;
export const PKG: string;
