import { createServer } from "node:net";

/** PORT cannot be listened on: taken by another process, or not allowed. One line, no stack. */
export class PortUnavailableError extends Error {
  constructor(port: number, host: string | undefined, code: string | undefined) {
    const where = host ? `${host}:${port}` : String(port);
    super(
      code === "EADDRINUSE"
        ? `PORT ${where} is already in use (another kundenbot, or another program): stop it, or set PORT to a free port.`
        : `cannot listen on PORT ${where} (${code ?? "unknown error"}): set PORT to a free port above 1023.`,
    );
    this.name = "PortUnavailableError";
  }
}

/** The listen error as PortUnavailableError when it is about the port, else as it is. */
export function portError(err: unknown, port: number, host: string | undefined): unknown {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  return code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL"
    ? new PortUnavailableError(port, host, code)
    : err;
}

/**
 * Checks that PORT can be listened on, before the database is opened: a taken port is then one
 * line naming PORT, and no database (nor DATA_DIR's lock) is touched. The real listen comes later
 * and reports the same way should the port be taken in between.
 */
export async function assertPortFree(port: number, host: string | undefined): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once("error", (err) => reject(portError(err, port, host)));
    probe.listen({ port, host, exclusive: true }, () => resolve());
  });
  await new Promise<void>((resolve) => probe.close(() => resolve()));
}
