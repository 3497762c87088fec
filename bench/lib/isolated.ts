/* eslint-disable @n8n/community-nodes/no-dangerous-functions, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/no-restricted-imports -- dev-only benchmarks (child processes, timers, process figures), never shipped */
/**
 * Runs one benchmark case in a fresh Node process (`run.js --case <name>`), so that its peak RSS and heap are its
 * own and not those of whatever ran before in the benchmark process. The payload and the result travel over IPC
 * (plain JSON). The child is killed if it has not answered after `timeoutMs`.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';

export async function runIsolated<T>(caseName: string, payload: unknown, timeoutMs = 10 * 60_000): Promise<T> {
	const child = fork(join(__dirname, '..', 'run.js'), ['--case', caseName], {
		execArgv: ['--expose-gc'],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
	});
	try {
		return await new Promise<T>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`case ${caseName}: no result after ${timeoutMs} ms`)), timeoutMs);
			child.on('message', (raw: unknown) => {
				const message = raw as { type?: string; value?: T; message?: string };
				if (message.type === 'result') {
					clearTimeout(timer);
					resolve(message.value as T);
				} else if (message.type === 'error') {
					clearTimeout(timer);
					reject(new Error(`case ${caseName}: ${message.message ?? 'failed'}`));
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`case ${caseName}: process exited (code ${String(code)}) without a result`));
			});
			child.send({ type: 'payload', payload });
		});
	} finally {
		if (child.exitCode === null && child.signalCode === null) child.kill();
	}
}
