// A dev server that echoes any Origin back with credentials, "because it only runs on
// localhost": every website the developer visits may read it as the developer, unless the
// browser's Local Network Access permission stops the request first.
export default {
  origin: true,
  credentials: true,
};
