/** An error the host reports to the renderer: a code for the program, a message for the person, the node if any. */
export class HostFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly nodeId?: string,
  ) {
    super(message);
    this.name = 'HostFailure';
  }
}
