// Types for instance.js (plain CommonJS), so TypeScript tests can import it.
/* eslint-disable @typescript-eslint/no-explicit-any -- typings of plain-JS helpers: n8n answers with loose JSON, puppeteer objects are typed by puppeteer-core (not a project dependency). */
import type { Log, Runtime } from './runtime';

export interface N8nInstance {
	/** http://127.0.0.1:<port> (no trailing slash). */
	baseUrl: string;
	port: number;
	brokerPort: number;
	userFolder: string;
	/** n8n's output (stdout + stderr): <userFolder>/n8n.log. */
	logFile: string;
	/** pid of `n8n start`, also its process-group id. */
	pid: number;
	/** The env n8n runs with (reuse it for CLI commands on the same instance). */
	env: NodeJS.ProcessEnv;
	runtime: Runtime;
	/** Where the package was put (null without packageDir). */
	package: { name: string; version: string; target: string } | null;
	exited(): { code: number | null; signal: string | null } | null;
	/** SIGTERM to the process group, SIGKILL after timeoutMs; resolves when nothing of it is left. */
	stop(options?: { timeoutMs?: number }): Promise<void>;
}

export interface StartOptions {
	/** From ensureRuntime(); ensured when omitted. */
	runtime?: Runtime;
	/** Free ports are picked when omitted. */
	port?: number;
	brokerPort?: number;
	/** N8N_USER_FOLDER: n8n keeps .n8n/ (database, config, nodes) there. */
	userFolder: string;
	/** A built package (package.json + dist/) to install as a community package. */
	packageDir?: string;
	/** 'copy' (default, like production) or 'symlink'. */
	packageMode?: 'copy' | 'symlink';
	/** Extra or overriding environment for n8n. */
	env?: Record<string, string>;
	log?: Log;
	/** How long to wait for /healthz/readiness (default 120000). */
	timeoutMs?: number;
}

export interface OwnerCredentials {
	email: string;
	/** 8–64 characters with a digit and an uppercase letter. */
	password: string;
	firstName?: string;
	lastName?: string;
}

export interface CredentialInput {
	id?: string;
	name: string;
	type: string;
	/** Plaintext; n8n encrypts it. */
	data: Record<string, unknown>;
}

export interface WorkflowInput {
	id?: string;
	name: string;
	nodes: Array<Record<string, any>>;
	connections?: Record<string, any>;
	settings?: Record<string, any>;
	[key: string]: any;
}

export interface Execution {
	id: string;
	status: 'new' | 'running' | 'success' | 'error' | 'crashed' | 'canceled' | 'waiting' | string;
	mode: string;
	finished: boolean;
	workflowId: string;
	startedAt: string;
	stoppedAt: string | null;
	waitTill: string | null;
	/** With includeData: data.resultData.runData['<node>'][0].data.main[0] = items, data.resultData.error. */
	data?: any;
	[key: string]: any;
}

export const DEFAULT_ENCRYPTION_KEY: string;
export function freePort(): Promise<number>;
export function waitFor<T>(
	fn: () => T | Promise<T>,
	options?: { timeoutMs?: number; intervalMs?: number; what?: string },
): Promise<NonNullable<T>>;
export function newId(): string;
export function installPackage(options: {
	userFolder: string;
	packageDir: string;
	mode?: 'copy' | 'symlink';
}): { name: string; version: string; target: string };
export function n8nEnv(
	runtime: Runtime,
	options: { port: number; brokerPort: number; userFolder: string; env?: Record<string, string> },
): NodeJS.ProcessEnv;
export function startN8n(options: StartOptions): Promise<N8nInstance>;

export function request(
	url: string,
	options?: {
		method?: string;
		body?: unknown;
		cookie?: string;
		apiKey?: string;
		headers?: Record<string, string>;
		/** Accepted statuses (default [200]); null accepts any. */
		expect?: number[] | null;
	},
): Promise<{ status: number; json: any; text: string; headers: Headers }>;

export function setupOwner(
	baseUrl: string,
	owner: OwnerCredentials,
): Promise<{ cookie: string | null; user: any; alreadySetUp: boolean }>;
/** Returns "n8n-auth=…" for the Cookie header. */
export function login(baseUrl: string, creds: { email: string; password: string }): Promise<string>;
export function createApiKey(
	baseUrl: string,
	cookie: string,
	options?: { label?: string; scopes?: string[] },
): Promise<string>;

export interface CliOptions {
	/** Run against a running instance (uses its env). */
	instance?: N8nInstance;
	env?: Record<string, string>;
}
export function runCli(
	runtime: Runtime,
	userFolder: string,
	args: string[],
	options?: CliOptions & { timeoutMs?: number },
): Promise<{ code: number | null; stdout: string; stderr: string }>;
export function importCredentials(
	runtime: Runtime,
	userFolder: string,
	creds: CredentialInput[],
	options?: CliOptions,
): Promise<Array<CredentialInput & { id: string }>>;
export function importWorkflows(
	runtime: Runtime,
	userFolder: string,
	workflows: WorkflowInput[],
	options?: CliOptions,
): Promise<Array<WorkflowInput & { id: string }>>;
export function executeWorkflowCli(
	runtime: Runtime,
	userFolder: string,
	id: string,
	options?: CliOptions,
): Promise<{ code: number | null; stdout: string; stderr: string; output: any }>;

export function getWorkflow(baseUrl: string, cookie: string, id: string): Promise<any>;
export function activateWorkflow(baseUrl: string, cookie: string, id: string, options?: { versionId?: string }): Promise<any>;
export function deactivateWorkflow(baseUrl: string, cookie: string, id: string): Promise<any>;
/** Returns the executionId, or the finished execution when `wait` (an API key) is given. */
export function executeWorkflow(
	baseUrl: string,
	cookie: string,
	id: string,
	options?: { triggerName?: string; wait?: undefined; timeoutMs?: number },
): Promise<string>;
export function executeWorkflow(
	baseUrl: string,
	cookie: string,
	id: string,
	options: { triggerName?: string; wait: string; timeoutMs?: number },
): Promise<Execution>;
export function getExecution(
	baseUrl: string,
	apiKey: string,
	id: string | number,
	options?: { includeData?: boolean },
): Promise<Execution>;
export function listExecutions(
	baseUrl: string,
	apiKey: string,
	options?: { workflowId?: string; status?: string; limit?: number; includeData?: boolean },
): Promise<{ data: Execution[]; nextCursor: string | null }>;
export function waitForExecution(
	baseUrl: string,
	apiKey: string,
	id: string | number,
	options?: { timeoutMs?: number; untilStatus?: string[] },
): Promise<Execution>;
export function testCredential(
	baseUrl: string,
	cookie: string,
	credential: { id: string; name?: string; type?: string; data?: Record<string, unknown> },
): Promise<{ status: 'OK' | 'Error'; message: string }>;
export function testCredentialById(
	baseUrl: string,
	apiKey: string,
	id: string,
): Promise<{ status: 'OK' | 'Error'; message: string }>;
export function createCredential(baseUrl: string, cookie: string, credential: CredentialInput): Promise<any>;
export function createWorkflow(
	baseUrl: string,
	apiKey: string,
	workflow: { name: string; nodes: Array<Record<string, any>>; connections?: Record<string, any>; settings?: Record<string, any> },
): Promise<any>;
export function getNodeTypes(baseUrl: string, cookie: string): Promise<Array<Record<string, any>>>;
export function getCredentialTypes(baseUrl: string, cookie: string): Promise<Array<Record<string, any>>>;
export function getNodeTypeDescriptions(
	baseUrl: string,
	cookie: string,
	nodeInfos: Array<{ name: string; version: number }>,
): Promise<Array<Record<string, any>>>;
