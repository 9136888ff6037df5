// Errors the emulator answers with. The HTTP layer turns one into a rest-json error response:
// status code, `x-amzn-errortype: <errorType>` and body {"Message", "RequestID"}, which is what
// the AWS SDK parses into an exception of that name.

export type EmulatorErrorType =
  | 'BadRequestException'
  | 'ForbiddenException'
  | 'NotFoundException'
  | 'MethodNotAllowedException'
  | 'PayloadTooLargeException'
  | 'TooManyRequestsException'
  | 'InternalServerErrorException'
  // AWS's own, answered before a request reaches the service: a signature refused (signature.ts).
  | 'MissingAuthenticationTokenException'
  | 'UnrecognizedClientException'
  | 'InvalidSignatureException';

/** The model's httpStatusCode of each exception shape; AWS's 403 for a refused signature. */
export const ERROR_STATUS: Readonly<Record<EmulatorErrorType, number>> = {
  BadRequestException: 400,
  ForbiddenException: 403,
  NotFoundException: 404,
  MethodNotAllowedException: 405,
  PayloadTooLargeException: 413,
  TooManyRequestsException: 429,
  InternalServerErrorException: 500,
  MissingAuthenticationTokenException: 403,
  UnrecognizedClientException: 403,
  InvalidSignatureException: 403,
};

export class EmulatorError extends Error {
  readonly errorType: EmulatorErrorType;
  readonly status: number;
  /** For a rejected batch item: its position and Id (when it had one). */
  readonly itemIndex?: number;
  readonly itemId?: string;

  constructor(
    errorType: EmulatorErrorType,
    message: string,
    item: { index?: number; id?: string } = {},
  ) {
    super(message);
    this.name = 'EmulatorError';
    this.errorType = errorType;
    this.status = ERROR_STATUS[errorType];
    this.itemIndex = item.index;
    this.itemId = item.id;
  }
}

export function isEmulatorError(e: unknown): e is EmulatorError {
  return e instanceof EmulatorError;
}

export function badRequest(message: string): EmulatorError {
  return new EmulatorError('BadRequestException', message);
}

/** A rejected batch item; the message names the item so a client can isolate it. */
export function badItem(reason: string, index: number, id: unknown): EmulatorError {
  const hasId = typeof id === 'string' && id !== '';
  const where = hasId ? `Id: ${id}` : `item ${index}`;
  return new EmulatorError('BadRequestException', `${reason} (${where})`, {
    index,
    id: hasId ? id : undefined,
  });
}
