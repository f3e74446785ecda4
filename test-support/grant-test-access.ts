// Tests set up and inspect rows of many businesses directly. The code under test still runs in the
// access its own scopes give it; the row-level security test withholds access explicitly.
import { grantProcessDatabaseAccess } from "../lib/db/database-access";

grantProcessDatabaseAccess("test setup and assertions");
