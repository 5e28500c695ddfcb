export type * from './content.js';
export type * from './message.js';
export type * from './model-info.js';
export type * from './provider.js';
export type * from './request.js';
export type * from './response.js';
export type * from './stream.js';
export type * from './usage.js';
