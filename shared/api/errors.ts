/**
 * The one error type of the API: thrown by the store and the services, and crossing every transport
 * as ApiErrorShape (the CLI exit code follows `code`: services/errors.ts exitCodeOf). Here,
 * beside the contract, so the store (below the services) need not import from the services.
 */
import type { ApiErrorCode, ApiErrorShape, ImportIssue } from './contract';
import type { Problem } from '../domain/types';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  problems?: Problem[];
  errors?: ImportIssue[];
  warnings?: ImportIssue[];

  constructor(
    code: ApiErrorCode,
    message: string,
    extra: { problems?: Problem[]; errors?: ImportIssue[]; warnings?: ImportIssue[] } = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (extra.problems) this.problems = extra.problems;
    if (extra.errors) this.errors = extra.errors;
    if (extra.warnings) this.warnings = extra.warnings;
  }

  toShape(): ApiErrorShape {
    const shape: ApiErrorShape = { code: this.code, message: this.message };
    if (this.problems) shape.problems = this.problems;
    if (this.errors) shape.errors = this.errors;
    if (this.warnings) shape.warnings = this.warnings;
    return shape;
  }
}
