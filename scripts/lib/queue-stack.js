// @ts-check
// The queue-mode part of scripts/stack.js (`npm run start:queue`): Redis and PostgreSQL before n8n main, then the
// workers (`n8n worker`) and the webhook process (`n8n webhook`) once main has imported and published the examples.
// Every process has its own user folder with the package installed as a community package, the same encryption key
// (server.js) and the same queue environment (queue-backends.js). Production webhooks go to the webhook process.
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const n8n = require('../n8n/instance');
const { ensureQueueBackends, startRedis, startPostgres, queueEnv } = require('./queue-backends');

/** @typedef {import('../util').Log} Log */
/** @typedef {import('../n8n/server').N8nInstance} N8nInstance */
/**
 * @typedef {object} QueueOptions
 * @property {number} [workers] how many `n8n worker` processes (default 2)
 * @property {number} [concurrency] executions a worker runs at once (`--concurrency`, default 5)
 * @property {boolean} [webhookProcess] start `n8n webhook` for production webhooks (default true; false: main takes them)
 */
/**
 * @typedef {object} QueueStack
 * @property {N8nInstance[]} workers
 * @property {N8nInstance | null} webhook
 * @property {string} webhookBaseUrl where production webhooks go (the webhook process, else main)
 * @property {import('./queue-backends').Backend} postgres
 * @property {import('./queue-backends').Backend} redis
 * @property {Record<string, string>} env the queue environment of every n8n process
 * @property {(index: number) => Promise<N8nInstance>} startWorker starts worker <index> again (after it was stopped
 *   or killed), same user folder and log
 */

/** @param {string} dataDir */
function queuePaths(dataDir) {
	return {
		postgresDir: path.join(dataDir, 'postgres'),
		redisDir: path.join(dataDir, 'redis'),
		/** @param {number} i */
		workerFolder: (i) => path.join(dataDir, `n8n-worker-${i + 1}`),
		webhookFolder: path.join(dataDir, 'n8n-webhook'),
	};
}

/** @param {string} dataDir true when the queue stack's database does not exist yet */
function queueFirstStart(dataDir) {
	return !fs.existsSync(path.join(queuePaths(dataDir).postgresDir, 'PG_VERSION'));
}

/**
 * Redis and PostgreSQL (installed from Debian packages when missing). `stoppers` gets their stop functions.
 * @param {{ dataDir: string, logsDir: string, log: Log, stoppers: Array<[string, () => Promise<unknown>]> }} options
 */
async function startQueueBackends({ dataDir, logsDir, log, stoppers }) {
	const q = queuePaths(dataDir);
	const { pgBin, pgUser } = ensureQueueBackends({ log });
	const redis = await startRedis({ dir: q.redisDir, logFile: path.join(logsDir, 'redis.log'), log });
	stoppers.push(['redis', () => redis.stop()]);
	const postgres = await startPostgres({ dir: q.postgresDir, logFile: path.join(logsDir, 'postgres.log'), pgBin, pgUser, log });
	stoppers.push(['postgres', () => postgres.stop()]);
	return { redis, postgres, env: queueEnv({ postgresPort: postgres.port, redisPort: redis.port }) };
}

/**
 * The workers and the webhook process, once main runs (it creates the database schema and publishes the workflows).
 * @param {object} options
 * @param {import('../n8n/runtime').Runtime} options.runtime
 * @param {string} options.dataDir
 * @param {string} options.packageDir
 * @param {N8nInstance} options.main
 * @param {{ redis: import('./queue-backends').Backend, postgres: import('./queue-backends').Backend, env: Record<string, string> }} options.backends
 * @param {Record<string, string>} options.env the extra env main got (queue env included)
 * @param {QueueOptions} options.queue
 * @param {Log} options.log
 * @param {Array<[string, () => Promise<unknown>]>} options.stoppers
 * @returns {Promise<QueueStack>}
 */
async function startQueueProcesses({ runtime, dataDir, packageDir, main, backends, env, queue, log, stoppers }) {
	const q = queuePaths(dataDir);
	const concurrency = queue.concurrency || 5;
	/** @type {N8nInstance[]} */
	const workers = [];
	// Links in e-mails (Wait node resume URLs) and webhook URLs stay those of main: same paths on every process.
	const shared = { ...env, N8N_WEBHOOK_URL: `${main.baseUrl}/`, N8N_EDITOR_BASE_URL: `${main.baseUrl}/` };
	/** @param {number} i */
	const startWorker = async (i) => {
		const worker = await n8n.startN8n({
			runtime,
			role: 'worker',
			args: [`--concurrency=${concurrency}`],
			userFolder: q.workerFolder(i),
			packageDir,
			env: shared,
			log: (m) => log(`worker ${i + 1}: ${m}`),
		});
		workers[i] = worker;
		stoppers.push([`worker ${i + 1}`, () => worker.stop()]);
		return worker;
	};
	/** @type {N8nInstance | null} */
	let webhook = null;
	const startWebhook = async () => {
		if (queue.webhookProcess === false) return;
		const started = await n8n.startN8n({ runtime, role: 'webhook', userFolder: q.webhookFolder, packageDir, env: shared, log: (m) => log(`webhook: ${m}`) });
		stoppers.push(['webhook process', () => started.stop()]);
		webhook = started;
	};
	// All at once (each takes 10-25 s to be ready); a failure stops the others through `stoppers`.
	const results = await Promise.allSettled([...Array.from({ length: queue.workers ?? 2 }, (_, i) => startWorker(i)), startWebhook()]);
	const failed = results.find((r) => r.status === 'rejected');
	if (failed) throw failed.reason;
	return {
		workers,
		webhook,
		webhookBaseUrl: (webhook || main).baseUrl,
		postgres: backends.postgres,
		redis: backends.redis,
		env: backends.env,
		startWorker,
	};
}

module.exports = { queuePaths, queueFirstStart, startQueueBackends, startQueueProcesses };
