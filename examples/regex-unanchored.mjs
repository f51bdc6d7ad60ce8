// @fastify/cors's README regex with no start anchor: https://evilexample.com matches it too.
export default {
  origin: /example\.com$/,
  credentials: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
};
