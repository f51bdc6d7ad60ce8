import { Type } from '@fastify/type-provider-typebox';

export const Username = Type.String({ pattern: '^[a-z][a-z0-9_-]{1,31}$', description: 'lower-case user name' });

export const LoginBody = Type.Object({ username: Username, password: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const NewAccountBody = Type.Object(
  {
    username: Username,
    password: Type.String({ minLength: 8, maxLength: 200 }),
    balanceCents: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000_00 })),
  },
  { additionalProperties: false },
);
