// Errors the action reports as one `::error::` with a cause and a fix. Anything
// else that escapes is unexpected and is reported with its own message.

/** One or more invalid inputs; raised before any request is sent. */
export class InputError extends Error {
  constructor(readonly problems: { input: string; message: string }[]) {
    super(
      problems.length === 1
        ? `Input \`${problems[0]!.input}\`: ${problems[0]!.message}`
        : `${problems.length} inputs are invalid:\n` +
            problems.map((p) => `- \`${p.input}\`: ${p.message}`).join('\n')
    )
    this.name = 'InputError'
  }
}

/** A failure already explained for a person: what happened, and what to do. */
export class ActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'ActionError'
  }
}

/** The run was cancelled (SIGINT/SIGTERM from the runner) before this step. */
export class CancelledError extends Error {
  constructor(message = 'the run was cancelled before this request was sent') {
    super(message)
    this.name = 'CancelledError'
  }
}

export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message
  return String(error)
}
