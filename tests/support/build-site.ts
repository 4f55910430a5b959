// Moved to checks/demo (npm start builds and serves both sites too); tests keep importing from here.
export * from '../../checks/demo/build-site.ts';
