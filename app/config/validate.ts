// Turns zod issues into messages that name the source, the key path, what was
// expected and what was found.
import type { $ZodError, $ZodIssue } from 'zod/v4/core';
import { describeValue, formatKeyPath } from './errors.js';

function expectedOf(issue: $ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const e = issue.expected as string;
      return ({ object: 'a table', record: 'a table', int: 'an integer', number: 'a number', string: 'a string', boolean: 'a boolean', array: 'an array' } as Record<string, string>)[e] ?? e;
    }
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'too_small':
      return issue.origin === 'array' ? `an array with at least ${issue.minimum} element(s)` : `a number ${issue.inclusive ? '>=' : '>'} ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'array' ? `an array with at most ${issue.maximum} element(s)` : `a number ${issue.inclusive ? '<=' : '<'} ${issue.maximum}`;
    case 'invalid_union': {
      const alts = issue.errors.map((errs) => (errs[0] ? expectedOf(errs[0]) : 'something else'));
      return [...new Set(alts)].join(' or ');
    }
    default:
      return issue.message;
  }
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

export interface IssueReport {
  readonly path: readonly PropertyKey[];
  readonly text: string;
}

/** One report per issue: "invalid value for `key`: expected X, found Y". */
export function describeIssues(error: $ZodError, data: unknown): IssueReport[] {
  return error.issues.map((issue) => {
    const found = valueAt(data, issue.path);
    return {
      path: issue.path,
      text: `invalid value for \`${formatKeyPath(issue.path)}\`: expected ${expectedOf(issue)}, found ${describeValue(found)}`,
    };
  });
}
