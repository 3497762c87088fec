/** n8n's CredentialTypes service for the harness: the registered credential classes and their properties. */
import {
	NodeHelpers,
	UnexpectedError,
} from 'n8n-workflow';
import type {
	ICredentialType,
	INodeProperties,
	INodeType,
} from 'n8n-workflow';

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

/** CLI `getCredentialsProperties`: a type's properties, merged with those of the types it extends. */
export function credentialProperties(types: HarnessCredentialTypes, type: string): INodeProperties[] {
	const credentialTypeData = types.getByName(type);

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
		NodeHelpers.mergeNodeProperties(combineProperties, credentialProperties(types, credentialsTypeName));
	}
	NodeHelpers.mergeNodeProperties(combineProperties, credentialTypeData.properties);
	return combineProperties;
}
