/**
 * What a request, job or command may see. A business scope reaches only that business's rows;
 * the all-businesses scope belongs to system admins and to the system itself (worker claim,
 * maintenance). There is deliberately no "anonymous" or "default" scope: code that has no scope
 * cannot reach tenant data.
 */
export type Scope = { readonly kind: "business"; readonly businessId: string } | { readonly kind: "all" };

export function businessScope(businessId: string): Scope {
  if (!businessId) throw new Error("A business scope needs a business id");
  return Object.freeze({ kind: "business", businessId });
}

export const ALL_BUSINESSES: Scope = Object.freeze({ kind: "all" });

export function scopeBusinessId(scope: Scope): string | undefined {
  return scope.kind === "business" ? scope.businessId : undefined;
}
