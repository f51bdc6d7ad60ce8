// The fix: an exact allowlist, so only https://www.example.com may read with the session.
export default {
  origin: ['https://www.example.com'],
  credentials: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
};
