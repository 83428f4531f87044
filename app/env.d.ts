/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

import "@remix-run/node";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The network address the request came from, as the HTTP server saw it. */
    clientAddress: string;
  }
}
