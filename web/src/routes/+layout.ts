// The app is a client-only SPA: every route renders in the browser from local data.
export const ssr = false;
export const prerender = false;
