/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM database drivers must be loaded by Node, not bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg"],
  poweredByHeader: false,
  // Lets two builds (e.g. two end-to-end suites) live side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  typedRoutes: false,
  // Types are checked once for the whole project by `npm run typecheck` in the test command.
  typescript: { ignoreBuildErrors: true },
  // forbidden() answers a user without a business with a real 403 page.
  experimental: { authInterrupts: true },
};

export default nextConfig;
