/**
 * Set once the page has chosen where to go next (sign-out sends it to the sign-in form). Requests
 * still in flight may then fail with 401, because the session has just ended: they must not send
 * the user somewhere else.
 */
let leaving = false;

export function markPageLeaving(): void {
  leaving = true;
}

/** The page stays after all (the sign-out failed). */
export function cancelPageLeaving(): void {
  leaving = false;
}

export function isPageLeaving(): boolean {
  return leaving;
}
