import type { IExecuteFunctions } from 'n8n-workflow';

import type { OvhContext } from './transport';

/** The execution's ID, when the context has one (a node execution; not a dropdown, nor every poll). */
export function executionId(context: OvhContext): string | undefined {
	const getId = (context as Partial<IExecuteFunctions>).getExecutionId;
	try {
		const id = typeof getId === 'function' ? getId.call(context) : undefined;
		return id ? String(id) : undefined;
	} catch {
		return undefined;
	}
}

/**
 * What nodes learn during an execution and later nodes of the same execution reuse (offers read, batch refused), in
 * this process, for the last `limit` executions only: the oldest is forgotten first.
 */
export class ExecutionMemory<V> {
	private readonly entries = new Map<string, V>();

	constructor(private readonly limit = 200) {}

	get(key: string): V | undefined {
		return this.entries.get(key);
	}

	set(key: string, value: V): void {
		this.entries.delete(key);
		this.entries.set(key, value);
		while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
	}
}
