import { createMemoryStore } from '../../src/store/memory.js';
import { describeStore } from './conformance.js';

describeStore('memory', async () => ({
  open: async () => createMemoryStore(),
  dispose: async () => {},
}));
