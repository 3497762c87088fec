/* eslint-disable @n8n/community-nodes/no-restricted-globals -- dev-only benchmarks (child processes, timers, process figures), never shipped */
/**
 * Child-process entry (forked by ./sandbox-process.ts, never imported): starts the OVH sandbox on a free loopback
 * port with the state it is sent and answers with its URLs. Running the sandbox in its own process keeps its CPU and
 * memory out of the figures of the n8n side.
 *
 * The sandbox's own request log keeps only the last 2000 entries, so this process records every OVH request itself,
 * from the sandbox's per-request log line, and hands the list over on request (IPC `hits` / `clear`). A `mark` puts a
 * marker (method MARK, path = label) between the recorded requests, e.g. when a node starts.
 */
import { startSandbox } from '../../sandbox';
import type { RunningSandbox, SandboxStateInput } from '../../sandbox';
import type { SandboxHit } from './sandbox-process';

type Message =
	| { type: 'start'; state?: SandboxStateInput; deliveryDelayMs?: number }
	| { type: 'hits'; id: number }
	| { type: 'clear'; id: number }
	| { type: 'mark'; id: number; label: string }
	| { type: 'close' };

let sandbox: RunningSandbox | undefined;
let closing = false;
let hits: SandboxHit[] = [];

/** `<ISO time> <METHOD> <raw url> -> <status>…` (sandbox/core.ts appendLog). */
const LINE = /^(\S+) (\S+) (\S+) -> (\d+)/;

function record(line: string): void {
	const m = LINE.exec(line);
	if (!m) return;
	const path = m[3].split('?')[0].replace(/^\/(?:1\.0|v1)(?=\/|$)/, '');
	hits.push({ time: m[1], method: m[2], path, status: Number(m[4]) });
}

async function shutdown(code: number): Promise<void> {
	if (closing) return;
	closing = true;
	try {
		await sandbox?.close();
	} finally {
		process.exit(code);
	}
}

process.on('message', (raw: unknown) => {
	const message = raw as Message;
	if (message.type === 'start') {
		startSandbox({
			port: 0,
			host: '127.0.0.1',
			quiet: false,
			logger: record,
			state: message.state,
			deliveryDelayMs: message.deliveryDelayMs,
		})
			.then((sbx) => {
				sandbox = sbx;
				process.send?.({ type: 'ready', origin: sbx.origin, baseUrl: sbx.baseUrl });
			})
			.catch((error: unknown) => {
				process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) });
				void shutdown(1);
			});
	} else if (message.type === 'hits') {
		process.send?.({ type: 'hits', id: message.id, hits });
	} else if (message.type === 'mark') {
		hits.push({ time: new Date().toISOString(), method: 'MARK', path: message.label, status: 0 });
		process.send?.({ type: 'marked', id: message.id });
	} else if (message.type === 'clear') {
		hits = [];
		process.send?.({ type: 'cleared', id: message.id });
	} else if (message.type === 'close') {
		void shutdown(0);
	}
});

process.on('disconnect', () => {
	void shutdown(0);
});
