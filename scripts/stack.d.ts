// Types for stack.js (plain CommonJS), so TypeScript tests can import it.
/* eslint-disable @typescript-eslint/no-explicit-any -- typings of plain-JS helpers: example workflows are loose JSON. */
import type { RunningSandbox } from '../sandbox';
import type { ChatInbox } from './chat-inbox';
import type { N8nInstance } from './n8n/instance';
import type { Maildev } from './n8n/maildev';
import type { Log, Runtime } from './n8n/runtime';

export interface StackPorts {
	n8n: number;
	sandbox: number;
	smtp: number;
	/** maildev's web inbox. */
	mail: number;
	chat: number;
}

export interface StackOptions {
	/** Keeps n8n's database, the sandbox state, mails and chat messages (default <repo>/.n8n-local). */
	dataDir?: string;
	/** Wipe dataDir first. */
	reset?: boolean;
	/** Defaults DEFAULT_PORTS; 0 = a free port. */
	ports?: Partial<StackPorts>;
	/** Keep the sandbox state in dataDir/sandbox-state.json across restarts (default true). */
	persistSandbox?: boolean;
	/** 'auto' (default): build when dist/ is missing or older than the sources; true: always; false: never. */
	build?: 'auto' | boolean;
	/** Extra environment for n8n. */
	n8nEnv?: Record<string, string>;
	/** Sandbox: paid → delivered after this many ms (default 300). */
	deliveryDelayMs?: number;
	log?: Log;
	/** The repository (default: the one holding scripts/). */
	root?: string;
}

export interface StackWorkflow {
	id: string;
	name: string;
	/** examples/<name>.json */
	file: string;
	/** The editor URL of the workflow. */
	url: string;
	/** Production webhook URL (null when the workflow has no webhook trigger). */
	webhookUrl: string | null;
}

export interface Stack {
	root: string;
	dataDir: string;
	paths: ReturnType<typeof dataPaths>;
	/** True when n8n's database did not exist before this start. */
	firstStart: boolean;
	ports: StackPorts;
	runtime: Runtime;
	owner: { email: string; password: string; firstName: string; lastName: string };
	/** Set when the owner could not sign in (password changed by the user). */
	ownerNote: string | null;
	/** "n8n-auth=…" of the owner (null when the sign-in failed). */
	cookie: string | null;
	n8n: N8nInstance;
	sandbox: RunningSandbox;
	/** The compiled sandbox module (build/sandbox/index.js): DEMO_KEYS, computeSignature… */
	sandboxModule: typeof import('../sandbox');
	mail: Maildev;
	chat: ChatInbox;
	credentials: {
		ovh: { id: string; name: string; type: 'ovhApi' };
		smtp: { id: string; name: string; type: 'smtp' };
	};
	workflows: { renewVps: StackWorkflow; review: StackWorkflow; renewWebhook: StackWorkflow };
	urls: {
		editor: string;
		signIn: string;
		sandbox: string;
		sandboxAdmin: string;
		mailInbox: string;
		chatInbox: string;
		chatWebhook: string;
	};
	startedInSeconds: number;
	/** Stops n8n, maildev, the chat inbox and the sandbox; idempotent. */
	stop(): Promise<void>;
}

export interface ExampleSpec {
	key: 'renewVps' | 'review' | 'renewWebhook';
	file: string;
	id: string;
	publish: boolean;
	webhookPath?: string;
}

export const ROOT: string;
export const DEFAULT_PORTS: Readonly<StackPorts>;
export const OWNER: Readonly<{ email: string; password: string; firstName: string; lastName: string }>;
export const CREDENTIALS: Stack['credentials'];
export const EXAMPLES: readonly ExampleSpec[];
export const CHAT_CHANNEL: string;

export function startStack(options?: StackOptions): Promise<Stack>;
/** Builds the package when dist/ is missing or stale; returns whether it built. */
export function ensurePackageBuilt(options?: { root?: string; force?: 'auto' | boolean; log?: Log }): boolean;
export function loadSandbox(options?: { root?: string; log?: Log }): typeof import('../sandbox');
export function wipeDataDir(dataDir: string, log?: Log): void;
export function dataPaths(dataDir: string): {
	dataDir: string;
	stackFile: string;
	lockFile: string;
	userFolder: string;
	sandboxState: string;
	mailDir: string;
	chatStore: string;
	logsDir: string;
};
export function readExamples(root?: string): Array<ExampleSpec & { workflow: any }>;
export function exampleWorkflow(example: ExampleSpec, options: { root?: string; chatWebhookUrl: string }): any;
export function sleep(ms: number): Promise<void>;
