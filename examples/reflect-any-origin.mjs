// origin: true reflects whatever Origin arrives, with credentials: every site reads as the user.
export default {
  origin: true,
  credentials: true,
  methods: ['GET', 'HEAD', 'POST', 'PUT', 'DELETE'],
};
