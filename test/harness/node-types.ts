/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals, @n8n/community-nodes/require-node-api-error -- test harness, never shipped */
/**
 * `INodeTypes` for the harness: the package's real node classes, reachable under every name
 * a workflow may use for them, plus a Manual-Trigger stand-in.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { NodeConnectionTypes, NodeHelpers, UnexpectedError } from 'n8n-workflow';
import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IExecuteFunctions,
	IVersionedNodeType,
} from 'n8n-workflow';

export type NodeTypeClass = new () => INodeType | IVersionedNodeType;

export const MANUAL_TRIGGER_TYPE = 'n8n-nodes-base.manualTrigger';

/** The package name n8n prefixes node types with (`<package>.<node>`). */
export const PACKAGE_NAME: string = (
	JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { name: string }
).name;

/**
 * Stand-in for n8n's Manual Trigger: emits the items the harness puts on the execution
 * stack (default `[{ json: {} }]`, exactly what the real one emits).
 */
export class HarnessManualTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Manual Trigger',
		name: 'manualTrigger',
		icon: 'fa:mouse-pointer',
		group: ['trigger'],
		version: [1],
		description: 'Runs the flow on clicking a button in n8n',
		maxNodes: 1,
		defaults: { name: 'When clicking ‘Execute workflow’' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [this.getInputData()];
	}
}

function versionsOf(type: INodeType | IVersionedNodeType): number[] {
	if ('nodeVersions' in type) return Object.keys(type.nodeVersions).map(Number);
	const { version } = type.description;
	return Array.isArray(version) ? version : [version];
}

export function latestVersion(type: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in type) return type.currentVersion;
	return Math.max(...versionsOf(type));
}

export interface ThrownNodeError {
	nodeName: string;
	/** The instance the node threw (the engine itself only keeps a plain-object copy). */
	error: Error;
}

type ExecuteLike = (this: { getNode(): { name: string } }, ...args: unknown[]) => Promise<unknown>;

export class HarnessNodeTypes implements INodeTypes {
	/** Errors thrown out of `execute()`/`poll()`, in order. */
	readonly thrown: ThrownNodeError[] = [];

	private readonly wrapped = new WeakMap<INodeType, INodeType>();

	/** full name → type */
	private readonly byFullName = new Map<string, INodeType | IVersionedNodeType>();
	/** short name (`description.name`) → type */
	private readonly byShortName = new Map<string, INodeType | IVersionedNodeType>();

	constructor(classes: Array<NodeTypeClass | INodeType | IVersionedNodeType>) {
		this.add(new HarnessManualTrigger(), MANUAL_TRIGGER_TYPE);
		for (const entry of classes) {
			const type = typeof entry === 'function' ? new entry() : entry;
			this.add(type, `${PACKAGE_NAME}.${type.description.name}`);
		}
	}

	private add(type: INodeType | IVersionedNodeType, fullName: string) {
		const shortName = type.description.name;
		this.byFullName.set(fullName, type);
		this.byShortName.set(shortName, type);
	}

	/** Full type name a node of this class has in a saved workflow. */
	fullName(type: INodeType | IVersionedNodeType): string {
		for (const [name, candidate] of this.byFullName) if (candidate === type) return name;
		return `${PACKAGE_NAME}.${type.description.name}`;
	}

	/**
	 * Resolves `<package>.<name>`, `CUSTOM.<name>`, `n8n-nodes-base.manualTrigger`, or a
	 * bare `<name>`; anything else with a matching suffix is accepted too.
	 */
	resolve(nodeType: string): INodeType | IVersionedNodeType | undefined {
		const exact = this.byFullName.get(nodeType) ?? this.byShortName.get(nodeType);
		if (exact) return exact;
		const shortName = nodeType.slice(nodeType.lastIndexOf('.') + 1);
		return this.byShortName.get(shortName);
	}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.resolve(nodeType);
		if (!type) throw this.unknown(nodeType);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return this.recording(NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version));
	}

	/**
	 * The same node type, seen through a proxy whose `execute`/`poll` record what they throw
	 * (then rethrow it unchanged).
	 */
	private recording(type: INodeType): INodeType {
		const cached = this.wrapped.get(type);
		if (cached) return cached;
		const thrown = this.thrown;
		const wrap = (original: ExecuteLike): ExecuteLike =>
			async function (this: { getNode(): { name: string } }, ...args: unknown[]) {
				try {
					return await original.apply(this, args);
				} catch (error) {
					thrown.push({ nodeName: this.getNode().name, error: error as Error });
					throw error;
				}
			};
		const wrappers = new Map<PropertyKey, ExecuteLike>();
		for (const key of ['execute', 'poll'] as const) {
			const original = type[key] as ExecuteLike | undefined;
			if (typeof original === 'function') wrappers.set(key, wrap(original));
		}
		const proxy = new Proxy(type, {
			get: (target, prop) => wrappers.get(prop) ?? Reflect.get(target, prop, target),
		});
		this.wrapped.set(type, proxy);
		return proxy;
	}

	getKnownTypes(): IDataObject {
		const known: IDataObject = {};
		for (const name of this.byFullName.keys()) known[name] = { className: name, sourcePath: '' };
		return known;
	}

	/** [full name, node type at its latest version] pairs */
	knownNodeTypes(): Array<[string, INodeType]> {
		return [...this.byFullName].map(([name, type]) => [
			name,
			NodeHelpers.getVersionedNodeType(type),
		]);
	}

	private unknown(nodeType: string) {
		return new UnexpectedError(
			`Harness: unknown node type "${nodeType}". Known: ${[...this.byFullName.keys()].join(', ')}`,
		);
	}
}
