/**
 * Credential storage and an `ICredentialsHelper` that mirrors n8n's CLI implementation
 * (packages/cli/src/credentials-helper.ts, n8n 2.41): `authenticate`, `preAuthentication`
 * (expirable hidden field + persistence through `updateCredentials`), `runPreAuthentication`,
 * `getDecrypted` (defaults + expression resolution) and `updateCredentials`.
 *
 * What is deliberately left out (no database, no licence): dynamic/end-user credentials,
 * external secrets, credential overwrites, the AI gateway and policy enforcement.
 */
import {
	ICredentialsHelper,
	isExpression,
	UnexpectedError,
	UserError,
	Workflow,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	ICredentialType,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { ensureEnvironment } from './environment';
import { applyCredentialDefaults, resolveCredentialValue, restrictToCredentialDomains } from './credential-data';
import { PlainCredentials } from './credential-store';
import type { CredentialStore } from './credential-store';
import { credentialProperties } from './credential-types';
import type { HarnessCredentialTypes } from './credential-types';

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
							const keyResolved = resolveCredentialValue(key, { $credentials: credentials }, workflow, node);
							const valueResolved = resolveCredentialValue(
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
		return await applyCredentialDefaults(
			this.getCredentialsProperties(type),
			additionalData,
			decryptedDataOriginal,
			mode,
			executeData,
			expressionResolveValues,
		);
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
		return credentialProperties(this.credentialTypes, type);
	}
}
