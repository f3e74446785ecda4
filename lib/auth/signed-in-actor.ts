import { loadSessionActor, type Actor } from "../tenancy/actor";
import { sessionIdentity } from "./auth";

/**
 * The actor behind the current request's session, re-read from the database, or null when nobody
 * is signed in or the session has ended (signed out elsewhere, password changed, user removed).
 */
export async function loadSignedInActor(): Promise<Actor | null> {
  const identity = await sessionIdentity();
  return identity ? loadSessionActor(identity) : null;
}
