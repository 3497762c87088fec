/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test harness, never shipped */
/**
 * One-time, side-effect-free setup of the bits of n8n-core's process-wide state that an
 * in-process execution touches:
 *
 * - n8n-core's DI container (`@n8n/di`, the copy n8n-core itself resolves - the package
 *   tree holds two versions, and each keeps its own registry);
 * - `InstanceSettings`: n8n-core builds it lazily on the first execution and, without
 *   `N8N_ENCRYPTION_KEY`/`N8N_USER_FOLDER`, writes a fresh `~/.n8n/config`. We register an
 *   in-memory instance instead, so running the harness never touches the home folder;
 * - the backend `Logger` and `LoggerProxy`: n8n logs at `info` to the console by default.
 *   We install a silent logger (set `N8N_HARNESS_LOG=debug|info|warn|error` to see n8n's logs).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { InstanceSettings } from 'n8n-core';
import { LoggerProxy } from 'n8n-workflow';
import type { Logger as WorkflowLogger } from 'n8n-workflow';

type Constructor = abstract new (...args: never[]) => unknown;

interface DiContainer {
	get<T>(type: abstract new (...args: never[]) => T): T;
	set(type: Constructor, instance: unknown): void;
}

/** `require` scoped to n8n-core's own dependency tree. */
const coreRequire = createRequire(require.resolve('n8n-core'));

/** The DI container n8n-core resolves its services from. */
export const container: DiContainer = (coreRequire('@n8n/di') as { Container: DiContainer })
	.Container;

const LEVELS = ['error', 'warn', 'info', 'debug'] as const;
type Level = (typeof LEVELS)[number];

function createLogger(): WorkflowLogger & { scoped(): unknown; level: string } {
	const wanted = (process.env.N8N_HARNESS_LOG ?? '') as Level | '';
	const threshold = wanted ? LEVELS.indexOf(wanted) : -1;
	const make = (level: Level) => {
		if (LEVELS.indexOf(level) > threshold) return () => {};
		return (message: string, meta?: object) => {
			// eslint-disable-next-line no-console -- opt-in debugging output
			console[level === 'debug' ? 'log' : level](`[n8n ${level}] ${message}`, meta ?? '');
		};
	};
	const logger = {
		level: wanted || 'silent',
		error: make('error'),
		warn: make('warn'),
		info: make('info'),
		debug: make('debug'),
		scoped: () => logger,
	};
	return logger;
}

function createInstanceSettings(): InstanceSettings {
	const n8nFolder = join(tmpdir(), 'n8n-harness-never-written');
	const settings = Object.create(InstanceSettings.prototype) as InstanceSettings;
	Object.assign(settings, {
		n8nFolder,
		staticCacheDir: join(n8nFolder, 'cache'),
		customExtensionDir: join(n8nFolder, 'custom'),
		nodesDownloadDir: join(n8nFolder, 'nodes'),
		nodeDefinitionsDir: join(n8nFolder, 'node-definitions'),
		settingsFile: join(n8nFolder, 'config'),
		enforceSettingsFilePermissions: { enforce: false, warning: false },
		canSeedDeploymentState: false,
		instanceRole: 'unset',
		isMultiMainEnabled: false,
		isMultiMainLicensed: false,
		instanceType: 'main',
		hostId: 'main-n8n-harness',
		settings: { encryptionKey: randomBytes(24).toString('base64') },
		derivedInstanceId: 'n8n-harness',
		instanceId: 'n8n-harness',
		hmacSignatureSecret: randomBytes(32).toString('hex'),
		// never persist anything
		save(this: { settings: object }, next: object) {
			this.settings = next;
		},
	});
	return settings;
}

let initialised = false;

/** Idempotent; called by every harness entry point. */
export function ensureEnvironment(): void {
	if (initialised) return;
	initialised = true;

	const logger = createLogger();
	const { Logger } = coreRequire('@n8n/backend-common') as { Logger: Constructor };
	container.set(Logger, logger);
	LoggerProxy.init(logger);

	container.set(InstanceSettings, createInstanceSettings());
}
