// @ts-check
// What n8n's queue mode needs beside n8n (`npm run start:queue`, test/e2e/queue-mode.test.ts): PostgreSQL and Redis
// from the machine's Debian packages, run as plain local processes in the data folder on loopback ports (no system
// service is started or touched).
//   - Redis: `redis-server` (apt-get install redis-server when missing), no persistence, data in <data>/redis.
//   - PostgreSQL: /usr/lib/postgresql/<v>/bin/{initdb,postgres} (apt-get install postgresql when missing). The
//     postgres binaries refuse to run as root, so when this runs as root they run as the OS user `postgres` (made by
//     Debian's package; created with useradd when missing) through spawn's uid/gid; the cluster in <data>/postgres
//     belongs to it. Trust authentication on 127.0.0.1 only, database `n8n`, role `n8n`.
// Both run in their own process group and are killed when this process exits without stopping them.
'use strict';

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { freePort, sleep, waitFor, messageOf } = require('../util');
const { signalGroup } = require('../n8n/server');

/** @typedef {import('../util').Log} Log */
/**
 * A local server process (postgres or redis).
 * @typedef {object} Backend
 * @property {number} port
 * @property {number} pid
 * @property {string} logFile
 * @property {() => Promise<void>} stop
 */

const PG_USER = 'postgres';
const PG_ROLE = 'n8n';
const PG_DATABASE = 'n8n';

/** @type {Set<number>} */
const liveGroups = new Set();
let hooked = false;

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} [options]
 */
function runSync(cmd, args, options = {}) {
	const res = spawnSync(cmd, args, { encoding: 'utf8', ...options });
	if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${res.error ? res.error.message : `exit ${res.status}`}):\n${res.stderr || ''}${res.stdout || ''}`.trim());
	return String(res.stdout || '');
}

/** @param {string} bin */
function onPath(bin) {
	return spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).status === 0;
}

/** The newest /usr/lib/postgresql/<v>/bin, or null. */
function postgresBinDir() {
	const base = '/usr/lib/postgresql';
	const versions = fs.existsSync(base) ? fs.readdirSync(base).filter((v) => fs.existsSync(path.join(base, v, 'bin', 'postgres'))) : [];
	versions.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(base, versions[0], 'bin') : null;
}

/**
 * apt-get install the packages (apt-get update first), as root only; no service is started by this code.
 * @param {string[]} packages
 * @param {Log} log
 */
function aptInstall(packages, log) {
	if (process.getuid && process.getuid() !== 0) throw new Error(`${packages.join(', ')} missing: install ${packages.join(' ')} (Debian packages), then start again`);
	log(`installing ${packages.join(', ')} (apt-get)…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	runSync('apt-get', ['update'], { env });
	runSync('apt-get', ['install', '-y', '--no-install-recommends', ...packages], { env });
}

/**
 * Makes sure redis-server, the postgres binaries and (when running as root) the `postgres` OS user exist.
 * @param {{ log: Log }} options
 * @returns {{ pgBin: string, pgUser: { uid: number, gid: number } | null }}
 */
function ensureQueueBackends({ log }) {
	const missing = [];
	if (!onPath('redis-server')) missing.push('redis-server');
	if (!postgresBinDir()) missing.push('postgresql');
	if (missing.length) aptInstall(missing, log);
	const pgBin = /** @type {string} */ (postgresBinDir());
	if (!process.getuid || process.getuid() !== 0) return { pgBin, pgUser: null };
	if (spawnSync('id', ['-u', PG_USER]).status !== 0) {
		log(`creating the OS user ${PG_USER} (postgres does not run as root)`);
		runSync('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', PG_USER]);
	}
	return { pgBin, pgUser: { uid: Number(runSync('id', ['-u', PG_USER]).trim()), gid: Number(runSync('id', ['-g', PG_USER]).trim()) } };
}

/**
 * Spawns a server in its own process group, output to logFile.
 * @param {string} what
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ logFile: string, port: number, uid?: number, gid?: number, stopSignal: NodeJS.Signals, ready: () => Promise<boolean>, log: Log }} options
 * @returns {Promise<Backend>}
 */
async function startBackend(what, cmd, args, { logFile, port, uid, gid, stopSignal, ready, log }) {
	const out = fs.openSync(logFile, 'a');
	const ids = uid === undefined ? {} : { uid, gid };
	const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], ...ids });
	fs.closeSync(out);
	const pid = /** @type {number} */ (child.pid);
	liveGroups.add(pid);
	if (!hooked) {
		hooked = true;
		process.on('exit', () => liveGroups.forEach((g) => signalGroup(g)));
	}
	/** @type {number | null | string} */
	let exited = null;
	child.on('exit', (code, signal) => (exited = code ?? signal));
	const stop = async () => {
		if (!liveGroups.has(pid)) return;
		if (exited === null) signalGroup(pid, stopSignal);
		for (const deadline = Date.now() + 15000; exited === null && Date.now() < deadline; ) await sleep(100);
		if (exited === null) signalGroup(pid);
		liveGroups.delete(pid);
		log(`${what} stopped`);
	};
	try {
		await waitFor(
			async () => {
				if (exited !== null) throw Object.assign(new Error(`${what} exited (${exited}); see ${logFile}`), { fatal: true });
				return ready();
			},
			{ timeoutMs: 60000, intervalMs: 200, what },
		);
	} catch (error) {
		await stop();
		throw new Error(`${messageOf(error)}\n${fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n')}`);
	}
	log(`${what} on 127.0.0.1:${port} (pid ${pid}, log ${logFile})`);
	return { port, pid, logFile, stop };
}

/**
 * Redis on 127.0.0.1:port (0 = a free port), no persistence.
 * @param {{ dir: string, logFile: string, port?: number, log: Log }} options
 */
async function startRedis({ dir, logFile, port = 0, log }) {
	port = port || (await freePort());
	fs.mkdirSync(dir, { recursive: true });
	const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no', '--daemonize', 'no'];
	const ping = () => spawnSync('redis-cli', ['-p', String(port), 'ping'], { encoding: 'utf8' }).stdout.trim() === 'PONG';
	return startBackend('redis', 'redis-server', args, { logFile, port, stopSignal: 'SIGTERM', ready: async () => ping(), log });
}

/**
 * PostgreSQL on 127.0.0.1:port (0 = a free port) with its cluster in dir (created on first start, kept after).
 * @param {{ dir: string, logFile: string, port?: number, pgBin: string, pgUser: { uid: number, gid: number } | null, log: Log }} options
 */
async function startPostgres({ dir, logFile, port = 0, pgBin, pgUser, log }) {
	port = port || (await freePort());
	const ids = pgUser ? { uid: pgUser.uid, gid: pgUser.gid } : {};
	if (pgUser) {
		// The postgres user must reach the data folder: make its parents traversable (not readable) by others.
		for (let d = path.dirname(dir); d !== path.dirname(d); d = path.dirname(d)) {
			if (!(fs.statSync(d).mode & 0o001)) fs.chmodSync(d, fs.statSync(d).mode | 0o011);
		}
	}
	const fresh = !fs.existsSync(path.join(dir, 'PG_VERSION'));
	if (fresh) {
		fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
		if (pgUser) fs.chownSync(dir, pgUser.uid, pgUser.gid);
		fs.writeFileSync(logFile, '');
		if (pgUser) fs.chownSync(logFile, pgUser.uid, pgUser.gid);
		runSync(path.join(pgBin, 'initdb'), ['-D', dir, '-U', PG_ROLE, '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], { ...ids, cwd: dir });
	}
	const psql = (/** @type {string} */ sql, db = 'postgres') =>
		spawnSync(path.join(pgBin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', PG_ROLE, '-d', db, '-tAc', sql], { encoding: 'utf8' });
	// -k: the unix socket in the cluster folder (not /var/run/postgresql); SIGINT = fast shutdown. fsync=off: a local demo
	// and test database (faster on a busy VM; an OS crash, not a Ctrl-C, could corrupt it: --reset starts over).
	const args = ['-D', dir, '-p', String(port), '-h', '127.0.0.1', '-k', dir, '-c', 'max_connections=200', '-c', 'fsync=off'];
	const backend = await startBackend('postgres', path.join(pgBin, 'postgres'), args, {
		logFile,
		port,
		...ids,
		stopSignal: 'SIGINT',
		ready: async () => psql('select 1').status === 0,
		log,
	});
	if (psql(`select 1 from pg_database where datname = '${PG_DATABASE}'`).stdout.trim() !== '1') {
		const created = psql(`create database ${PG_DATABASE}`);
		if (created.status !== 0) {
			await backend.stop();
			throw new Error(`could not create the database ${PG_DATABASE}: ${created.stderr}`);
		}
	}
	return backend;
}

/**
 * The environment every queue-mode n8n process gets (main, workers, webhook).
 * @param {{ postgresPort: number, redisPort: number }} ports
 * @returns {Record<string, string>}
 */
function queueEnv({ postgresPort, redisPort }) {
	return {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: PG_DATABASE,
		DB_POSTGRESDB_USER: PG_ROLE,
		DB_POSTGRESDB_PASSWORD: '',
		// n8n 3 always sends manual executions to workers; 2.41 does so when asked.
		OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
	};
}

module.exports = { ensureQueueBackends, startRedis, startPostgres, queueEnv, PG_USER };
