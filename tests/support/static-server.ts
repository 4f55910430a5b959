// Moved to checks/demo (npm start serves both sites too); tests keep importing from here.
export * from '../../checks/demo/static-server.ts';
