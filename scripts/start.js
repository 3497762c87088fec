#!/usr/bin/env node
// @ts-check
// `npm start`: the package in a real n8n with the OVH sandbox, a mail inbox, a chat inbox and the example workflows.
// Everything is started by scripts/stack.js (the same module the e2e tests use); this file parses the flags, prints
// where everything is, and stops it all on Ctrl-C. `npm run start:queue` (= --queue) runs the same demo on n8n's queue
// mode: Postgres, Redis, main, two workers and a webhook process (scripts/lib/queue-stack.js).
'use strict';

const path = require('node:path');

const { forEachFlag } = require('./cli-args');
const { DEFAULT_PORTS, startStack } = require('./stack');
const { ROOT, messageOf } = require('./util');

/** @typedef {import('./stack').Stack} Stack */
/** @typedef {import('./stack').StackPorts} StackPorts */

const USAGE = `npm start [-- options]     (= node scripts/start.js [options])

Starts n8n with n8n-nodes-ovh-renewal, the OVH sandbox, a mail inbox (maildev), a chat inbox and the example
workflows. Ctrl-C stops everything.

Options (environment variable in brackets):
  --port <n>          n8n editor and webhooks   (default ${DEFAULT_PORTS.n8n})  [OVH_RENEWAL_N8N_PORT]
  --sandbox-port <n>  OVH sandbox API           (default ${DEFAULT_PORTS.sandbox})  [OVH_RENEWAL_SANDBOX_PORT]
  --mail-port <n>     mail inbox (web)          (default ${DEFAULT_PORTS.mail})  [OVH_RENEWAL_MAIL_PORT]
  --smtp-port <n>     SMTP server               (default ${DEFAULT_PORTS.smtp})  [OVH_RENEWAL_SMTP_PORT]
  --chat-port <n>     chat inbox                (default ${DEFAULT_PORTS.chat})  [OVH_RENEWAL_CHAT_PORT]
  --data <dir>        data folder               (default .n8n-local/)  [OVH_RENEWAL_DATA_DIR]
  --reset             delete the data folder first: new owner, credentials, workflows, sandbox state, mails
  --no-persist        start the sandbox from its demo state each time (default: its state is kept in the data folder)
  --queue             n8n's queue mode (npm run start:queue): Postgres + Redis (local processes in the data folder,
                      installed with apt-get when missing), main, 2 workers, a webhook process; data folder .n8n-queue/
  --workers <n>       queue mode: how many workers (default 2)
  --help              this help
`;

/**
 * @param {string} message
 * @returns {never}
 */
function fail(message) {
	process.stderr.write(`npm start: ${message}\n\n${USAGE}`);
	process.exit(2);
}

/**
 * @param {string[]} argv
 * @param {NodeJS.ProcessEnv} env
 * @returns {import('./stack').StackOptions & { ports: Partial<StackPorts> }}
 */
function parseArgs(argv, env) {
	/** @type {import('./stack').StackOptions & { ports: Partial<StackPorts> }} */
	const opts = { ports: {}, reset: false, persistSandbox: true, dataDir: env.OVH_RENEWAL_DATA_DIR || undefined };
	/** @type {import('./lib/queue-stack').QueueOptions} */
	const queue = { workers: 2 };
	let queueMode = false;
	/** @type {Record<string, keyof StackPorts>} */
	const portFlags = { '--port': 'n8n', '--sandbox-port': 'sandbox', '--mail-port': 'mail', '--smtp-port': 'smtp', '--chat-port': 'chat' };
	/** @type {Record<keyof StackPorts, string>} */
	const portEnv = { n8n: 'OVH_RENEWAL_N8N_PORT', sandbox: 'OVH_RENEWAL_SANDBOX_PORT', mail: 'OVH_RENEWAL_MAIL_PORT', smtp: 'OVH_RENEWAL_SMTP_PORT', chat: 'OVH_RENEWAL_CHAT_PORT' };
	/**
	 * @param {string} flag
	 * @param {string | undefined} value
	 */
	const asPort = (flag, value) => {
		const n = Number(value);
		if (value === undefined || value === '' || !Number.isInteger(n) || n < 1 || n > 65535) fail(`${flag} needs a port number (1-65535), got ${JSON.stringify(value)}`);
		return n;
	};
	for (const [key, name] of Object.entries(portEnv)) if (env[name]) opts.ports[/** @type {keyof StackPorts} */ (key)] = asPort(name, env[name]);
	forEachFlag(argv, (arg, next) => {
		if (arg in portFlags) opts.ports[portFlags[arg]] = asPort(arg, next());
		else if (arg === '--data') {
			const dir = next();
			if (!dir) fail('--data needs a folder');
			opts.dataDir = dir;
		} else if (arg === '--reset') opts.reset = true;
		else if (arg === '--no-persist') opts.persistSandbox = false;
		else if (arg === '--queue') queueMode = true;
		else if (arg === '--workers') {
			const n = Number(next());
			if (!Number.isInteger(n) || n < 1 || n > 8) fail('--workers needs a number from 1 to 8');
			queue.workers = n;
		}
		else if (arg === '--persist') opts.persistSandbox = true;
		else if (arg === '--help' || arg === '-h') {
			process.stdout.write(USAGE);
			process.exit(0);
		} else fail(`unknown option ${arg}`);
	});
	const used = Object.entries({ ...DEFAULT_PORTS, ...opts.ports });
	for (const [key, port] of used) {
		const clash = used.find(([other, p]) => other !== key && p === port);
		if (clash) fail(`${key} and ${clash[0]} cannot both use port ${port}`);
	}
	if (queueMode) {
		opts.queue = queue;
		if (!opts.dataDir) opts.dataDir = path.join(ROOT, '.n8n-queue');
	}
	if (opts.dataDir) opts.dataDir = path.resolve(opts.dataDir);
	return opts;
}

/**
 * Queue mode: the processes beside main.
 * @param {Stack} stack
 * @returns {string[]}
 */
function queueLines(stack) {
	const q = stack.queue;
	if (!q) return [];
	return [
		` queue mode     main ${stack.n8n.baseUrl} (editor, triggers, schedules), ${q.workers.length} worker(s) run the executions`,
		...q.workers.map((w, i) => `   worker ${i + 1}     health ${w.baseUrl}/healthz   log ${w.logFile}`),
		q.webhook ? `   webhooks     ${q.webhook.baseUrl}/webhook/…  (n8n webhook process; log ${q.webhook.logFile})` : '   webhooks     main',
		`   postgres     127.0.0.1:${q.postgres.port} (database n8n, user n8n)   redis 127.0.0.1:${q.redis.port}`,
	];
}

/**
 * What `npm start` prints once everything runs: where things are and what to do first.
 * @param {Stack} stack
 */
function banner(stack) {
	const { urls, owner, workflows, webhookAuth } = stack;
	const line = '─'.repeat(78);
	const header = `-H '${webhookAuth.name}: ${webhookAuth.value}'`;
	const lines = [
		'',
		line,
		` n8n-nodes-ovh-renewal is running${stack.firstStart ? '' : ' (data kept from the last start)'}`,
		line,
		` n8n editor     ${urls.editor}`,
		` sign in with   ${owner.email}  /  ${owner.password}${stack.ownerNote ? `\n                (${stack.ownerNote})` : ''}`,
		` mail inbox     ${urls.mailInbox}        (SMTP 127.0.0.1:${stack.mail.smtpPort})`,
		` chat inbox     ${urls.chatInbox}        (workflows post to ${urls.chatWebhook})`,
		` OVH sandbox    ${urls.sandbox}   (admin: ${urls.sandboxAdmin})`,
		` data folder    ${stack.dataDir}   (--reset starts over)`,
		` webhook key    ${webhookAuth.name}: ${webhookAuth.value}`,
		'                (the published webhooks pay OVH orders: they answer 403 without this header)',
		...queueLines(stack),
		'',
		' What to click first:',
		`  1. Open ${urls.editor} and sign in. You land on Overview, the list of workflows`,
		`     (${urls.home}; n8n's AI assistant is switched off for this demo).`,
		`  2. Open the first workflow of the list, "${workflows.renewVps.name}", and click "Execute workflow"`,
		'     at the bottom of the canvas: it renews vps112233.ovh.net for 3 months in the sandbox and pays it',
		'     (PayPal #1234, at most its quote and never above 25). Click a node to see what it returned;',
		'     "Overview" (top left) goes back.',
		`  3. "${workflows.review.name}" (published): start it now with`,
		`       curl -X POST ${workflows.review.webhookUrl} ${header}`,
		`     then open the mail inbox, click Approve or Decline, and watch the chat inbox.`,
		`  4. "${workflows.renewWebhook.name}" (published):`,
		`       curl -X POST ${workflows.renewWebhook.webhookUrl} ${header} \\`,
		"            -H 'content-type: application/json' \\",
		`            -d '{"serviceName": "vps112233.ovh.net", "product": "vps", "period": "P1M"}'`,
		'',
		' The credentials "OVH sandbox" and "Local mail (maildev)" point at the local servers; "Webhook key (npm start)"',
		' holds the header above (its value is kept in the data folder, webhook-key.json).',
		' To use the real OVH API, edit "OVH sandbox": Endpoint = your OVH platform, and your own keys',
		' (README: "Create keys with the narrowest rules").',
		` Logs: ${path.join(stack.dataDir, 'logs')}/ and ${stack.n8n.logFile}`,
		' Press Ctrl-C to stop everything.',
		line,
		'',
	];
	return lines.join('\n');
}

async function main() {
	const opts = parseArgs(process.argv.slice(2), process.env);
	const t0 = Date.now();
	/** @type {import('./util').Log} */
	const log = (message) => void process.stdout.write(`[npm start +${((Date.now() - t0) / 1000).toFixed(1)}s] ${message}\n`);

	/** @type {Stack | null} */
	let stack = null;
	/** @type {Promise<void> | null} */
	let stopping = null;
	/**
	 * @param {string} reason
	 * @returns {Promise<void>}
	 */
	const shutdown = (reason, code = 0) => {
		if (stopping) return stopping;
		process.stdout.write(`\n${reason}: stopping everything…\n`);
		stopping = (async () => {
			if (stack) await stack.stop();
			process.stdout.write('stopped.\n');
			process.exit(code);
		})();
		return stopping;
	};
	let interrupts = 0;
	/** @param {NodeJS.Signals} signal */
	const onSignal = (signal) => {
		interrupts++;
		if (interrupts > 1 && stopping) {
			process.stdout.write('still stopping (n8n finishes running executions for up to 10 s)…\n');
			return;
		}
		if (!stack) {
			// Still starting: startStack stops what it started when it fails; make it fail soon.
			process.stdout.write(`\n${signal} while starting: everything started so far stops as soon as the current step ends…\n`);
			stopping = Promise.resolve();
			return;
		}
		shutdown(signal);
	};
	process.on('SIGINT', () => onSignal('SIGINT'));
	process.on('SIGTERM', () => onSignal('SIGTERM'));
	process.on('SIGHUP', () => onSignal('SIGHUP'));

	try {
		stack = await startStack({ ...opts, log });
	} catch (error) {
		const quiet = error && typeof error === 'object' && 'expected' in error && error.expected;
		process.stderr.write(`\nnpm start failed: ${quiet || !(error instanceof Error) ? messageOf(error) : error.stack || error.message}\n`);
		process.exit(1);
	}
	if (stopping) {
		// A signal arrived while starting.
		await stack.stop();
		process.exit(130);
	}
	process.stdout.write(banner(stack));
	const running = stack;

	// If n8n (or, in queue mode, a worker or the webhook process) dies on its own, stop the rest and say so.
	const processes = [running.n8n, ...(running.queue ? [...running.queue.workers, ...(running.queue.webhook ? [running.queue.webhook] : [])] : [])];
	const watch = setInterval(() => {
		const dead = processes.find((p) => p.exited());
		const exited = dead && dead.exited();
		if (dead && exited && !stopping) {
			clearInterval(watch);
			process.stderr.write(`\nn8n ${dead.role} exited unexpectedly (${JSON.stringify(exited)}); see ${dead.logFile}\n`);
			shutdown('n8n exited', 1);
		}
	}, 1000);
}

main();
