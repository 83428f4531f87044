/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ["**/.*", "**/*.test.*", "**/*.server.ts"],
  serverModuleFormat: "esm",
  serverPlatform: "node",
  // Bundled on the server so that server rendering sees the same single Polaris copy (and its
  // JSON locale imports) as the browser; unbundled, Polaris fails on the import under Node ESM.
  serverDependenciesToBundle: [/^@shopify\/polaris/, /^@shopify\/shopify-app-remix\/react/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    v3_lazyRouteDiscovery: true,
    // Off: `authenticate.admin` signals redirects and bounces with thrown Responses that assume
    // the classic data protocol.
    v3_singleFetch: false,
  },
};
