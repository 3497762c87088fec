/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only benchmarks (child processes, timers, process figures), never shipped */
/**
 * The OVH sandbox in a child process (./sandbox-child.ts), driven from the benchmark process over IPC. The child
 * records every OVH request the sandbox answers (the sandbox's own log keeps only the last 2000), so request counts
 * stay exact for runs of thousands of requests.
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';

import type { SandboxStateInput } from '../../sandbox';

/** One OVH request as the sandbox answered it. */
export interface SandboxHit {
	/** ISO datetime (sandbox clock = real clock here) when the sandbox received it. */
	time: string;
	method: string;
	/** Path relative to /1.0, as received (percent-encoded), without the query. */
	path: string;
	/** 0 = connection dropped. */
	status: number;
}

export interface RemoteSandbox {
	/** http://127.0.0.1:PORT */
	origin: string;
	/** origin + '/1.0' */
	baseUrl: string;
	/** Every OVH request since the start or the last clearRequests() (admin calls excluded), oldest first. */
	requests(): Promise<SandboxHit[]>;
	/** Puts a marker between the recorded requests (answered once the sandbox process has recorded it). */
	mark(label: string): Promise<void>;
	/** OVH requests recorded after each marker, in marker order (`''` = before the first marker). */
	requestsPerMark(): Promise<Array<[string, number]>>;
	clearRequests(): Promise<void>;
	close(): Promise<void>;
}

export interface RemoteSandboxOptions {
	state?: SandboxStateInput;
	deliveryDelayMs?: number;
}

function waitForExit(child: ChildProcess, ms: number): Promise<boolean> {
	if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
	return new Promise((resolve) => {
		const timer = setTimeout(() => resolve(false), ms);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve(true);
		});
	});
}

export async function startSandboxProcess(opts: RemoteSandboxOptions = {}): Promise<RemoteSandbox> {
	const child = fork(join(__dirname, 'sandbox-child.js'), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	const ready = await new Promise<{ origin: string; baseUrl: string }>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('sandbox child did not start within 30 s')), 30_000);
		const onMessage = (raw: unknown) => {
			const message = raw as { type?: string; origin?: string; baseUrl?: string; message?: string };
			if (message.type === 'ready' && message.origin && message.baseUrl) {
				clearTimeout(timer);
				child.off('message', onMessage);
				resolve({ origin: message.origin, baseUrl: message.baseUrl });
			} else if (message.type === 'error') {
				clearTimeout(timer);
				reject(new Error(`sandbox child: ${message.message ?? 'failed to start'}`));
			}
		};
		child.on('message', onMessage);
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`sandbox child exited (code ${String(code)})`));
		});
		child.send({ type: 'start', state: opts.state, deliveryDelayMs: opts.deliveryDelayMs });
	}).catch((error: unknown) => {
		if (child.exitCode === null) child.kill();
		throw error;
	});

	let nextId = 0;
	const ask = <T>(type: 'hits' | 'clear' | 'mark', answer: string, extra: object = {}): Promise<T> =>
		new Promise<T>((resolve, reject) => {
			const id = ++nextId;
			const timer = setTimeout(() => {
				child.off('message', onMessage);
				reject(new Error(`sandbox child: no answer to ${type}`));
			}, 30_000);
			const onMessage = (raw: unknown) => {
				const message = raw as { type?: string; id?: number; hits?: SandboxHit[] };
				if (message.type !== answer || message.id !== id) return;
				clearTimeout(timer);
				child.off('message', onMessage);
				resolve(message as T);
			};
			child.on('message', onMessage);
			child.send({ type, id, ...extra });
		});

	const allHits = async () => (await ask<{ hits: SandboxHit[] }>('hits', 'hits')).hits;

	return {
		...ready,
		requests: async () => (await allHits()).filter((hit) => hit.method !== 'MARK'),
		mark: async (label: string) => {
			await ask('mark', 'marked', { label });
		},
		requestsPerMark: async () => {
			const counts: Array<[string, number]> = [['', 0]];
			for (const hit of await allHits()) {
				if (hit.method === 'MARK') counts.push([hit.path, 0]);
				else counts[counts.length - 1][1]++;
			}
			return counts[0][1] === 0 ? counts.slice(1) : counts;
		},
		clearRequests: async () => {
			await ask('clear', 'cleared');
		},
		close: async () => {
			if (child.connected) child.send({ type: 'close' });
			if (!(await waitForExit(child, 5_000))) {
				child.kill();
				await waitForExit(child, 5_000);
			}
		},
	};
}
