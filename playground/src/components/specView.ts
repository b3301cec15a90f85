/**
 * A received body printed the way the spec prints its examples: `userId`, `type`, `event`,
 * `properties`, `context.groupId` (for identify and group calls, their own fields). Values are
 * exactly as received; the tag's other context fields are left out.
 */
export function specView(body: unknown): unknown {
  if (typeof body !== 'object' || body === null) return body
  const { userId, type, event, properties, context, groupId, traits } = body as Record<string, unknown>
  switch (type) {
    case 'track':
      return {
        userId,
        type,
        event,
        properties,
        context: { groupId: (context as { groupId?: unknown } | undefined)?.groupId },
      }
    case 'identify':
      return { userId, type, traits }
    case 'group':
      return { userId, type, groupId, traits }
    default:
      return body
  }
}
