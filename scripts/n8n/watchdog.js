// @ts-check
// Preloaded (node --require) into the processes instance.js and maildev.js start in their own process group: when
// the process that started them dies without stopping them (killed test runner, Ctrl-C, crash), they notice that
// their parent changed and end their whole group, so no n8n or maildev is left running.
'use strict';

const parent = Number(process.env.OVH_RENEWAL_WATCHDOG_PARENT);
if (parent) {
	delete process.env.OVH_RENEWAL_WATCHDOG_PARENT; // not for the task runner n8n starts
	const timer = setInterval(() => {
		if (process.ppid === parent) return;
		clearInterval(timer);
		try {
			process.kill(-process.pid, 'SIGTERM');
		} catch {
			process.kill(process.pid, 'SIGTERM');
		}
		setTimeout(() => {
			try {
				process.kill(-process.pid, 'SIGKILL');
			} catch {
				process.exit(1);
			}
		}, 15000).unref();
	}, 1000);
	timer.unref();
}
