import { expect, test as setup } from "@playwright/test";
import { ROLES, storageStatePath, type Role } from "./support/roles";
import { signInWithCredentials } from "./support/sign-in";

for (const role of Object.keys(ROLES) as Role[]) {
  setup(`sign in as ${role}`, async ({ request }) => {
    const { signedIn } = await signInWithCredentials(request, ROLES[role]);
    expect(signedIn).toBe(true);
    await request.storageState({ path: storageStatePath(role) });
  });
}
