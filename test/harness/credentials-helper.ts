/* eslint-disable @n8n/community-nodes/require-node-api-error -- test harness, never shipped (mirrors the CLI helper, which rethrows) */
/**
 * Credential storage and an `ICredentialsHelper` that mirrors n8n's CLI implementation
 * (packages/cli/src/credentials-helper.ts, n8n 2.41): `authenticate`, `preAuthentication`
 * (expirable hidden field + persistence through `updateCredentials`), `runPreAuthentication`,
 * `getDecrypted` (defaults + expression resolution) and `updateCredentials`.
 *
 * What is deliberately left out (no database, no licence): dynamic/end-user credentials,
 * external secrets, credential overwrites, the AI gateway and policy enforcement.
 */
import { getAdditionalKeys } from 'n8n-core';
import {
	deepCopy,
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	NodeHelpers,
	UnexpectedError,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsEncrypted,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypes,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureEnvironment } from './environment';

// ---------------------------------------------------------------------------------------------
// Store (n8n's credentials table, decrypted)
// ---------------------------------------------------------------------------------------------

export interface HarnessCredential {
	/** Defaults to the key it is registered under. */
	id?: string;
	/** Defaults to the id. */
	name?: string;
	/** Credential type name, e.g. `ovhApi`. */
	type: string;
	data: ICredentialDataDecryptedObject;
}

interface StoredCredential {
	id: string;
	name: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

export interface CredentialUpdate {
	id: string;
	type: string;
	data: ICredentialDataDecryptedObject;
}

/**
 * Plays the role of n8n's credentials table: holds the (decrypted) stored data, hands out
 * copies (like a fresh DB read + decrypt each time) and records every write.
 * Share one store between several runs to see preAuthentication results persist.
 */
export class CredentialStore {
	private readonly entries = new Map<string, StoredCredential>();

	/** Every `updateCredentials` write, oldest first (copies). */
	readonly updates: CredentialUpdate[] = [];

	constructor(credentials: Record<string, HarnessCredential> = {}) {
		for (const [key, credential] of Object.entries(credentials)) this.set(key, credential);
	}

	set(key: string, credential: HarnessCredential): this {
		const id = credential.id ?? key;
		this.entries.set(id, {
			id,
			name: credential.name ?? id,
			type: credential.type,
			data: deepCopy(credential.data),
		});
		return this;
	}

	has(id: string): boolean {
		return this.entries.has(id);
	}

	/** A copy of the stored entry (or undefined). */
	get(id: string): StoredCredential | undefined {
		const entry = this.entries.get(id);
		return entry ? { ...entry, data: deepCopy(entry.data) } : undefined;
	}

	/** A copy of the stored data; throws if unknown. */
	data(id: string): ICredentialDataDecryptedObject {
		const entry = this.entries.get(id);
		if (!entry) throw new UserError(`Harness: no credential with id "${id}"`);
		return deepCopy(entry.data);
	}

	/** Replaces the stored data (what n8n's `credentialsRepository.update` does). */
	write(id: string, type: string, data: ICredentialDataDecryptedObject): void {
		const entry = this.entries.get(id);
		if (!entry || entry.type !== type) {
			throw new UserError(`Harness: cannot update credential "${id}" of type "${type}"`);
		}
		entry.data = deepCopy(data);
		this.updates.push({ id, type, data: deepCopy(data) });
	}

	/** First credential of the given type, if any. */
	findByType(type: string): StoredCredential | undefined {
		for (const entry of this.entries.values()) {
			if (entry.type === type) return this.get(entry.id);
		}
		return undefined;
	}

	/** Credentials of the given type (copies). */
	listByType(type: string): StoredCredential[] {
		return [...this.entries.values()]
			.filter((entry) => entry.type === type)
			.map((entry) => ({ ...entry, data: deepCopy(entry.data) }));
	}

	/** id → data, as persisted right now (copies). */
	snapshot(): Map<string, ICredentialDataDecryptedObject> {
		const result = new Map<string, ICredentialDataDecryptedObject>();
		for (const [id, entry] of this.entries) result.set(id, deepCopy(entry.data));
		return result;
	}
}

export function createCredentialStore(
	credentials: Record<string, HarnessCredential> = {},
): CredentialStore {
	return new CredentialStore(credentials);
}

export function toCredentialStore(
	credentials: Record<string, HarnessCredential> | CredentialStore | undefined,
): CredentialStore {
	return credentials instanceof CredentialStore ? credentials : new CredentialStore(credentials);
}

// ---------------------------------------------------------------------------------------------
// Credential types (n8n's CredentialTypes service)
// ---------------------------------------------------------------------------------------------

export type CredentialTypeClass = new () => ICredentialType;

export class HarnessCredentialTypes {
	private readonly types = new Map<string, ICredentialType>();

	constructor(
		classes: Array<CredentialTypeClass | ICredentialType>,
		/** full node type name → node type, for `supportedNodes` */
		private readonly nodeTypes?: { knownNodeTypes(): Array<[string, INodeType]> },
	) {
		for (const entry of classes) {
			const type = typeof entry === 'function' ? new entry() : entry;
			this.types.set(type.name, type);
		}
	}

	recognizes(name: string): boolean {
		return this.types.has(name);
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (!type) {
			throw new UnexpectedError(
				`Harness: unknown credential type "${name}" - pass its class in \`credentialTypes\``,
			);
		}
		return type;
	}

	getParentTypes(name: string): string[] {
		const type = this.types.get(name);
		if (type?.extends === undefined) return [];
		const parents = [...type.extends];
		for (const parent of type.extends) parents.push(...this.getParentTypes(parent));
		return parents;
	}

	/** Full names of the registered node types that declare this credential. */
	getSupportedNodes(name: string): string[] {
		const supported = new Set<string>(this.types.get(name)?.supportedNodes ?? []);
		for (const [fullName, nodeType] of this.nodeTypes?.knownNodeTypes() ?? []) {
			if (nodeType.description.credentials?.some((c) => c.name === name)) supported.add(fullName);
		}
		return [...supported];
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials helper (mirror of the CLI's CredentialsHelper)
// ---------------------------------------------------------------------------------------------

export type CredentialEvent =
	| { kind: 'authenticate'; credentialType: string }
	| {
			kind: 'preAuthentication';
			credentialType: string;
			credentialsExpired: boolean;
			/** whether the credential type's `preAuthentication` was actually called */
			ran: boolean;
	  }
	| { kind: 'runPreAuthentication'; credentialType: string }
	| { kind: 'getDecrypted'; credentialType: string; credentialId: string };

const mockNode: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const mockNodeType: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: ['transform'],
		version: 1,
		description: '',
		defaults: { name: 'Mock' },
		inputs: [],
		outputs: [],
		properties: [],
	},
};

const mockNodeTypes: INodeTypes = {
	getByName: () => mockNodeType,
	getByNameAndVersion: () => mockNodeType,
	getKnownTypes: () => ({}),
};

/** CLI: restricts the requests a `preAuthentication` hook issues to the credential's allowlist. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions): Promise<unknown> => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) {
					return await helpers.helpers.httpRequest(requestOptions);
				}
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

/**
 * What the CLI's `getCredentials` returns, minus the encryption: n8n-core's `Credentials`
 * needs an encryption-key provider the CLI wires at start-up, and nothing in an execution
 * reads the ciphertext.
 */
export class PlainCredentials extends ICredentials {
	private plain: ICredentialDataDecryptedObject = {};

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return deepCopy(this.plain);
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.plain = deepCopy(data);
		this.data = JSON.stringify(this.plain);
	}

	async updateData(
		toUpdate: Partial<ICredentialDataDecryptedObject>,
		toDelete: string[] = [],
	): Promise<void> {
		const next = { ...this.plain, ...toUpdate } as ICredentialDataDecryptedObject;
		for (const key of toDelete) delete next[key];
		await this.setData(next);
	}

	getDataToSave(): ICredentialsEncrypted {
		return { id: this.id, name: this.name, type: this.type, data: this.data };
	}
}

export class HarnessCredentialsHelper extends ICredentialsHelper {
	/** Everything this helper was asked to do, in order. */
	readonly events: CredentialEvent[] = [];

	constructor(
		readonly credentialTypes: HarnessCredentialTypes,
		readonly store: CredentialStore,
	) {
		super();
		ensureEnvironment();
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		incomingRequestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		this.events.push({ kind: 'authenticate', credentialType: typeName });
		const requestOptions = incomingRequestOptions;
		const credentialType = this.credentialTypes.getByName(typeName);

		if (credentialType.authenticate) {
			if (typeof credentialType.authenticate === 'function') {
				return await credentialType.authenticate(
					credentials,
					requestOptions as IHttpRequestOptions,
				);
			}

			if (typeof credentialType.authenticate === 'object') {
				if (!workflow || !node) {
					throw new UnexpectedError(
						'Workflow and node are required for declarative credential authentication',
					);
				}
				const { authenticate } = credentialType;
				if (requestOptions.headers === undefined) requestOptions.headers = {};

				if (authenticate.type === 'generic') {
					for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
						for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
							const keyResolved = this.resolveValue(key, { $credentials: credentials }, workflow, node);
							const valueResolved = this.resolveValue(
								value as string,
								{ $credentials: credentials },
								workflow,
								node,
							);
							const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
							if (!target[outerKey]) target[outerKey] = {};
							target[outerKey][keyResolved] = valueResolved;
						}
					}
				}
			}
		}

		return requestOptions as IHttpRequestOptions;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);

		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);

		if (expirableProperty?.name === undefined) {
			this.events.push({ kind: 'preAuthentication', credentialType: typeName, credentialsExpired, ran: false });
			return undefined;
		}

		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';

		if (typeof credentialType.preAuthentication === 'function') {
			if (
				credentials[expirableProperty.name] === '' ||
				credentialsExpired ||
				isTestingCredentials
			) {
				this.events.push({ kind: 'preAuthentication', credentialType: typeName, credentialsExpired, ran: true });
				const output = (await credentialType.preAuthentication.call(
					restrictToCredentialDomains(helpers, credentials),
					credentials,
				)) as ICredentialDataDecryptedObject;

				// only persist when the expirable property came back
				if (output[expirableProperty.name] === undefined) return undefined;

				if (node.credentials) {
					const nodeCredentials = node.credentials[credentialType.name];
					// never overwrite a field stored as an expression with its resolved value
					const storedData = await (
						await this.getCredentials(nodeCredentials, credentialType.name)
					).getData();
					const dataToPersist: ICredentialDataDecryptedObject = { ...storedData };
					for (const [key, value] of Object.entries(output)) {
						if (key === expirableProperty.name || !isExpression(storedData[key])) {
							dataToPersist[key] = value;
						}
					}
					await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
					return Object.assign(credentials, output);
				}
				return undefined;
			}
		}
		this.events.push({ kind: 'preAuthentication', credentialType: typeName, credentialsExpired, ran: false });
		return undefined;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		this.events.push({ kind: 'runPreAuthentication', credentialType: typeName });
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject) ?? undefined;
	}

	private resolveValue(
		parameterValue: string,
		additionalKeys: IWorkflowDataProxyAdditionalKeys,
		workflow: Workflow,
		node: INode,
	): string {
		if (!isExpression(parameterValue)) return parameterValue;
		const returnValue = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		if (!returnValue) return '';
		return returnValue.toString();
	}

	getParentTypes(typeName: string): string[] {
		return this.credentialTypes.getParentTypes(typeName);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		let typeDef: ICredentialType;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true;
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	async getCredentials(nodeCredential: INodeCredentialsDetails, type: string): Promise<PlainCredentials> {
		const entry = this.getEntry(nodeCredential, type);
		const credentials = new PlainCredentials({ id: entry.id, name: entry.name }, entry.type);
		await credentials.setData(entry.data);
		return credentials;
	}

	private getEntry(nodeCredential: INodeCredentialsDetails | undefined, type: string) {
		if (!nodeCredential?.id) {
			throw new UserError(
				`Credential "${nodeCredential?.name ?? '?'}" of type "${type}" has no id (the node's \`credentials.${type}\` needs an \`id\` that exists in the harness store)`,
			);
		}
		const entry = this.store.get(nodeCredential.id);
		if (!entry || entry.type !== type) {
			throw new UserError(`Credential with ID "${nodeCredential.id}" does not exist for type "${type}".`);
		}
		return entry;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const entry = this.getEntry(nodeCredentials, type);
		this.events.push({ kind: 'getDecrypted', credentialType: type, credentialId: entry.id });
		const decryptedDataOriginal = entry.data;
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	async applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const credentialsProperties = this.getCredentialsProperties(type);

		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			{ ...decryptedDataOriginal } as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;

		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			decryptedData.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}
		if (
			decryptedData.allowedHttpRequestDomains === undefined &&
			decryptedDataOriginal.allowedHttpRequestDomains !== undefined
		) {
			decryptedData.allowedHttpRequestDomains = decryptedDataOriginal.allowedHttpRequestDomains;
		}
		if (decryptedData.allowedDomains === undefined && decryptedDataOriginal.allowedDomains !== undefined) {
			decryptedData.allowedDomains = decryptedDataOriginal.allowedDomains;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });

		if (expressionResolveValues) {
			try {
				decryptedData = expressionResolveValues.workflow.expression.getParameterValue(
					decryptedData as INodeParameters,
					expressionResolveValues.runExecutionData,
					expressionResolveValues.runIndex,
					expressionResolveValues.itemIndex,
					expressionResolveValues.node.name,
					expressionResolveValues.connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} catch (e) {
				(e as Error).message += ' [Error resolving credentials]';
				throw e;
			}
		} else if (Object.values(decryptedData).some((value) => isExpression(value))) {
			const workflow = new Workflow({
				nodes: [mockNode],
				connections: {},
				active: false,
				nodeTypes: mockNodeTypes,
			});
			await workflow.expression.acquireIsolate();
			try {
				decryptedData = workflow.expression.getComplexParameterValue(
					mockNode,
					decryptedData as INodeParameters,
					mode,
					additionalKeys,
					undefined,
					undefined,
					decryptedData,
				) as ICredentialDataDecryptedObject;
			} finally {
				await workflow.expression.releaseIsolate();
			}
		}

		return decryptedData;
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.getEntry(nodeCredentials, type);
		this.store.write(entry.id, type, data);
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const entry = this.getEntry(nodeCredentials, type);
		this.store.write(entry.id, type, { ...entry.data, oauthTokenData: data.oauthTokenData });
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialTypeData = this.credentialTypes.getByName(type);

		if (credentialTypeData.extends === undefined) {
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}

		const combineProperties = [] as INodeProperties[];
		for (const credentialsTypeName of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(combineProperties, this.getCredentialsProperties(credentialsTypeName));
		}
		NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
		return combineProperties;
	}
}
