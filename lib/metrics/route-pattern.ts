type RouteParams = Record<string, string | string[] | undefined>;

/**
 * `/api/job-runs/5f0…/cancel` with `{ id: "5f0…" }` → `/api/job-runs/{id}/cancel`: the route's
 * file path, recovered from the URL by putting each dynamic segment's name back in its place.
 */
export function routePattern(pathname: string, params: RouteParams = {}): string {
  const names = new Map<string, string>();
  for (const [name, value] of Object.entries(params)) {
    for (const segment of Array.isArray(value) ? value : value === undefined ? [] : [value]) names.set(segment, name);
  }
  return pathname
    .split("/")
    .map((segment) => {
      const name = names.get(decoded(segment));
      return name === undefined ? segment : `{${name}}`;
    })
    .join("/");
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
