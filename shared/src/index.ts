export * from './domain/roles.ts';
export * from './domain/directory.ts';
export * from './documents/ids.ts';
export * from './documents/layout.ts';
export * from './access/access.ts';
export * from './sync/protocol.ts';
export * from './sync/client.ts';
export * from './dashboard/index.ts';
