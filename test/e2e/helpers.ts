/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- e2e helpers driving a real n8n (files, processes), never shipped */
/**
 * What every real-n8n test file needs: a logger with the file's tag and elapsed time, and the `npm start` stack
 * (n8n, sandbox, mail, chat) in a temporary data folder, signed in, with a public-API key.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { createApiKey } from '../../scripts/n8n/instance';
import { startStack } from '../../scripts/stack';
import type { Stack } from '../../scripts/stack';

export type Log = (message: string) => void;

/** `[tag +12.3s] message` on stderr. */
export function e2eLog(tag: string): Log {
	const t0 = Date.now();
	return (message) => {
		process.stderr.write(`[${tag} +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);
	};
}

export interface OpenStack {
	stack: Stack;
	dataDir: string;
	baseUrl: string;
	cookie: string;
	apiKey: string;
}

/** Starts the stack on free ports in a new temporary data folder, signs in and creates a public-API key. */
export async function openStack(folderPrefix: string, log: Log, options: Partial<Parameters<typeof startStack>[0]> = {}): Promise<OpenStack> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), folderPrefix));
	const stack = await startStack({ dataDir, ports: { n8n: 0, sandbox: 0, smtp: 0, mail: 0, chat: 0 }, persistSandbox: false, log, ...options });
	const baseUrl = stack.n8n.baseUrl;
	if (!stack.cookie) throw new Error('the owner could not sign in');
	const apiKey = await createApiKey(baseUrl, stack.cookie);
	return { stack, dataDir, baseUrl, cookie: stack.cookie, apiKey };
}

/** Stops the stack and deletes its data folder. */
export async function closeStack(opened: OpenStack | undefined): Promise<void> {
	if (!opened) return;
	await opened.stack.stop();
	fs.rmSync(opened.dataDir, { recursive: true, force: true });
}
