// Only `prisma dev` imports @prisma/streams-local; kundenbot does not use `prisma dev` (see package.json).
export async function startLocalDurableStreamsServer() {
  throw new Error("kundenbot: `prisma dev` is not supported here (its @prisma/streams-local is stubbed out)");
}
